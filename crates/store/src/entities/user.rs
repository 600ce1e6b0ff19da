//! The `users` table.

use claimdesk_core::records::User;
use sea_orm::entity::prelude::*;

use super::parse_name;
use crate::StoreError;

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    pub role: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for User {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        Ok(User {
            id: row.id,
            role: parse_name("users", "role", &row.role)?,
            name: row.name,
            created_at: row.created_at,
        })
    }
}
