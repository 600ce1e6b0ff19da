//! ClaimDesk storage on SQLite or PostgreSQL.
//!
//! [`Store`] is the one handle the rest of the service holds. Its methods are grouped by
//! domain, one file each, and every change to a claim runs in a single transaction together
//! with the event that records it and the bump of the claim's version.

mod entities;

mod approval;
mod articles;
mod backup;
mod by_id;
mod checkpoint;
mod claims;
mod connection;
mod copy;
#[cfg(feature = "demo-data")]
pub mod demo_data;
mod driver_row;
mod error;
mod evidence;
mod history;
mod ingest;
mod insert_once;
mod live;
mod matching;
mod name_filter;
mod notes;
mod ordering;
mod pagination;
mod publishing;
mod relations;
mod review;
mod review_import;
mod search;
mod sources;
mod stats;
mod tallies;
mod tokens;
mod users;
mod verdicts;
mod webhook_deliveries;
mod webhook_outbox;
mod webhooks;

pub use approval::RejectVerdict;
pub use articles::{ArticleFilter, NewArticle};
pub use claims::{ClaimFilter, NewClaim};
pub use connection::{Backend, Store};
pub use copy::{CopyError, CopyProgress, CopyReport};
pub use error::StoreError;
pub use evidence::NewEvidence;
pub use history::ClaimRef;
pub use ingest::{
    IngestArticle, IngestClaim, IngestOutcome, Ingested, ItemError, MAX_CLAIMS_PER_ARTICLE,
};
pub use live::{EventFilter, LiveEvent};
pub use matching::{ApplyMatchedVerdict, CANDIDATES, ClaimMatch, MAX_STORED_MATCHES};
pub use ordering::{ClaimOrder, OrderedClaim, SortCursor, SortDirection, SortField, SortValue};
pub use pagination::{Page, PageRequest};
pub use publishing::FeedPage;
pub use relations::SourceClaimCounts;
pub use review::{AssignClaim, CloseReview, FlagClaim, ReopenReview};
pub use review_import::ImportedReviews;
pub use search::SearchTerms;
pub use sources::{NewSource, SourceFilter};
pub use stats::{ApprovalDurations, ClaimStats, OLDEST_OPEN_FLAGGED, ReviewDurations};
pub use tokens::IssuedApiToken;
pub use users::UserFilter;
pub use webhook_deliveries::{AttemptOutcome, DueDelivery, NextStep};
pub use webhooks::{NewWebhook, WebhookChanges, WebhookWithSecret};

/// The outcome of an idempotent create: the record, and whether this call created it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created<T> {
    /// The record that now exists.
    pub record: T,
    /// `true` when this call created it, `false` when it already existed.
    pub created: bool,
}
