//! Notes: what reviewers write on a claim.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{m20261129_000001_create_users::Users, m20261129_000004_create_claims::Claims};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notes {
    Table,
    Id,
    ClaimId,
    AuthorId,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notes::Table)
                    .col(big_pk_auto(Notes::Id))
                    .col(big_integer(Notes::ClaimId))
                    .col(big_integer(Notes::AuthorId))
                    .col(text(Notes::Body))
                    .col(timestamp_with_time_zone(Notes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notes::Table, Notes::ClaimId)
                            .to(Claims::Table, Claims::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notes::Table, Notes::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notes_claim_id_idx")
                    .table(Notes::Table)
                    .col(Notes::ClaimId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notes::Table).to_owned())
            .await
    }
}
