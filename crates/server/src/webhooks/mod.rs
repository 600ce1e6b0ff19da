//! Outbound webhooks: the delivery of the webhook outbox to the endpoints (see
//! [`dispatcher`]), over an HTTP client that refuses private addresses (see [`sender`]).

mod dispatcher;
mod sender;

use std::time::Duration;

use claimdesk_core::webhooks::retry::{DEFAULT_SCHEDULE, RetrySchedule};
use claimdesk_graphql::WebhookPolicy;
use clap::Args;

pub(crate) use dispatcher::spawn;

const DEFAULT_TIMEOUT_SECS: u64 = 10;
const DEFAULT_DISABLE_AFTER_SECS: u64 = 5 * 24 * 3600;
const DEFAULT_ROTATION_OVERLAP_SECS: u64 = 24 * 3600;

/// How webhooks are delivered.
#[derive(Debug, Clone, Args)]
pub struct WebhookConfig {
    /// The delays before each attempt of a delivery: the first before the first attempt, each
    /// next one after a failure (s, m or h). Each is spread by ±20 % of jitter.
    #[arg(long, env = "CLAIMDESK_WEBHOOK_RETRY_SCHEDULE", default_value = DEFAULT_SCHEDULE)]
    pub webhook_retry_schedule: RetrySchedule,

    /// Let webhooks reach loopback, private and link-local addresses. For tests and local
    /// receivers only: it opens the server to request forgery.
    #[arg(long, env = "CLAIMDESK_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: bool,

    /// How long one delivery request may take, in seconds.
    #[arg(long, env = "CLAIMDESK_WEBHOOK_TIMEOUT_SECS", default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = clap::value_parser!(u64).range(1..))]
    pub webhook_timeout_secs: u64,

    /// How long an endpoint may keep failing before it is disabled, in seconds (5 days).
    #[arg(long, env = "CLAIMDESK_WEBHOOK_DISABLE_AFTER_SECS", default_value_t = DEFAULT_DISABLE_AFTER_SECS)]
    pub webhook_disable_after_secs: u64,

    /// For how long after a rotation deliveries are signed with the old secret too, in
    /// seconds.
    #[arg(long, env = "CLAIMDESK_WEBHOOK_ROTATION_OVERLAP_SECS", default_value_t = DEFAULT_ROTATION_OVERLAP_SECS)]
    pub webhook_rotation_overlap_secs: u64,

    /// Serve the API without delivering webhooks, leaving delivery to other instances.
    #[arg(long, env = "CLAIMDESK_NO_WEBHOOK_DELIVERY")]
    pub no_webhook_delivery: bool,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            webhook_retry_schedule: RetrySchedule::default(),
            webhook_allow_private: false,
            webhook_timeout_secs: DEFAULT_TIMEOUT_SECS,
            webhook_disable_after_secs: DEFAULT_DISABLE_AFTER_SECS,
            webhook_rotation_overlap_secs: DEFAULT_ROTATION_OVERLAP_SECS,
            no_webhook_delivery: false,
        }
    }
}

impl WebhookConfig {
    /// What the API needs to know: whether private addresses are allowed, and the overlap of
    /// a rotation.
    pub fn policy(&self) -> WebhookPolicy {
        WebhookPolicy {
            allow_private: self.webhook_allow_private,
            rotation_overlap: Duration::from_secs(self.webhook_rotation_overlap_secs),
        }
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs(self.webhook_timeout_secs)
    }
}
