//! The `sources` table.

use claimdesk_core::records::Source;
use sea_orm::entity::prelude::*;

use super::parse_name;
use crate::StoreError;

/// A row of `sources`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// `name` in lower case: the unique key.
    #[sea_orm(unique)]
    pub name_key: String,
    pub kind: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The key under which a source's name is unique: its lower-case form.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl TryFrom<Model> for Source {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        Ok(Source {
            id: row.id,
            kind: parse_name("sources", "kind", &row.kind)?,
            name: row.name,
            description: row.description,
        })
    }
}
