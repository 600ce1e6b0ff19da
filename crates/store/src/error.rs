//! What can go wrong in the store, typed so that the API can answer precisely.

use claimdesk_core::{AnchorError, WorkflowError, validation::ValidationError};
use sea_orm::DbErr;
use thiserror::Error;

/// A store operation's failure.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No record of that kind has that ID.
    #[error("no {entity} has the ID {id}")]
    NotFound {
        /// The kind of record, such as "claim".
        entity: &'static str,
        /// The ID that was looked up.
        id: i64,
    },
    /// No record of that kind has that name.
    #[error("no {entity} is called {name:?}")]
    UnknownName {
        /// The kind of record, such as "user".
        entity: &'static str,
        /// The name that was looked up.
        name: String,
    },
    /// The claim's review is not closed, so it is not published.
    #[error("claim {claim_id} has no published review: its review is not closed")]
    NotPublished {
        /// The claim.
        claim_id: i64,
    },
    /// The claim changed since the caller read it.
    #[error("claim {claim_id} is at version {actual}, not {expected}; read it again and retry")]
    Conflict {
        /// The claim.
        claim_id: i64,
        /// The version the caller expected.
        expected: i64,
        /// The version the claim is at, as far as is known.
        actual: i64,
    },
    /// The workflow does not allow the change.
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// An input field breaks a rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// Some items of a batch break a rule; nothing was written.
    #[error("{} claims are invalid; the first, at index {}: {}", .0.len(), .0[0].index, .0[0].error)]
    InvalidItems(Vec<crate::ingest::ItemError>),
    /// The quote is not at its span in the article body.
    #[error("quote: {0}")]
    Anchor(#[from] AnchorError),
    /// A record with the same unique key already exists with other content.
    #[error("{field}: {message}")]
    Duplicate {
        /// The input field that holds the key.
        field: &'static str,
        /// What already exists.
        message: String,
    },
    /// A stored value cannot be read back; a bug or a hand-edited database.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// The database is backed up by another tool; the message says which, and how.
    #[error("{0}")]
    BackupElsewhere(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl StoreError {
    pub(crate) fn not_found(entity: &'static str, id: i64) -> Self {
        Self::NotFound { entity, id }
    }

    /// Whether a unique constraint refused the write.
    pub(crate) fn is_unique_violation(error: &DbErr) -> bool {
        matches!(
            error.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        )
    }
}
