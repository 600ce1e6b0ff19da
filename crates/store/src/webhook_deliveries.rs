//! Delivering the webhook outbox: which endpoint has deliveries due, the lease that lets one
//! instance at a time deliver to an endpoint, the deliveries pending in event order, what
//! each attempt did; and the reads the API shows (deliveries, attempts, counts).
//!
//! The lease is a conditional `UPDATE` of the endpoint's row: it succeeds only while no other
//! instance holds an unexpired lease. On PostgreSQL the row lock it takes makes a concurrent
//! taker wait and then re-check the condition, so exactly one instance wins; an instance that
//! dies leaves a lease that expires, and another takes the endpoint over.

use chrono::{DateTime, Duration, Utc};
use claimdesk_core::{
    DeliveryStatus,
    records::{Claim, ClaimEvent},
    webhooks::records::{WebhookAttempt, WebhookDelivery, WebhookStats},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::{
    Page, PageRequest, Store, StoreError,
    by_id::{record_by_id, row_by_id},
    entities::{claim_event, parse_name, webhook, webhook_attempt, webhook_delivery},
    name_filter::name_in,
    pagination::read_page,
};

/// A pending delivery, with what its body is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct DueDelivery {
    /// The delivery.
    pub delivery: WebhookDelivery,
    /// The event delivered.
    pub event: ClaimEvent,
    /// The claim as it stood after the event.
    pub claim: Claim,
}

/// What comes after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// It succeeded: the delivery is done.
    Succeeded,
    /// It failed: try again at this time.
    RetryAt(DateTime<Utc>),
    /// It failed and the schedule has no attempt left.
    Failed,
    /// It failed and the endpoint is disabled: the delivery waits, pending, until it is
    /// enabled again.
    Held,
}

/// One attempt, as it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptOutcome {
    /// The delivery attempted.
    pub delivery_id: i64,
    /// When the request was sent.
    pub attempted_at: DateTime<Utc>,
    /// The answer's HTTP status, if any.
    pub http_status: Option<u16>,
    /// How long the request took, in milliseconds.
    pub duration_ms: i64,
    /// The first kilobyte of the answer's body.
    pub response: Option<String>,
    /// Why there was no answer.
    pub error: Option<String>,
    /// What follows.
    pub next: NextStep,
}

impl Store {
    /// The enabled endpoints that have a delivery due by now and that no instance holds.
    pub async fn webhooks_due(&self) -> Result<Vec<i64>, StoreError> {
        let now = self.clock.now();
        let free = webhook::Entity::find()
            .select_only()
            .column(webhook::Column::Id)
            .filter(webhook::Column::Enabled.eq(true))
            .filter(
                Condition::any()
                    .add(webhook::Column::LeaseUntil.is_null())
                    .add(webhook::Column::LeaseUntil.lt(now)),
            );
        Ok(webhook_delivery::Entity::find()
            .select_only()
            .column(webhook_delivery::Column::WebhookId)
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_ref()))
            .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
            .filter(webhook_delivery::Column::WebhookId.in_subquery(free.into_query()))
            .group_by(webhook_delivery::Column::WebhookId)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?)
    }

    /// Takes or renews the lease on delivering to endpoint `id` for `owner`, for `lease`;
    /// `false` when another instance holds it or the endpoint is disabled.
    pub async fn take_webhook_lease(
        &self,
        id: i64,
        owner: &str,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let now = self.clock.now();
        let taken = webhook::Entity::update_many()
            .col_expr(webhook::Column::LeaseOwner, Expr::value(owner))
            .col_expr(webhook::Column::LeaseUntil, Expr::value(now + lease))
            .filter(webhook::Column::Id.eq(id))
            .filter(webhook::Column::Enabled.eq(true))
            .filter(
                Condition::any()
                    .add(webhook::Column::LeaseUntil.is_null())
                    .add(webhook::Column::LeaseUntil.lt(now))
                    .add(webhook::Column::LeaseOwner.eq(owner)),
            )
            .exec(&self.db)
            .await?;
        Ok(taken.rows_affected == 1)
    }

    /// Gives up `owner`'s lease on endpoint `id`.
    pub async fn release_webhook_lease(&self, id: i64, owner: &str) -> Result<(), StoreError> {
        webhook::Entity::update_many()
            .col_expr(
                webhook::Column::LeaseUntil,
                Expr::value(None::<DateTime<Utc>>),
            )
            .filter(webhook::Column::Id.eq(id))
            .filter(webhook::Column::LeaseOwner.eq(owner))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Up to `limit` pending deliveries to endpoint `id`, in event order.
    pub async fn pending_deliveries(
        &self,
        id: i64,
        limit: u64,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        let rows = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::WebhookId.eq(id))
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_ref()))
            .order_by_asc(webhook_delivery::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        let events: std::collections::HashMap<i64, claim_event::Model> =
            claim_event::Entity::find()
                .filter(claim_event::Column::Id.is_in(rows.iter().map(|row| row.event_id)))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|event| (event.id, event))
                .collect();
        rows.into_iter()
            .map(|row| {
                let event = events
                    .get(&row.event_id)
                    .cloned()
                    .ok_or(StoreError::not_found("claim event", row.event_id))?
                    .try_into()?;
                let claim = serde_json::from_value(row.claim.clone()).map_err(|error| {
                    StoreError::Corrupt(format!("webhook_deliveries.claim: {error}"))
                })?;
                Ok(DueDelivery {
                    delivery: row.try_into()?,
                    event,
                    claim,
                })
            })
            .collect()
    }

    /// Records attempts made to endpoint `id`, in the order they were made, and moves each
    /// delivery on; returns since when the endpoint has been failing, if it is.
    pub async fn record_webhook_attempts(
        &self,
        id: i64,
        outcomes: &[AttemptOutcome],
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let Some(last) = outcomes.last() else {
            return self.webhook_row_failing_since(id).await;
        };
        let txn = self.begin_write().await?;
        let attempts = outcomes.iter().map(|outcome| webhook_attempt::ActiveModel {
            delivery_id: Set(outcome.delivery_id),
            webhook_id: Set(id),
            attempted_at: Set(outcome.attempted_at),
            succeeded: Set(outcome.next == NextStep::Succeeded),
            http_status: Set(outcome.http_status.map(i32::from)),
            duration_ms: Set(outcome.duration_ms),
            response: Set(outcome.response.clone()),
            error: Set(outcome.error.clone()),
            ..Default::default()
        });
        webhook_attempt::Entity::insert_many(attempts)
            .exec_without_returning(&txn)
            .await?;
        let succeeded: Vec<i64> = outcomes
            .iter()
            .filter(|outcome| outcome.next == NextStep::Succeeded)
            .map(|outcome| outcome.delivery_id)
            .collect();
        if !succeeded.is_empty() {
            webhook_delivery::Entity::update_many()
                .col_expr(
                    webhook_delivery::Column::Status,
                    Expr::value(DeliveryStatus::Succeeded.as_ref()),
                )
                .col_expr(
                    webhook_delivery::Column::Attempts,
                    Expr::col(webhook_delivery::Column::Attempts).add(1),
                )
                .col_expr(
                    webhook_delivery::Column::FinishedAt,
                    Expr::value(Some(last.attempted_at)),
                )
                .filter(webhook_delivery::Column::Id.is_in(succeeded))
                .exec(&txn)
                .await?;
        }
        for outcome in outcomes.iter().filter(|o| o.next != NextStep::Succeeded) {
            let (status, next_at, finished_at) = match outcome.next {
                NextStep::RetryAt(at) => (DeliveryStatus::Pending, at, None),
                NextStep::Held => (DeliveryStatus::Pending, outcome.attempted_at, None),
                _ => (
                    DeliveryStatus::Failed,
                    outcome.attempted_at,
                    Some(outcome.attempted_at),
                ),
            };
            webhook_delivery::Entity::update_many()
                .col_expr(
                    webhook_delivery::Column::Status,
                    Expr::value(status.as_ref()),
                )
                .col_expr(
                    webhook_delivery::Column::Attempts,
                    Expr::col(webhook_delivery::Column::Attempts).add(1),
                )
                .col_expr(
                    webhook_delivery::Column::NextAttemptAt,
                    Expr::value(next_at),
                )
                .col_expr(
                    webhook_delivery::Column::FinishedAt,
                    Expr::value(finished_at),
                )
                .filter(webhook_delivery::Column::Id.eq(outcome.delivery_id))
                .exec(&txn)
                .await?;
        }
        let failing_since = if last.next == NextStep::Succeeded {
            None
        } else {
            let row = row_by_id::<webhook::Entity>(&txn, "webhook", id).await?;
            Some(row.failing_since.unwrap_or(last.attempted_at))
        };
        webhook::Entity::update_many()
            .col_expr(webhook::Column::FailingSince, Expr::value(failing_since))
            .filter(webhook::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(failing_since)
    }

    async fn webhook_row_failing_since(
        &self,
        id: i64,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(webhook::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .and_then(|row| row.failing_since))
    }

    /// A page of the deliveries to endpoint `id` with one of `statuses` (any, when empty), in
    /// event order.
    pub async fn webhook_deliveries(
        &self,
        id: i64,
        statuses: &[DeliveryStatus],
        request: PageRequest,
    ) -> Result<Page<WebhookDelivery>, StoreError> {
        let select = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::WebhookId.eq(id))
            .apply_if(
                name_in(webhook_delivery::Column::Status, statuses),
                QueryFilter::filter,
            );
        read_page(&self.reads, select, webhook_delivery::Column::Id, request)
            .await?
            .try_map(WebhookDelivery::try_from)
    }

    /// The delivery with `id`.
    pub async fn webhook_delivery(&self, id: i64) -> Result<WebhookDelivery, StoreError> {
        record_by_id::<webhook_delivery::Entity, _>(&self.reads, "webhook delivery", id).await
    }

    /// The attempts made for delivery `id`, oldest first.
    pub async fn webhook_attempts(&self, id: i64) -> Result<Vec<WebhookAttempt>, StoreError> {
        Ok(webhook_attempt::Entity::find()
            .filter(webhook_attempt::Column::DeliveryId.eq(id))
            .order_by_asc(webhook_attempt::Column::Id)
            .all(&self.reads)
            .await?
            .into_iter()
            .map(WebhookAttempt::from)
            .collect())
    }

    /// Queues delivery `id` again, for an attempt now, with the whole retry schedule ahead.
    pub async fn redeliver(&self, id: i64) -> Result<WebhookDelivery, StoreError> {
        self.webhook_delivery(id).await?;
        webhook_delivery::Entity::update_many()
            .col_expr(
                webhook_delivery::Column::Status,
                Expr::value(DeliveryStatus::Pending.as_ref()),
            )
            .col_expr(webhook_delivery::Column::Attempts, Expr::value(0))
            .col_expr(
                webhook_delivery::Column::NextAttemptAt,
                Expr::value(self.clock.now()),
            )
            .col_expr(
                webhook_delivery::Column::FinishedAt,
                Expr::value(None::<DateTime<Utc>>),
            )
            .filter(webhook_delivery::Column::Id.eq(id))
            .exec(&self.db)
            .await?;
        record_by_id::<webhook_delivery::Entity, _>(&self.db, "webhook delivery", id).await
    }

    /// Every endpoint's pending deliveries, as (endpoint, deliveries); an endpoint with none
    /// is left out.
    pub async fn webhook_backlogs(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(webhook_delivery::Entity::find()
            .select_only()
            .column(webhook_delivery::Column::WebhookId)
            .column_as(webhook_delivery::Column::Id.count(), "deliveries")
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_ref()))
            .group_by(webhook_delivery::Column::WebhookId)
            .into_tuple::<(i64, i64)>()
            .all(&self.reads)
            .await?)
    }

    /// The counts of endpoint `id`'s attempts and pending deliveries, in one statement, so
    /// that they agree: a batch recorded meanwhile is counted in all of them or in none.
    pub async fn webhook_stats(&self, id: i64) -> Result<WebhookStats, StoreError> {
        let attempts =
            webhook_attempt::Entity::find().filter(webhook_attempt::Column::WebhookId.eq(id));
        let successes = attempts
            .clone()
            .filter(webhook_attempt::Column::Succeeded.eq(true));
        let backlog = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::WebhookId.eq(id))
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_ref()));
        let counts = Query::select()
            .expr_as(counted(attempts), "attempts")
            .expr_as(counted(successes), "successes")
            .expr_as(counted(backlog), "backlog")
            .to_owned();
        let row = self
            .reads
            .query_one_raw(self.reads.get_database_backend().build(&counts))
            .await?
            .ok_or_else(|| StoreError::Corrupt("no counts of a webhook".into()))?;
        let attempts: i64 = row.try_get("", "attempts")?;
        let successes: i64 = row.try_get("", "successes")?;
        let count = |value: i64| u64::try_from(value).unwrap_or_default();
        Ok(WebhookStats {
            attempts: count(attempts),
            successes: count(successes),
            failures: count(attempts - successes),
            backlog: count(row.try_get("", "backlog")?),
        })
    }
}

/// How many rows `query` finds, as an expression of a statement that counts several things.
fn counted<E: EntityTrait>(query: Select<E>) -> Expr {
    Expr::SubQuery(
        None,
        Box::new(
            query
                .select_only()
                .expr(Expr::cust("COUNT(*)"))
                .into_query()
                .into(),
        ),
    )
}

impl TryFrom<webhook_delivery::Model> for WebhookDelivery {
    type Error = StoreError;

    fn try_from(row: webhook_delivery::Model) -> Result<Self, StoreError> {
        let status: DeliveryStatus = parse_name("webhook_deliveries", "status", &row.status)?;
        Ok(WebhookDelivery {
            id: row.id,
            webhook_id: row.webhook_id,
            event_id: row.event_id,
            claim_id: row.claim_id,
            status,
            attempts: row.attempts,
            next_attempt_at: (status == DeliveryStatus::Pending).then_some(row.next_attempt_at),
            created_at: row.created_at,
            finished_at: row.finished_at,
        })
    }
}

impl From<webhook_attempt::Model> for WebhookAttempt {
    fn from(row: webhook_attempt::Model) -> Self {
        WebhookAttempt {
            id: row.id,
            delivery_id: row.delivery_id,
            attempted_at: row.attempted_at,
            succeeded: row.succeeded,
            http_status: row
                .http_status
                .and_then(|status| u16::try_from(status).ok()),
            duration_ms: row.duration_ms,
            response: row.response,
            error: row.error,
        }
    }
}
