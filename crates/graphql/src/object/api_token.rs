//! An API token, without its secret.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{id::NodeType, loader, object::User};

/// An API token of a user. The secret is shown once, when the token is created.
pub struct ApiToken(pub records::ApiToken);

/// An API token of a user. The secret is shown once, when the token is created.
#[Object]
impl ApiToken {
    /// The token's global ID, to revoke it with.
    async fn id(&self) -> ID {
        NodeType::ApiToken.id(self.0.id)
    }

    /// What the token is for.
    async fn label(&self) -> Option<&str> {
        self.0.label.as_deref()
    }

    /// The token's first characters, to recognise it.
    async fn prefix(&self) -> &str {
        &self.0.lookup
    }

    /// Whose token it is.
    async fn user(&self, ctx: &Context<'_>) -> Result<User> {
        loader::user(ctx, self.0.user_id).await.map(User)
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it was revoked; a revoked token authenticates nobody.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}
