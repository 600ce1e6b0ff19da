//! A claim's history, and the one way a claim changes: inside the caller's transaction, check
//! the version the caller expects, apply the change only if nobody changed the claim
//! meanwhile, and record it as an entry of the claim's history. A whole history is read in
//! batches (see [`Store::history_by_claim`]); one entry by its ID here. Every entry queues
//! the webhook deliveries it owes in the same transaction (see `webhook_outbox`).

use claimdesk_core::{
    EventKind, Transition,
    records::{Claim, ClaimEvent},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    QueryFilter, QueryTrait, Statement,
};
use serde_json::Value;

use crate::{
    Backend, Store, StoreError,
    by_id::record_by_id,
    connection::on_postgres,
    entities::{claim, claim_event},
    webhook_outbox,
};

/// The claim a change is about, and the version the caller last saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRef {
    /// The claim's ID.
    pub claim_id: i64,
    /// When set, the change applies only if the claim is still at this version.
    pub expected_version: Option<i64>,
}

/// The history entry that goes with a change.
pub(crate) struct EventDraft {
    pub kind: EventKind,
    pub transition: Option<Transition>,
    pub detail: Value,
}

impl EventDraft {
    pub(crate) fn new(kind: EventKind, detail: Value) -> Self {
        Self {
            kind,
            transition: None,
            detail,
        }
    }

    pub(crate) fn transition(kind: EventKind, transition: Transition, detail: Value) -> Self {
        Self {
            kind,
            transition: Some(transition),
            detail,
        }
    }
}

/// Reads the claim for a change and checks the caller's expected version.
pub(crate) async fn read_for_change(
    txn: &DatabaseTransaction,
    target: ClaimRef,
) -> Result<Claim, StoreError> {
    let claim: Claim = record_by_id::<claim::Entity, _>(txn, "claim", target.claim_id).await?;
    match target.expected_version {
        Some(expected) if expected != claim.version => Err(StoreError::Conflict {
            claim_id: claim.id,
            expected,
            actual: claim.version,
        }),
        _ => Ok(claim),
    }
}

impl Store {
    /// Applies a change as [`Store::apply_change`] does and commits `txn`, for a change that is
    /// all its transaction writes. Returns the claim as it now is.
    pub(crate) async fn commit_change(
        &self,
        txn: DatabaseTransaction,
        claim: &Claim,
        actor_id: i64,
        changes: claim::ActiveModel,
        event: EventDraft,
    ) -> Result<Claim, StoreError> {
        let claim = self
            .apply_change(&txn, claim, actor_id, changes, event)
            .await?;
        self.commit(txn).await?;
        Ok(claim)
    }

    /// Applies `changes` to `claim` as read, bumps its version and appends the event.
    ///
    /// The update is conditional on the version that was read (`WHERE version = ?`), so of two
    /// concurrent changes only one can apply; the other gets a conflict. Returns the claim as
    /// it now is.
    pub(crate) async fn apply_change(
        &self,
        txn: &DatabaseTransaction,
        claim: &Claim,
        actor_id: i64,
        mut changes: claim::ActiveModel,
        event: EventDraft,
    ) -> Result<Claim, StoreError> {
        let now = self.clock.now();
        changes.version = Set(claim.version + 1);
        changes.updated_at = Set(now);
        let updated = claim::Entity::update_many()
            .set(changes)
            .filter(claim::Column::Id.eq(claim.id))
            .filter(claim::Column::Version.eq(claim.version))
            .exec(txn)
            .await?;
        if updated.rows_affected == 0 {
            let actual = current_version(txn, claim.id)
                .await?
                .unwrap_or(claim.version);
            return Err(StoreError::Conflict {
                claim_id: claim.id,
                expected: claim.version,
                actual,
            });
        }
        append_event(txn, claim.id, actor_id, now, event).await?;
        record_by_id::<claim::Entity, _>(txn, "claim", claim.id).await
    }
}

impl Store {
    /// The history entry with `id`.
    pub async fn claim_event(&self, id: i64) -> Result<ClaimEvent, StoreError> {
        record_by_id::<claim_event::Entity, _>(&self.reads, "claim event", id).await
    }
}

/// Appends one entry to a claim's history.
pub(crate) async fn append_event(
    db: &impl ConnectionTrait,
    claim_id: i64,
    actor_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    event: EventDraft,
) -> Result<(), StoreError> {
    append_events(db, actor_id, at, vec![(claim_id, event)]).await
}

/// Appends a batch of events, one per `(claim, event)`, in one statement, with the webhook
/// deliveries they owe. On PostgreSQL the lock that orders events is held from the insert to
/// the commit, so the webhooks are read before it.
pub(crate) async fn append_events(
    db: &impl ConnectionTrait,
    actor_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    events: Vec<(i64, EventDraft)>,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let rows: Vec<claim_event::ActiveModel> = events
        .into_iter()
        .map(|(claim_id, event)| event_row(claim_id, actor_id, at, event))
        .collect();
    let subscribers = webhook_outbox::subscribers(db).await?;
    lock_event_order(db).await?;
    let ids = insert_and_announce(db, rows).await?;
    webhook_outbox::enqueue(db, &subscribers, &ids, at).await
}

/// Inserts `rows` and returns their IDs; on PostgreSQL it also announces the newest to every
/// instance, on commit, in the same statement, so that the lock that orders events is held
/// one round trip less.
async fn insert_and_announce(
    db: &impl ConnectionTrait,
    rows: Vec<claim_event::ActiveModel>,
) -> Result<Vec<i64>, StoreError> {
    let insert = claim_event::Entity::insert_many(rows);
    if Backend::of(db) == Backend::Sqlite {
        return Ok(insert.exec_with_returning_keys(db).await?);
    }
    let Statement { sql, values, .. } = insert.build(DbBackend::Postgres);
    let mut values = values.map_or_else(Vec::new, |values| values.0);
    values.push(EVENTS_CHANNEL.into());
    let sql = format!(
        "WITH inserted AS ({sql} RETURNING id), \
              announced AS (SELECT pg_notify(${}, max(id)::text) FROM inserted) \
         SELECT id FROM inserted, announced ORDER BY id",
        values.len()
    );
    db.query_all_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .await?
    .iter()
    .map(|row| Ok(row.try_get_by_index::<i64>(0)?))
    .collect()
}

/// The row of `claim_events` that records `event` on `claim_id`.
fn event_row(
    claim_id: i64,
    actor_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    event: EventDraft,
) -> claim_event::ActiveModel {
    claim_event::ActiveModel {
        claim_id: Set(claim_id),
        kind: Set(event.kind.as_ref().to_owned()),
        actor_id: Set(actor_id),
        at: Set(at),
        from_status: Set(event.transition.map(|t| t.from.as_ref().to_owned())),
        to_status: Set(event.transition.map(|t| t.to.as_ref().to_owned())),
        detail: Set(event.detail),
        ..Default::default()
    }
}

/// On PostgreSQL, takes the lock that makes event IDs follow commit order.
async fn lock_event_order(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    // Event IDs must follow commit order, so that a subscriber resuming after an ID misses
    // nothing: hold one lock from taking an ID until commit. (SQLite writers are serialized
    // already.)
    on_postgres(
        db,
        "SELECT pg_advisory_xact_lock($1)",
        [EVENT_ORDER_LOCK.into()],
    )
    .await
}

/// The advisory lock that orders event IDs by commit on PostgreSQL.
const EVENT_ORDER_LOCK: i64 = 0x0c1a_1d35;

/// The PostgreSQL channel that announces new events.
pub(crate) const EVENTS_CHANNEL: &str = "claimdesk_events";

async fn current_version(
    txn: &DatabaseTransaction,
    claim_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(claim::Entity::find_by_id(claim_id)
        .one(txn)
        .await?
        .map(|row| row.version))
}
