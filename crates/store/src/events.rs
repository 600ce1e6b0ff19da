//! Reading one entry of a claim's history (a claim's whole history is read in batches, see
//! [`Store::history_by_claim`]).

use claimdesk_core::records::ClaimEvent;
use sea_orm::EntityTrait;

use crate::{Store, StoreError, entities::claim_event};

impl Store {
    /// The history entry with `id`.
    pub async fn claim_event(&self, id: i64) -> Result<ClaimEvent, StoreError> {
        claim_event::Entity::find_by_id(id)
            .one(&self.reads)
            .await?
            .ok_or(StoreError::not_found("claim event", id))?
            .try_into()
    }
}
