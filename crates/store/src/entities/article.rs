//! The `articles` table.

use claimdesk_core::records::Article;
use sea_orm::entity::prelude::*;

/// A row of `articles`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub ingested_at: DateTimeUtc,
    pub author: Option<String>,
    pub revision: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for Article {
    fn from(row: Model) -> Self {
        Article {
            id: row.id,
            url: row.url,
            title: row.title,
            publisher: row.publisher,
            published_at: row.published_at,
            body: row.body,
            ingested_at: row.ingested_at,
            author: row.author,
            revision: row.revision,
        }
    }
}
