//! The delivery of the webhook outbox, one task per instance.
//!
//! The task wakes when an event commits (on any instance: it follows the newest event ID that
//! the live fan-out learns of, without reading the events), when an endpoint's delivery ends,
//! and every [`POLL`] for retries that fall due. It then finds the endpoints with deliveries
//! due that no instance holds, and for each it takes the lease and drains the endpoint's
//! pending deliveries in event order, which is commit order. An attempt that fails stops the
//! endpoint until its retry is due, so the events of a claim arrive in order; each endpoint
//! drains on its own task, so a failing one delays no other.
//!
//! A batch's attempts are recorded together after they are made. A server killed in between
//! sends those deliveries again after its restart, with the same `webhook-id`.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::Utc;
use claimdesk_core::{
    ClaimStatus, EventKind, publishing::Publisher, webhooks::message,
    webhooks::signature::WebhookSecret,
};
use claimdesk_store::{AttemptOutcome, DueDelivery, NextStep, Store, StoreError};
use tokio::sync::Notify;

use super::{WebhookConfig, sender::Sender};

/// How often the dispatcher looks for deliveries due without being woken.
const POLL: Duration = Duration::from_secs(1);
/// How many pending deliveries of an endpoint are read at a time.
const BATCH: u64 = 100;
/// How often a lease is renewed while an endpoint is drained. A lease lasts twice the request
/// timeout and this: an instance that dies holds its endpoints that long at most.
const RENEW_EVERY: Duration = Duration::from_secs(5);

/// Starts delivering webhooks on this instance.
pub(crate) fn spawn(
    store: Store,
    config: WebhookConfig,
    publisher: Publisher,
) -> Result<(), reqwest::Error> {
    if config.no_webhook_delivery {
        return Ok(());
    }
    let dispatcher = Arc::new(Dispatcher {
        sender: Sender::new(&config)?,
        lease: chrono::Duration::from_std(config.timeout() * 2 + RENEW_EVERY)
            .unwrap_or(chrono::Duration::MAX),
        owner: instance_name(),
        store,
        config,
        publisher,
        draining: Mutex::new(HashSet::new()),
        wake: Notify::new(),
    });
    tokio::spawn(dispatcher.run());
    Ok(())
}

struct Dispatcher {
    store: Store,
    config: WebhookConfig,
    publisher: Publisher,
    sender: Sender,
    /// This instance's name on the leases it holds.
    owner: String,
    lease: chrono::Duration,
    /// The endpoints this instance drains now.
    draining: Mutex<HashSet<i64>>,
    wake: Notify,
}

/// How a batch of attempts ended.
enum BatchEnd {
    /// Every delivery read was delivered: read more.
    More,
    /// Stop draining: nothing left, a failure, a retry not yet due, or the lease is lost.
    Stop,
}

impl Dispatcher {
    async fn run(self: Arc<Self>) {
        // Only that events were committed matters, not which: one look covers them all.
        let mut committed = self.store.committed_events();
        let mut poll = tokio::time::interval(POLL);
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            self.start_due().await;
            tokio::select! {
                changed = committed.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                _ = poll.tick() => {}
                () = self.wake.notified() => {}
            }
        }
    }

    /// Starts draining every endpoint with deliveries due that nobody drains.
    async fn start_due(self: &Arc<Self>) {
        let due = match self.store.webhooks_due().await {
            Ok(due) => due,
            Err(error) => {
                tracing::error!(%error, "finding the webhooks with deliveries due");
                return;
            }
        };
        for id in due {
            if self.draining.lock().expect("not poisoned").insert(id) {
                tokio::spawn(self.clone().drain(id));
            }
        }
    }

    /// Delivers endpoint `id`'s pending deliveries in order while it holds the lease.
    async fn drain(self: Arc<Self>, id: i64) {
        let mut sent = Tally::default();
        loop {
            match self.deliver_batch(id, &mut sent).await {
                Ok(BatchEnd::More) => {}
                Ok(BatchEnd::Stop) => break,
                Err(error) => {
                    tracing::error!(webhook = id, %error, "delivering webhooks");
                    break;
                }
            }
        }
        if let Err(error) = self.store.release_webhook_lease(id, &self.owner).await {
            tracing::warn!(webhook = id, %error, "releasing a webhook lease");
        }
        if sent.attempts > 0 {
            let backlog = self.store.webhook_stats(id).await.map(|s| s.backlog).ok();
            tracing::info!(
                webhook = id,
                attempts = sent.attempts,
                successes = sent.successes,
                failures = sent.attempts - sent.successes,
                backlog,
                "webhook deliveries"
            );
        }
        self.draining.lock().expect("not poisoned").remove(&id);
        // Events committed while this endpoint was drained found it busy: look again.
        self.wake.notify_one();
    }

    async fn deliver_batch(&self, id: i64, sent: &mut Tally) -> Result<BatchEnd, StoreError> {
        if !self
            .store
            .take_webhook_lease(id, &self.owner, self.lease)
            .await?
        {
            return Ok(BatchEnd::Stop);
        }
        let mut renewed = Instant::now();
        let batch = self.store.pending_deliveries(id, BATCH).await?;
        if batch.is_empty() {
            return Ok(BatchEnd::Stop);
        }
        let webhook = self.store.webhook(id).await?;
        let now = self.store_now();
        let secrets = self.store.webhook_signing_secrets(id, now).await?;
        let secrets: Vec<&WebhookSecret> = secrets.iter().collect();
        let full = batch.len() as u64 == BATCH;
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut end = if full { BatchEnd::More } else { BatchEnd::Stop };
        let mut gone = false;
        for due in &batch {
            if due
                .delivery
                .next_attempt_at
                .is_some_and(|at| at > self.store_now())
            {
                end = BatchEnd::Stop;
                break;
            }
            if renewed.elapsed() >= RENEW_EVERY {
                if !self
                    .store
                    .take_webhook_lease(id, &self.owner, self.lease)
                    .await?
                {
                    end = BatchEnd::Stop;
                    break;
                }
                renewed = Instant::now();
            }
            let outcome = self.attempt(&webhook.url, &secrets, due).await;
            sent.attempts += 1;
            let next = outcome.next;
            outcomes.push(outcome);
            match next {
                NextStep::Succeeded => sent.successes += 1,
                NextStep::Held => {
                    gone = true;
                    end = BatchEnd::Stop;
                    break;
                }
                NextStep::RetryAt(_) | NextStep::Failed => {
                    end = BatchEnd::Stop;
                    break;
                }
            }
        }
        let failing_since = self.store.record_webhook_attempts(id, &outcomes).await?;
        for outcome in &outcomes {
            crate::metrics::record_webhook_attempt(id, outcome.next == NextStep::Succeeded);
        }
        if gone {
            self.disable(id, "the endpoint answered 410 Gone").await?;
        } else if let Some(since) = failing_since {
            let limit = chrono::Duration::seconds(
                i64::try_from(self.config.webhook_disable_after_secs).unwrap_or(i64::MAX),
            );
            if self.store_now() - since >= limit {
                let reason = format!("every delivery failed since {}", since.to_rfc3339());
                self.disable(id, &reason).await?;
                return Ok(BatchEnd::Stop);
            }
        }
        Ok(end)
    }

    /// The ClaimReview of `due`'s claim as it stood after the event, with the verdict versions
    /// published by then; `None` when it cannot be rendered.
    async fn review_at(&self, due: &DueDelivery) -> Option<serde_json::Value> {
        let at = due.event.at;
        let mut versions = self
            .store
            .verdicts_by_claim(&[due.claim.id])
            .await
            .ok()?
            .remove(&due.claim.id)
            .unwrap_or_default();
        versions.retain(|version| {
            version
                .published_at
                .is_some_and(|published| published <= at)
        });
        self.store
            .render_review(&due.claim, &versions, &self.publisher)
            .await
            .ok()
    }

    /// Makes one attempt of `due` and says what follows it.
    async fn attempt(
        &self,
        url: &str,
        secrets: &[&WebhookSecret],
        due: &DueDelivery,
    ) -> AttemptOutcome {
        let attempted_at = self.store_now();
        // The review is sent with the event that publishes it: a CLOSED event that closed
        // the claim, or the approval of a verdict that awaited it.
        let publishes = match due.event.kind {
            EventKind::Closed => due.event.to_status == Some(ClaimStatus::Closed),
            EventKind::VerdictApproved => true,
            _ => false,
        };
        let review = if publishes {
            self.review_at(due).await
        } else {
            None
        };
        let claim = serde_json::to_value(&due.claim).unwrap_or_default();
        let body = message::body(&due.event, &claim, review).to_string();
        let answer = self
            .sender
            .post(
                url,
                &message::message_id(due.event.id),
                attempted_at.timestamp(),
                secrets,
                body.into_bytes(),
            )
            .await;
        let next = match answer.status {
            Some(status) if (200..300).contains(&status) => NextStep::Succeeded,
            Some(410) => NextStep::Held,
            _ => {
                let failed = usize::try_from(due.delivery.attempts).unwrap_or(0) + 1;
                match self
                    .config
                    .webhook_retry_schedule
                    .delay_after(failed, jitter())
                {
                    Some(delay) => NextStep::RetryAt(
                        attempted_at + chrono::Duration::from_std(delay).unwrap_or_default(),
                    ),
                    None => NextStep::Failed,
                }
            }
        };
        AttemptOutcome {
            delivery_id: due.delivery.id,
            attempted_at,
            http_status: answer.status,
            duration_ms: answer.duration_ms,
            response: answer.body,
            error: answer.error,
            next,
        }
    }

    /// Disables endpoint `id`, saying why, and says so in the log.
    async fn disable(&self, id: i64, reason: &str) -> Result<(), StoreError> {
        let webhook = self.store.disable_webhook(id, reason).await?;
        crate::metrics::record_webhook_disabled();
        tracing::error!(
            event = "webhook.disabled",
            webhook = id,
            url = %webhook.url,
            reason,
            "disabled a webhook endpoint"
        );
        Ok(())
    }

    fn store_now(&self) -> chrono::DateTime<Utc> {
        self.store.now()
    }
}

/// What one drain sent.
#[derive(Default)]
struct Tally {
    attempts: u64,
    successes: u64,
}

/// A number from 0 to 1 to spread a retry by.
fn jitter() -> f64 {
    let mut random = [0u8; 4];
    if getrandom::fill(&mut random).is_err() {
        return 0.5;
    }
    f64::from(u32::from_le_bytes(random)) / f64::from(u32::MAX)
}

/// This instance's name on its leases: its process ID and a random part.
fn instance_name() -> String {
    let mut random = [0u8; 4];
    let _ = getrandom::fill(&mut random);
    format!("{}-{:08x}", std::process::id(), u32::from_le_bytes(random))
}
