//! One verdict a claim has had.

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{
    enums::Verdict,
    loader,
    object::{User, optional_user},
};

/// One verdict a claim has had: each close of its review records a version, published at once
/// or, under the approval policy, once a second editor approves it.
pub struct VerdictVersion(pub records::VerdictVersion);

/// One verdict a claim has had: each close of its review records a version, published at once
/// or, under the approval policy, once a second editor approves it.
#[Object]
impl VerdictVersion {
    /// The outcome.
    async fn verdict(&self) -> Verdict {
        self.0.verdict.into()
    }

    /// The reasoning behind it.
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// Who closed the review with this verdict.
    async fn closed_by(&self, ctx: &Context<'_>) -> Result<User> {
        loader::user(ctx, self.0.closed_by_id).await.map(User)
    }

    /// When.
    async fn closed_at(&self) -> DateTime<Utc> {
        self.0.closed_at
    }

    /// The second editor who approved it; null when it was published without approval, or is
    /// not approved.
    async fn approved_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        optional_user(ctx, self.0.approved_by_id).await
    }

    /// When it was approved.
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }

    /// When it was published; null while it awaits approval, or when it was rejected.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// What changed and why, when this version replaced a published verdict.
    async fn correction(&self) -> Option<&str> {
        self.0.correction.as_deref()
    }

    /// The editor who sent it back to review instead of approving it.
    async fn rejected_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        optional_user(ctx, self.0.rejected_by_id).await
    }

    /// When it was sent back.
    async fn rejected_at(&self) -> Option<DateTime<Utc>> {
        self.0.rejected_at
    }

    /// Why it was sent back.
    async fn rejection_reason(&self) -> Option<&str> {
        self.0.rejection_reason.as_deref()
    }
}
