//! Reading a claim's history.

use claimdesk_core::records::ClaimEvent;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{Store, StoreError, entities::claim_event};

impl Store {
    /// Everything that happened to the claim, oldest first.
    pub async fn claim_history(&self, claim_id: i64) -> Result<Vec<ClaimEvent>, StoreError> {
        claim_event::Entity::find()
            .filter(claim_event::Column::ClaimId.eq(claim_id))
            .order_by_asc(claim_event::Column::Id)
            .all(&self.reads)
            .await?
            .into_iter()
            .map(ClaimEvent::try_from)
            .collect()
    }

    /// The history entry with `id`.
    pub async fn claim_event(&self, id: i64) -> Result<ClaimEvent, StoreError> {
        claim_event::Entity::find_by_id(id)
            .one(&self.reads)
            .await?
            .ok_or(StoreError::not_found("claim event", id))?
            .try_into()
    }
}
