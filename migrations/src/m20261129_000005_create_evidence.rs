//! Evidence: sources attached to a claim, each URL at most once per claim.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, m20261129_000001_create_users::Users, m20261129_000004_create_claims::Claims,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Evidence {
    Table,
    Id,
    ClaimId,
    Url,
    Title,
    Publisher,
    Excerpt,
    Stance,
    PublishedAt,
    AddedById,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Evidence::Table)
                    .col(big_pk_auto(Evidence::Id))
                    .col(big_integer(Evidence::ClaimId))
                    .col(string_len(Evidence::Url, 2048))
                    .col(string_len(Evidence::Title, 500))
                    .col(string_len_null(Evidence::Publisher, 200))
                    .col(text_null(Evidence::Excerpt))
                    .col(string_len(Evidence::Stance, ENUM_LEN))
                    .col(timestamp_with_time_zone_null(Evidence::PublishedAt))
                    .col(big_integer(Evidence::AddedById))
                    .col(timestamp_with_time_zone(Evidence::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Evidence::Table, Evidence::ClaimId)
                            .to(Claims::Table, Claims::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Evidence::Table, Evidence::AddedById)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("evidence_claim_id_url_key")
                    .table(Evidence::Table)
                    .col(Evidence::ClaimId)
                    .col(Evidence::Url)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Evidence::Table).to_owned())
            .await
    }
}
