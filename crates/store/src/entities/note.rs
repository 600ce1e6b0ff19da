//! The `notes` table.

use claimdesk_core::records::Note;
use sea_orm::entity::prelude::*;

use super::belongs_to_user::belongs_to_user;

/// A row of `notes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub author_id: i64,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

belongs_to_user!(Column::AuthorId);

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for Note {
    fn from(row: Model) -> Self {
        Note {
            id: row.id,
            claim_id: row.claim_id,
            author_id: row.author_id,
            body: row.body,
            created_at: row.created_at,
        }
    }
}
