//! Claims: checkable statements anchored in an article, with their review state.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, m20261129_000001_create_users::Users, m20261129_000002_create_articles::Articles,
    m20261129_000003_create_sources::Sources,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Claims {
    Table,
    Id,
    ArticleId,
    ExternalId,
    Text,
    Quote,
    SpanStart,
    SpanEnd,
    SourceId,
    Attribution,
    Status,
    Priority,
    FlagReason,
    FlaggedAt,
    AssigneeId,
    Verdict,
    VerdictSummary,
    ClosedAt,
    ClosedById,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Claims::Table)
                    .col(big_pk_auto(Claims::Id))
                    .col(big_integer(Claims::ArticleId))
                    .col(string_len_null(Claims::ExternalId, 200))
                    .col(text(Claims::Text))
                    .col(text(Claims::Quote))
                    .col(integer(Claims::SpanStart))
                    .col(integer(Claims::SpanEnd))
                    .col(big_integer_null(Claims::SourceId))
                    .col(string_len(Claims::Attribution, ENUM_LEN))
                    .col(string_len(Claims::Status, ENUM_LEN))
                    .col(string_len(Claims::Priority, ENUM_LEN))
                    .col(text_null(Claims::FlagReason))
                    .col(timestamp_with_time_zone_null(Claims::FlaggedAt))
                    .col(big_integer_null(Claims::AssigneeId))
                    .col(string_len_null(Claims::Verdict, ENUM_LEN))
                    .col(text_null(Claims::VerdictSummary))
                    .col(timestamp_with_time_zone_null(Claims::ClosedAt))
                    .col(big_integer_null(Claims::ClosedById))
                    .col(big_integer(Claims::Version))
                    .col(timestamp_with_time_zone(Claims::CreatedAt))
                    .col(timestamp_with_time_zone(Claims::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claims::Table, Claims::ArticleId)
                            .to(Articles::Table, Articles::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claims::Table, Claims::SourceId)
                            .to(Sources::Table, Sources::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claims::Table, Claims::AssigneeId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claims::Table, Claims::ClosedById)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A client's external ID identifies at most one claim per article, which makes
        // retried ingestion idempotent. Several NULLs are allowed on both backends.
        manager
            .create_index(
                Index::create()
                    .name("claims_article_external_id_key")
                    .table(Claims::Table)
                    .col(Claims::ArticleId)
                    .col(Claims::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("claims_status_idx", Claims::Status),
            ("claims_source_id_idx", Claims::SourceId),
            ("claims_assignee_id_idx", Claims::AssigneeId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Claims::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Claims::Table).to_owned())
            .await
    }
}
