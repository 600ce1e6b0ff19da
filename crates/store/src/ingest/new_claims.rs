//! The request's claims that the article does not have yet: created at their spans, with their
//! sources, in batches, and then their CREATED events.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use claimdesk_core::{
    EventKind, TextSpan, event_detail, records::Claim, validation::ValidationError,
};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};

use super::{request::IngestClaim, sources::ensure_sources};
use crate::{
    StoreError,
    entities::{claim, source},
    history::{EventDraft, append_events},
};

/// Creates `claims` at their spans, with their sources (of which those `recorded` were found
/// before the transaction), in batches; their events follow with [`append_created_events`].
pub(super) async fn create_claims(
    txn: &DatabaseTransaction,
    article_id: i64,
    claims: &[(&IngestClaim, TextSpan)],
    recorded: HashMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Claim>, StoreError> {
    let named = claims.iter().filter_map(|(claim, _)| claim.source.as_ref());
    let sources = ensure_sources(txn, named, recorded, now).await?;
    let mut rows = Vec::with_capacity(claims.len());
    for (claim, span) in claims {
        rows.push(claim::ActiveModel {
            article_id: Set(article_id),
            external_id: Set(claim.external_id.clone()),
            text: Set(claim.text.clone()),
            quote: Set(claim.quote.clone()),
            span_start: Set(offset(span.start)?),
            span_end: Set(offset(span.end)?),
            source_id: Set(claim
                .source
                .as_ref()
                .and_then(|s| sources.get(&source::name_key(&s.name)).copied())),
            attribution: Set(claim.attribution.as_ref().to_owned()),
            status: Set(claimdesk_core::ClaimStatus::New.as_ref().to_owned()),
            priority: Set(claim.priority.as_ref().to_owned()),
            version: Set(1),
            anchor_lost: Set(false),
            check_worthiness: Set(claim.check_worthiness),
            category: Set(claim.category.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    claim::Entity::insert_many(rows)
        .exec_with_returning(txn)
        .await?
        .into_iter()
        .map(Claim::try_from)
        .collect()
}

/// Appends the CREATED event of each of `claims`, just created. On PostgreSQL the first
/// event takes the lock that orders events until the commit, so events come last.
pub(super) async fn append_created_events(
    txn: &DatabaseTransaction,
    claims: &[Claim],
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let events = claims
        .iter()
        .map(|claim| {
            (
                claim.id,
                EventDraft::new(
                    EventKind::Created,
                    event_detail::created(claim.external_id.as_deref()),
                ),
            )
        })
        .collect();
    append_events(txn, actor_id, now, events).await
}

/// A code-point offset as the column stores it.
pub(super) fn offset(value: usize) -> Result<i32, ValidationError> {
    i32::try_from(value).map_err(|_| ValidationError::new("span", "is too large"))
}
