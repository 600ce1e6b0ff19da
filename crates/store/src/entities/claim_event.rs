//! The `claim_events` table: append-only, never updated or deleted.

use claimdesk_core::records::ClaimEvent;
use sea_orm::entity::prelude::*;

use super::{belongs_to_user::belongs_to_user, parse_name, parse_optional_name};
use crate::{StoreError, driver_row::model_with_driver_row};

model_with_driver_row! {
    /// A row of `claim_events`.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub claim_id: i64,
        pub kind: String,
        pub actor_id: i64,
        pub at: DateTimeUtc,
        pub from_status: Option<String>,
        pub to_status: Option<String>,
        pub detail: Json,
    }
}

belongs_to_user!(Column::ActorId);

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for ClaimEvent {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        Ok(ClaimEvent {
            id: row.id,
            claim_id: row.claim_id,
            kind: parse_name("claim_events", "kind", &row.kind)?,
            actor_id: row.actor_id,
            at: row.at,
            from_status: parse_optional_name(
                "claim_events",
                "from_status",
                row.from_status.as_deref(),
            )?,
            to_status: parse_optional_name("claim_events", "to_status", row.to_status.as_deref())?,
            detail: row.detail,
        })
    }
}
