//! The `evidence` table.

use claimdesk_core::records::Evidence;
use sea_orm::entity::prelude::*;

use super::parse_name;
use crate::StoreError;

/// A row of `evidence`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub excerpt: Option<String>,
    pub stance: String,
    pub published_at: Option<DateTimeUtc>,
    pub added_by_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for Evidence {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        Ok(Evidence {
            id: row.id,
            claim_id: row.claim_id,
            stance: parse_name("evidence", "stance", &row.stance)?,
            url: row.url,
            title: row.title,
            publisher: row.publisher,
            excerpt: row.excerpt,
            published_at: row.published_at,
            added_by_id: row.added_by_id,
            created_at: row.created_at,
        })
    }
}
