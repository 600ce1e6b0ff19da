//! A reviewer's note.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{error::api_error, id::NodeType, object::User, state::ContextExt};

/// A reviewer's note on a claim.
pub struct Note(pub records::Note);

/// A reviewer's note on a claim.
#[Object]
impl Note {
    /// The note's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Note.id(self.0.id)
    }

    /// What the note says.
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// Who wrote it.
    async fn author(&self, ctx: &Context<'_>) -> Result<User> {
        ctx.store()
            .user(self.0.author_id)
            .await
            .map(User)
            .map_err(api_error)
    }

    /// When it was written.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
