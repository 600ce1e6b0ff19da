//! A webhook endpoint, its deliveries and their attempts. The secret is never shown here: it
//! is shown once, by `createWebhook` and `rotateWebhookSecret`.

use async_graphql::{
    Context, ID, Object, Result, SimpleObject,
    connection::{Connection, EmptyFields},
};
use chrono::{DateTime, Utc};
use claimdesk_core::webhooks::records;

use crate::{
    enums::{DeliveryStatus, EventKind, domain_values},
    error::api_error,
    id::NodeType,
    object::{Article, ClaimEvent},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

/// An endpoint that claim events are posted to, signed as Standard Webhooks specifies.
pub struct Webhook(pub records::Webhook);

/// An endpoint that claim events are posted to, signed as Standard Webhooks specifies.
#[Object]
impl Webhook {
    /// The webhook's global ID.
    async fn id(&self) -> ID {
        NodeType::Webhook.id(self.0.id)
    }

    /// Where deliveries are posted.
    async fn url(&self) -> &str {
        &self.0.url
    }

    /// The kinds of event delivered; empty for every kind.
    async fn events(&self) -> Vec<EventKind> {
        self.0.event_kinds.iter().copied().map(Into::into).collect()
    }

    /// When set, only events of claims of this article are delivered.
    async fn article(&self, ctx: &Context<'_>) -> Result<Option<Article>> {
        match self.0.article_id {
            Some(id) => Ok(Some(Article::from(
                ctx.store().article(id).await.map_err(api_error)?,
            ))),
            None => Ok(None),
        }
    }

    /// What the endpoint is for.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Whether events are delivered. An endpoint is disabled by an admin, when it answers
    /// 410 Gone, or when every delivery has failed for the configured time (5 days).
    async fn enabled(&self) -> bool {
        self.0.enabled
    }

    /// Why the endpoint was disabled.
    async fn disabled_reason(&self) -> Option<&str> {
        self.0.disabled_reason.as_deref()
    }

    /// When the endpoint was disabled.
    async fn disabled_at(&self) -> Option<DateTime<Utc>> {
        self.0.disabled_at
    }

    /// Since when every attempt has failed; null while deliveries succeed.
    async fn failing_since(&self) -> Option<DateTime<Utc>> {
        self.0.failing_since
    }

    /// Until when deliveries carry a signature by the secret before the last rotation too.
    async fn previous_secret_valid_until(&self) -> Option<DateTime<Utc>> {
        self.0.previous_secret_until
    }

    /// When the webhook was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// The counts of attempts, successes and failures, and the deliveries pending.
    async fn stats(&self, ctx: &Context<'_>) -> Result<WebhookStats> {
        let stats = ctx
            .store()
            .webhook_stats(self.0.id)
            .await
            .map_err(api_error)?;
        Ok(WebhookStats {
            attempts: stats.attempts,
            successes: stats.successes,
            failures: stats.failures,
            backlog: stats.backlog,
        })
    }

    /// The deliveries to this endpoint with one of `status` (any, when left out), oldest
    /// event first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        status: Option<Vec<DeliveryStatus>>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, WebhookDelivery, EmptyFields>> {
        let request = PageArgs::new(after, before, first, last).checked(ctx)?;
        let statuses: Vec<claimdesk_core::DeliveryStatus> = domain_values(status);
        let page = ctx
            .store()
            .webhook_deliveries(self.0.id, &statuses, request)
            .await
            .map_err(api_error)?;
        Ok(connection(
            page,
            |delivery| delivery.id,
            WebhookDelivery,
            EmptyFields,
        ))
    }
}

/// How a webhook endpoint is doing.
#[derive(SimpleObject)]
pub struct WebhookStats {
    /// Every attempt made.
    attempts: u64,
    /// The attempts answered 2xx.
    successes: u64,
    /// The other attempts.
    failures: u64,
    /// The deliveries still pending.
    backlog: u64,
}

/// The delivery of one event to one webhook endpoint.
pub struct WebhookDelivery(pub records::WebhookDelivery);

/// The delivery of one event to one webhook endpoint.
#[Object]
impl WebhookDelivery {
    /// The delivery's global ID, to redeliver it with.
    async fn id(&self) -> ID {
        NodeType::WebhookDelivery.id(self.0.id)
    }

    /// The `webhook-id` header of every attempt: the same for every retry.
    async fn message_id(&self) -> String {
        claimdesk_core::webhooks::message::message_id(self.0.event_id)
    }

    /// The event delivered.
    async fn event(&self, ctx: &Context<'_>) -> Result<ClaimEvent> {
        let event = ctx
            .store()
            .claim_event(self.0.event_id)
            .await
            .map_err(api_error)?;
        Ok(ClaimEvent(event, None))
    }

    /// Where the delivery stands.
    async fn status(&self) -> DeliveryStatus {
        self.0.status.into()
    }

    /// How many attempts were made since it was last queued.
    async fn attempt_count(&self) -> i32 {
        self.0.attempts
    }

    /// Every attempt made, oldest first.
    async fn attempts(&self, ctx: &Context<'_>) -> Result<Vec<WebhookAttempt>> {
        let attempts = ctx
            .store()
            .webhook_attempts(self.0.id)
            .await
            .map_err(api_error)?;
        Ok(attempts.into_iter().map(WebhookAttempt).collect())
    }

    /// When the next attempt is due; null once it succeeded or failed for good.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        self.0.next_attempt_at
    }

    /// When the event was queued for the endpoint.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it succeeded or failed for good.
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at
    }
}

/// One HTTP request made to deliver an event.
pub struct WebhookAttempt(pub records::WebhookAttempt);

/// One HTTP request made to deliver an event.
#[Object]
impl WebhookAttempt {
    /// When the request was sent.
    async fn attempted_at(&self) -> DateTime<Utc> {
        self.0.attempted_at
    }

    /// Whether the endpoint answered 2xx.
    async fn succeeded(&self) -> bool {
        self.0.succeeded
    }

    /// The HTTP status of the answer; null when there was none.
    async fn http_status(&self) -> Option<u16> {
        self.0.http_status
    }

    /// How long the request took, in milliseconds.
    async fn duration_ms(&self) -> i64 {
        self.0.duration_ms
    }

    /// The first kilobyte of the answer's body.
    async fn response(&self) -> Option<&str> {
        self.0.response.as_deref()
    }

    /// Why there was no answer: a timeout, a refused connection, a refused address.
    async fn error(&self) -> Option<&str> {
        self.0.error.as_deref()
    }
}
