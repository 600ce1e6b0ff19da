//! The `api_tokens` table.

use claimdesk_core::records::ApiToken;
use sea_orm::entity::prelude::*;

use super::belongs_to_user::belongs_to_user;

/// A row of `api_tokens`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub label: Option<String>,
    pub lookup: String,
    #[sea_orm(unique)]
    pub secret_hash: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

belongs_to_user!(Column::UserId);

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for ApiToken {
    fn from(row: Model) -> Self {
        ApiToken {
            id: row.id,
            user_id: row.user_id,
            label: row.label,
            lookup: row.lookup,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}
