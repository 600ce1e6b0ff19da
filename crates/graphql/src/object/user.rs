//! A user.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{enums::Role, id::NodeType, loader};

/// A person or bot that acts on claims.
pub struct User(pub records::User);

/// A person or bot that acts on claims.
#[Object]
impl User {
    /// The user's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::User.id(self.0.id)
    }

    /// The user's unique name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What the user may do.
    async fn role(&self) -> Role {
        self.0.role.into()
    }

    /// When the user was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// The user with `id`, when there is one, through the batch of its request.
pub(crate) async fn optional_user(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<User>> {
    let Some(id) = id else { return Ok(None) };
    loader::user(ctx, id).await.map(|user| Some(User(user)))
}

/// The user with `id`: the one read with the record when there is one, else through the batch
/// of its request.
pub(crate) async fn user_read_with(
    ctx: &Context<'_>,
    read: Option<&records::User>,
    id: i64,
) -> Result<User> {
    match read {
        Some(user) => Ok(User(user.clone())),
        None => loader::user(ctx, id).await.map(User),
    }
}
