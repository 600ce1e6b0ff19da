//! Claim matching: the links between claims that state the same thing, and the reviews
//! imported from other fact-checkers.
//!
//! `claim_matches` holds one row per direction of a link (the claim, then the claim it
//! matches), so that a claim's matches are one index walk: the matcher's score, the state
//! (`SUGGESTED`, `CONFIRMED`, `REJECTED`) and the reasons, as JSON, seen from `claim_id`.
//! `imported_reviews` marks the claims that stand for another publisher's ClaimReview, with
//! the rating as published; the review page is the claim's article.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{ENUM_LEN, m20261129_000004_create_claims::Claims};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ClaimMatches {
    Table,
    Id,
    ClaimId,
    MatchedClaimId,
    Score,
    State,
    Reasons,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ImportedReviews {
    Table,
    ClaimId,
    Url,
    Publisher,
    PublishedAt,
    RatingLabel,
    RatingValue,
    ImportedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ClaimMatches::Table)
                    .col(big_pk_auto(ClaimMatches::Id))
                    .col(big_integer(ClaimMatches::ClaimId))
                    .col(big_integer(ClaimMatches::MatchedClaimId))
                    .col(double(ClaimMatches::Score))
                    .col(string_len(ClaimMatches::State, ENUM_LEN))
                    .col(json(ClaimMatches::Reasons))
                    .col(timestamp_with_time_zone(ClaimMatches::CreatedAt))
                    .col(timestamp_with_time_zone(ClaimMatches::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimMatches::Table, ClaimMatches::ClaimId)
                            .to(Claims::Table, Claims::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimMatches::Table, ClaimMatches::MatchedClaimId)
                            .to(Claims::Table, Claims::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_matches_claim_id_matched_claim_id_idx")
                    .table(ClaimMatches::Table)
                    .col(ClaimMatches::ClaimId)
                    .col(ClaimMatches::MatchedClaimId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_matches_state_claim_id_idx")
                    .table(ClaimMatches::Table)
                    .col(ClaimMatches::State)
                    .col(ClaimMatches::ClaimId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_matches_matched_claim_id_idx")
                    .table(ClaimMatches::Table)
                    .col(ClaimMatches::MatchedClaimId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportedReviews::Table)
                    .col(big_integer(ImportedReviews::ClaimId).primary_key())
                    .col(string_len_uniq(ImportedReviews::Url, 2048))
                    .col(string_len_null(ImportedReviews::Publisher, 200))
                    .col(timestamp_with_time_zone_null(ImportedReviews::PublishedAt))
                    .col(string_len_null(ImportedReviews::RatingLabel, 200))
                    .col(double_null(ImportedReviews::RatingValue))
                    .col(timestamp_with_time_zone(ImportedReviews::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportedReviews::Table, ImportedReviews::ClaimId)
                            .to(Claims::Table, Claims::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportedReviews::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ClaimMatches::Table).to_owned())
            .await
    }
}
