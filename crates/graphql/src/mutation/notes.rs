//! `addNote`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::workflow::Action;

use super::claim_ref;
use crate::{
    error::api_error,
    guard::ActionGuard,
    object::{Claim, Note},
    state::ContextExt,
};

/// A note to add to a claim, in any status.
#[derive(InputObject)]
pub struct AddNoteInput {
    /// The claim.
    claim_id: ID,
    /// What the note says; must not be blank.
    body: String,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// The result of `addNote`.
#[derive(SimpleObject)]
pub struct AddNotePayload {
    /// The claim as it now is.
    claim: Claim,
    /// The note added.
    note: Note,
}

#[derive(Default)]
pub struct NoteMutations;

#[Object]
impl NoteMutations {
    /// Adds a reviewer's note to a claim. Notes are allowed in every status.
    #[graphql(guard = "ActionGuard(Action::AddNote)")]
    async fn add_note(&self, ctx: &Context<'_>, input: AddNoteInput) -> Result<AddNotePayload> {
        let actor = ctx.actor()?;
        let target = claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?;
        let (claim, note) = ctx
            .store()
            .add_note(actor.id, target, input.body)
            .await
            .map_err(api_error)?;
        Ok(AddNotePayload {
            claim: Claim(claim),
            note: Note(note, None),
        })
    }
}
