//! A piece of evidence.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{enums::EvidenceStance, id::NodeType, loader, object::User};

/// A source that backs, refutes or frames a claim.
pub struct Evidence(pub records::Evidence);

/// A source that backs, refutes or frames a claim.
#[Object]
impl Evidence {
    /// The evidence's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Evidence.id(self.0.id)
    }

    /// Where it can be read.
    async fn url(&self) -> &str {
        &self.0.url
    }

    /// Its title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// The passage that matters.
    async fn excerpt(&self) -> Option<&str> {
        self.0.excerpt.as_deref()
    }

    /// What it does for the claim.
    async fn stance(&self) -> EvidenceStance {
        self.0.stance.into()
    }

    /// When it was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// Who attached it.
    async fn added_by(&self, ctx: &Context<'_>) -> Result<User> {
        loader::user(ctx, self.0.added_by_id).await.map(User)
    }

    /// When it was attached.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
