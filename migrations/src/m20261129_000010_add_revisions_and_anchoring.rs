//! Article revisions, and what ingestion records on claims: a lost anchor, and the
//! detector's check-worthiness and category.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, m20261129_000002_create_articles::Articles, m20261129_000004_create_claims::Claims,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ArticleRevisions {
    Table,
    Id,
    ArticleId,
    Revision,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NewArticleColumns {
    Revision,
    Author,
}

#[derive(DeriveIden)]
enum NewClaimColumns {
    AnchorLost,
    CheckWorthiness,
    Category,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ArticleRevisions::Table)
                    .col(big_pk_auto(ArticleRevisions::Id))
                    .col(big_integer(ArticleRevisions::ArticleId))
                    .col(integer(ArticleRevisions::Revision))
                    .col(text(ArticleRevisions::Body))
                    .col(timestamp_with_time_zone(ArticleRevisions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ArticleRevisions::Table, ArticleRevisions::ArticleId)
                            .to(Articles::Table, Articles::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("article_revisions_article_revision_key")
                    .table(ArticleRevisions::Table)
                    .col(ArticleRevisions::ArticleId)
                    .col(ArticleRevisions::Revision)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            (
                Articles::Table.into_iden(),
                integer(NewArticleColumns::Revision).default(1).to_owned(),
            ),
            (
                Articles::Table.into_iden(),
                string_len_null(NewArticleColumns::Author, 200),
            ),
            (
                Claims::Table.into_iden(),
                boolean(NewClaimColumns::AnchorLost)
                    .default(false)
                    .to_owned(),
            ),
            (
                Claims::Table.into_iden(),
                double_null(NewClaimColumns::CheckWorthiness),
            ),
            (
                Claims::Table.into_iden(),
                string_len_null(NewClaimColumns::Category, ENUM_LEN),
            ),
        ];
        for (table, mut column) in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("claims_anchor_lost_idx")
                    .table(Claims::Table)
                    .col(NewClaimColumns::AnchorLost)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("claims_anchor_lost_idx")
                    .table(Claims::Table)
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            (
                Claims::Table.into_iden(),
                NewClaimColumns::Category.into_iden(),
            ),
            (
                Claims::Table.into_iden(),
                NewClaimColumns::CheckWorthiness.into_iden(),
            ),
            (
                Claims::Table.into_iden(),
                NewClaimColumns::AnchorLost.into_iden(),
            ),
            (
                Articles::Table.into_iden(),
                NewArticleColumns::Author.into_iden(),
            ),
            (
                Articles::Table.into_iden(),
                NewArticleColumns::Revision.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ArticleRevisions::Table).to_owned())
            .await
    }
}
