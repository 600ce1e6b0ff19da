//! The webhook outbox: the deliveries an event owes, written in the transaction that writes
//! the event. So an event that commits has its deliveries committed with it, and a server
//! killed a moment later loses none of them; an event that rolls back owes nothing.
//!
//! Each delivery keeps the claim as it stood after the event, for the body sent.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use claimdesk_core::{
    DeliveryStatus,
    records::{Claim, ClaimEvent},
    webhooks::records::Webhook,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{
    StoreError,
    entities::{claim, claim_event, webhook, webhook_delivery},
};

/// How many deliveries one statement inserts.
const INSERT_CHUNK: usize = 1_000;

/// The enabled webhooks, read in a transaction before its events are written: on
/// PostgreSQL, before it takes the lock that orders events, so that the lock is held one
/// statement less.
pub(crate) struct Subscribers(Vec<Webhook>);

/// The enabled webhooks, which the events about to be written may owe deliveries to.
pub(crate) async fn subscribers(db: &impl ConnectionTrait) -> Result<Subscribers, StoreError> {
    let webhooks = webhook::Entity::find()
        .filter(webhook::Column::Enabled.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(Webhook::try_from)
        .collect::<Result<_, _>>()?;
    Ok(Subscribers(webhooks))
}

/// Queues the deliveries that the events `event_ids`, just written, owe to those of
/// `subscribers` that want them.
pub(crate) async fn enqueue(
    db: &impl ConnectionTrait,
    Subscribers(webhooks): &Subscribers,
    event_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if webhooks.is_empty() || event_ids.is_empty() {
        return Ok(());
    }
    let events: Vec<ClaimEvent> = claim_event::Entity::find()
        .filter(claim_event::Column::Id.is_in(event_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(ClaimEvent::try_from)
        .collect::<Result<_, _>>()?;
    let claim_ids: Vec<i64> = events.iter().map(|event| event.claim_id).collect();
    let claims: HashMap<i64, Claim> = claim::Entity::find()
        .filter(claim::Column::Id.is_in(claim_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| Claim::try_from(row).map(|claim| (claim.id, claim)))
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for event in &events {
        let Some(claim) = claims.get(&event.claim_id) else {
            continue;
        };
        let snapshot = serde_json::to_value(claim)
            .map_err(|error| StoreError::Corrupt(format!("a claim as JSON: {error}")))?;
        for webhook in webhooks
            .iter()
            .filter(|webhook| webhook.wants(event.kind, claim.article_id))
        {
            rows.push(webhook_delivery::ActiveModel {
                webhook_id: Set(webhook.id),
                event_id: Set(event.id),
                claim_id: Set(event.claim_id),
                status: Set(DeliveryStatus::Pending.as_ref().to_owned()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                claim: Set(snapshot.clone()),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(INSERT_CHUNK));
        webhook_delivery::Entity::insert_many(std::mem::replace(&mut rows, rest))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
