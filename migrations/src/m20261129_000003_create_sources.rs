//! Sources: who claims are attributed to, unique by name regardless of case.

use sea_orm_migration::{prelude::*, schema::*};

use crate::ENUM_LEN;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Sources {
    Table,
    Id,
    Name,
    /// The lower-cased name: the unique key that makes names case-insensitive on both backends.
    NameKey,
    Kind,
    Description,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sources::Table)
                    .col(big_pk_auto(Sources::Id))
                    .col(string_len(Sources::Name, 200))
                    .col(string_len_uniq(Sources::NameKey, 200))
                    .col(string_len(Sources::Kind, ENUM_LEN))
                    .col(text_null(Sources::Description))
                    .col(timestamp_with_time_zone(Sources::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Sources::Table).to_owned())
            .await
    }
}
