//! Typed configuration, read from flags and environment variables.

use std::{net::SocketAddr, num::NonZeroU32, time::Duration};

use claimdesk_core::{publishing::Publisher, workflow::PublicationPolicy};
use claimdesk_graphql::{Limits, MAX_PAGE_SIZE_CEILING};
use clap::Args;

pub use crate::webhooks::WebhookConfig;

/// The SQLite file `claimdesk` uses when no database is configured.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://claimdesk.db?mode=rwc";

/// Which database to use.
#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// `sqlite://FILE?mode=rwc` for the embedded default, or `postgres://USER@HOST/DB`.
    #[arg(long = "database-url", env = "CLAIMDESK_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub url: String,
}

/// How `claimdesk serve` runs.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// The address to listen on.
    #[arg(long, env = "CLAIMDESK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The database.
    #[command(flatten)]
    pub database: DatabaseConfig,

    /// Let requests without a token act as a local editor, for trying ClaimDesk out in the
    /// playground. Never use it on a network.
    #[arg(long, env = "CLAIMDESK_DEV_OPEN")]
    pub dev_open: bool,

    /// The editor that requests without a token act as under `--dev-open`.
    #[arg(long, env = "CLAIMDESK_LOCAL_USER", default_value = "local-editor")]
    pub local_user: String,

    /// How many requests each token may make per minute (and in a burst).
    #[arg(long, env = "CLAIMDESK_RATE_LIMIT_PER_MINUTE", default_value_t = NonZeroU32::new(1200).expect("not zero"))]
    pub rate_limit_per_minute: NonZeroU32,

    /// Do not load the bundled seed article into an empty database.
    #[arg(long, env = "CLAIMDESK_NO_SEED")]
    pub no_seed: bool,

    /// Serve `GET /metrics` without a token on this address of its own, for a scraper on a
    /// private network. Without it, `/metrics` is on the main address for ADMIN tokens only.
    #[arg(long, env = "CLAIMDESK_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,

    /// Record no metrics, and serve no `/metrics`.
    #[arg(long, env = "CLAIMDESK_NO_METRICS")]
    pub no_metrics: bool,

    /// Limits on requests.
    #[command(flatten)]
    pub limits: LimitsConfig,

    /// How closed reviews are published.
    #[command(flatten)]
    pub publishing: PublishingConfig,

    /// How webhooks are delivered.
    #[command(flatten)]
    pub webhooks: WebhookConfig,
    /// When claims are matched.
    #[command(flatten)]
    pub matching: MatchingConfig,
}

/// The thresholds of claim matching (see "Checked before?" in the README).
#[derive(Debug, Clone, Copy, Args)]
pub struct MatchingConfig {
    /// The score from which a match is suggested, from 0 (exclusive) to 1.
    #[arg(long, env = "CLAIMDESK_MATCH_SUGGEST", default_value_t = claimdesk_core::matching::DEFAULT_SUGGEST)]
    pub match_suggest: f64,

    /// The score from which a match between texts of at least 8 words is confirmed without a
    /// person; at least the suggest threshold, at most 1.
    #[arg(long, env = "CLAIMDESK_MATCH_CONFIRM", default_value_t = claimdesk_core::matching::DEFAULT_CONFIRM)]
    pub match_confirm: f64,
}

impl Default for MatchingConfig {
    fn default() -> Self {
        Self {
            match_suggest: claimdesk_core::matching::DEFAULT_SUGGEST,
            match_confirm: claimdesk_core::matching::DEFAULT_CONFIRM,
        }
    }
}

impl MatchingConfig {
    /// The thresholds, checked.
    pub fn thresholds(
        &self,
    ) -> Result<claimdesk_core::matching::Thresholds, claimdesk_core::matching::ThresholdError>
    {
        claimdesk_core::matching::Thresholds::new(self.match_suggest, self.match_confirm)
    }
}

/// How closed reviews are published as schema.org ClaimReview.
#[derive(Debug, Clone, Args)]
pub struct PublishingConfig {
    /// The fact-checking organisation that publishes the reviews.
    #[arg(long, env = "CLAIMDESK_REVIEW_ORG_NAME", default_value = "ClaimDesk")]
    pub review_org_name: String,

    /// The organisation's home page.
    #[arg(
        long,
        env = "CLAIMDESK_REVIEW_ORG_URL",
        default_value = "https://claimdesk.example"
    )]
    pub review_org_url: String,

    /// The public base URL of this server, for the reviews' own URLs; by default
    /// `http://` and the bind address.
    #[arg(long, env = "CLAIMDESK_PUBLIC_BASE_URL")]
    pub public_base_url: Option<String>,

    /// Publish a verdict only once an editor other than the one who closed the review
    /// approves it (`approveVerdict`); until then the claim is `AWAITING_APPROVAL`.
    #[arg(long, env = "CLAIMDESK_REQUIRE_APPROVAL")]
    pub require_approval: bool,
}

impl PublishingConfig {
    /// When closed verdicts are published.
    pub fn policy(&self) -> PublicationPolicy {
        if self.require_approval {
            PublicationPolicy::RequireApproval
        } else {
            PublicationPolicy::Immediate
        }
    }

    /// The publisher, with `bind` as the fallback base URL.
    pub fn publisher(&self, bind: SocketAddr) -> Publisher {
        Publisher {
            name: self.review_org_name.clone(),
            url: self.review_org_url.clone(),
            base_url: self
                .public_base_url
                .clone()
                .unwrap_or_else(|| format!("http://{bind}")),
        }
    }
}

const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
const DEFAULT_MAX_BATCH: usize = 10;
const DEFAULT_REQUEST_TIMEOUT_SECS: u64 = 30;
const DEFAULT_SOCKET_RECHECK_SECS: u64 = 30;

/// Limits on requests. Each has a default that suits an editorial dashboard.
#[derive(Debug, Clone, Copy, Args)]
pub struct LimitsConfig {
    /// The deepest a query's selections may nest.
    #[arg(long, env = "CLAIMDESK_MAX_DEPTH", default_value_t = Limits::default().max_depth)]
    pub max_depth: usize,

    /// The largest complexity a query may have; list fields cost their page size times their
    /// children.
    #[arg(long, env = "CLAIMDESK_MAX_COMPLEXITY", default_value_t = Limits::default().max_complexity)]
    pub max_complexity: usize,

    /// How many aliases a query may hold.
    #[arg(long, env = "CLAIMDESK_MAX_ALIASES", default_value_t = Limits::default().max_aliases)]
    pub max_aliases: usize,

    /// How many directives a query may hold.
    #[arg(long, env = "CLAIMDESK_MAX_DIRECTIVES", default_value_t = Limits::default().max_directives)]
    pub max_directives: usize,

    /// The largest `first` or `last` a connection accepts (at most 1,000).
    #[arg(long, env = "CLAIMDESK_MAX_PAGE_SIZE", default_value_t = Limits::default().max_page_size, value_parser = page_size)]
    pub max_page_size: usize,

    /// The largest request body, in bytes.
    #[arg(long, env = "CLAIMDESK_MAX_BODY_BYTES", default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,

    /// How many operations one batched request may hold.
    #[arg(long, env = "CLAIMDESK_MAX_BATCH", default_value_t = DEFAULT_MAX_BATCH)]
    pub max_batch: usize,

    /// How long a request may run, in seconds.
    #[arg(long, env = "CLAIMDESK_REQUEST_TIMEOUT_SECS", default_value_t = DEFAULT_REQUEST_TIMEOUT_SECS)]
    pub request_timeout_secs: u64,

    /// How often an open WebSocket connection re-checks its token, in seconds; a connection
    /// whose token was revoked is closed, ending its subscriptions.
    #[arg(long, env = "CLAIMDESK_SOCKET_RECHECK_SECS", default_value_t = DEFAULT_SOCKET_RECHECK_SECS, value_parser = clap::value_parser!(u64).range(1..))]
    pub socket_recheck_secs: u64,

    /// Refuse introspection (`__schema`, `__type`).
    #[arg(long, env = "CLAIMDESK_NO_INTROSPECTION")]
    pub no_introspection: bool,
}

/// Reads a page size between 1 and the ceiling.
fn page_size(text: &str) -> Result<usize, String> {
    let size: usize = text.parse().map_err(|error| format!("{error}"))?;
    if (1..=MAX_PAGE_SIZE_CEILING).contains(&size) {
        Ok(size)
    } else {
        Err(format!("must be between 1 and {MAX_PAGE_SIZE_CEILING}"))
    }
}

impl LimitsConfig {
    /// The limits the schema enforces.
    pub fn schema_limits(&self) -> Limits {
        Limits {
            max_depth: self.max_depth,
            max_complexity: self.max_complexity,
            max_aliases: self.max_aliases,
            max_directives: self.max_directives,
            max_page_size: self.max_page_size,
            introspection: !self.no_introspection,
        }
    }

    /// How long a request may run.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// How often an open WebSocket connection re-checks its token; at least a second.
    pub fn socket_recheck(&self) -> Duration {
        Duration::from_secs(self.socket_recheck_secs.max(1))
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let schema = Limits::default();
        Self {
            max_depth: schema.max_depth,
            max_complexity: schema.max_complexity,
            max_aliases: schema.max_aliases,
            max_directives: schema.max_directives,
            max_page_size: schema.max_page_size,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_batch: DEFAULT_MAX_BATCH,
            request_timeout_secs: DEFAULT_REQUEST_TIMEOUT_SECS,
            socket_recheck_secs: DEFAULT_SOCKET_RECHECK_SECS,
            no_introspection: false,
        }
    }
}
