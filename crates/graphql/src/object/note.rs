//! A reviewer's note.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{
    id::NodeType,
    object::{User, user_read_with},
};

/// A reviewer's note on a claim.
pub struct Note(pub records::Note, pub Option<records::User>);

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
        user_read_with(ctx, self.1.as_ref(), self.0.author_id).await
    }

    /// When it was written.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
