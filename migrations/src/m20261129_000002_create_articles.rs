//! Articles: the published texts that claims are taken from.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Articles {
    Table,
    Id,
    Url,
    Title,
    Publisher,
    PublishedAt,
    Body,
    IngestedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Articles::Table)
                    .col(big_pk_auto(Articles::Id))
                    .col(string_len_uniq(Articles::Url, 2048))
                    .col(string_len(Articles::Title, 500))
                    .col(string_len_null(Articles::Publisher, 200))
                    .col(timestamp_with_time_zone_null(Articles::PublishedAt))
                    .col(text(Articles::Body))
                    .col(timestamp_with_time_zone(Articles::IngestedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Articles::Table).to_owned())
            .await
    }
}
