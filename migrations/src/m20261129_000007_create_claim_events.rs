//! Claim events: the append-only history of every claim.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, m20261129_000001_create_users::Users, m20261129_000004_create_claims::Claims,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ClaimEvents {
    Table,
    Id,
    ClaimId,
    Kind,
    ActorId,
    At,
    FromStatus,
    ToStatus,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ClaimEvents::Table)
                    .col(big_pk_auto(ClaimEvents::Id))
                    .col(big_integer(ClaimEvents::ClaimId))
                    .col(string_len(ClaimEvents::Kind, ENUM_LEN))
                    .col(big_integer(ClaimEvents::ActorId))
                    .col(timestamp_with_time_zone(ClaimEvents::At))
                    .col(string_len_null(ClaimEvents::FromStatus, ENUM_LEN))
                    .col(string_len_null(ClaimEvents::ToStatus, ENUM_LEN))
                    .col(json(ClaimEvents::Detail))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimEvents::Table, ClaimEvents::ClaimId)
                            .to(Claims::Table, Claims::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimEvents::Table, ClaimEvents::ActorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_events_claim_id_id_idx")
                    .table(ClaimEvents::Table)
                    .col(ClaimEvents::ClaimId)
                    .col(ClaimEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ClaimEvents::Table).to_owned())
            .await
    }
}
