//! The `claim_match_keys` table.

use sea_orm::entity::prelude::*;

/// A row of `claim_match_keys`: one match key of a claim (see `matching::keys`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_match_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub key: i64,
    pub claim_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
