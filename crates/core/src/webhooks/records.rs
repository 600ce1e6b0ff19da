//! What is stored about webhook endpoints, their deliveries and the attempts made. A
//! webhook's secret is not part of its record: it is shown once, when it is made.

use chrono::{DateTime, Utc};

use crate::{DeliveryStatus, EventKind};

/// An endpoint that claim events are delivered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// The webhook's ID.
    pub id: i64,
    /// Where deliveries are posted.
    pub url: String,
    /// The kinds of event delivered; empty for every kind.
    pub event_kinds: Vec<EventKind>,
    /// When set, only events of claims of this article are delivered.
    pub article_id: Option<i64>,
    /// What the endpoint is for.
    pub description: Option<String>,
    /// Whether events are delivered.
    pub enabled: bool,
    /// Why the endpoint was disabled.
    pub disabled_reason: Option<String>,
    /// When it was disabled.
    pub disabled_at: Option<DateTime<Utc>>,
    /// Since when every attempt has failed; `None` while deliveries succeed.
    pub failing_since: Option<DateTime<Utc>>,
    /// Until when deliveries are signed with the secret before the last rotation too.
    pub previous_secret_until: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl Webhook {
    /// Whether events of `kind` on claims of `article_id` are delivered to this endpoint.
    pub fn wants(&self, kind: EventKind, article_id: i64) -> bool {
        (self.event_kinds.is_empty() || self.event_kinds.contains(&kind))
            && self.article_id.is_none_or(|id| id == article_id)
    }
}

/// The delivery of one event to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// The delivery's ID.
    pub id: i64,
    /// The endpoint.
    pub webhook_id: i64,
    /// The event delivered.
    pub event_id: i64,
    /// The claim of the event.
    pub claim_id: i64,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// How many attempts were made.
    pub attempts: i32,
    /// When the next attempt is due; `None` once it succeeded or failed for good.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the event was queued for the endpoint.
    pub created_at: DateTime<Utc>,
    /// When it succeeded or failed for good.
    pub finished_at: Option<DateTime<Utc>>,
}

/// One HTTP request made to deliver an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAttempt {
    /// The attempt's ID.
    pub id: i64,
    /// The delivery.
    pub delivery_id: i64,
    /// When the request was sent.
    pub attempted_at: DateTime<Utc>,
    /// Whether the endpoint answered 2xx.
    pub succeeded: bool,
    /// The HTTP status of the answer; `None` when there was none.
    pub http_status: Option<u16>,
    /// How long the request took, in milliseconds.
    pub duration_ms: i64,
    /// The first kilobyte of the answer's body.
    pub response: Option<String>,
    /// Why there was no answer (a timeout, a refused connection, a refused address).
    pub error: Option<String>,
}

/// The counts of an endpoint's deliveries, for monitoring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookStats {
    /// Every attempt made.
    pub attempts: u64,
    /// The attempts answered 2xx.
    pub successes: u64,
    /// The other attempts.
    pub failures: u64,
    /// The deliveries still pending.
    pub backlog: u64,
}
