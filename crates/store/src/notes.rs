//! Notes: reviewers' remarks, allowed in every status.

use claimdesk_core::{
    EventKind, event_detail,
    records::{Claim, Note},
    validation::{limits, required_text},
};
use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::{
    ClaimRef, Store, StoreError,
    by_id::row_by_id,
    entities::{claim, note},
    history::{EventDraft, read_for_change},
};

impl Store {
    /// Adds a note to a claim, with its event, in one transaction.
    pub async fn add_note(
        &self,
        actor_id: i64,
        target: ClaimRef,
        body: String,
    ) -> Result<(Claim, Note), StoreError> {
        required_text("body", &body, limits::NOTE_BODY)?;
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, target).await?;
        let row = note::ActiveModel {
            claim_id: Set(claim.id),
            author_id: Set(actor_id),
            body: Set(body),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        let row = note::Entity::insert(row).exec_with_returning(&txn).await?;
        let event = EventDraft::new(EventKind::NoteAdded, event_detail::note_added(row.id));
        let claim = self
            .commit_change(txn, &claim, actor_id, claim::ActiveModel::default(), event)
            .await?;
        Ok((claim, row.into()))
    }

    /// The note with `id`.
    pub async fn note(&self, id: i64) -> Result<Note, StoreError> {
        Ok(row_by_id::<note::Entity>(&self.reads, "note", id)
            .await?
            .into())
    }
}
