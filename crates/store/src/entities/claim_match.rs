//! The `claim_matches` table.

use sea_orm::entity::prelude::*;

/// A row of `claim_matches`: one direction of a link between two claims.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_matches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub matched_claim_id: i64,
    pub score: f64,
    pub state: String,
    pub reasons: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
