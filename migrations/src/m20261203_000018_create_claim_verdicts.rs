//! Verdict versions: every verdict a claim has had, with who closed, approved or rejected it,
//! when it was published, and the correction it published. Closing a review adds a version;
//! approving or rejecting it fills in its outcome. The versions of the reviews closed before
//! this migration are taken from their `CLOSED` events, each published when it was closed,
//! as it was then.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    ENUM_LEN, execute_for_backend, m20261129_000001_create_users::Users,
    m20261129_000004_create_claims::Claims,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ClaimVerdicts {
    Table,
    Id,
    ClaimId,
    Verdict,
    Summary,
    Correction,
    ClosedById,
    ClosedAt,
    ApprovedById,
    ApprovedAt,
    PublishedAt,
    RejectedById,
    RejectedAt,
    RejectionReason,
}

/// Copies every past closing from the event log, oldest first.
const BACKFILL_SQLITE: &str = r"
INSERT INTO claim_verdicts (claim_id, verdict, summary, closed_by_id, closed_at, published_at)
SELECT claim_id, json_extract(detail, '$.verdict'), COALESCE(json_extract(detail, '$.summary'), ''),
       actor_id, at, at
FROM claim_events WHERE kind = 'CLOSED' ORDER BY id";

/// The same, in PostgreSQL's JSON operators.
const BACKFILL_POSTGRES: &str = r"
INSERT INTO claim_verdicts (claim_id, verdict, summary, closed_by_id, closed_at, published_at)
SELECT claim_id, detail->>'verdict', COALESCE(detail->>'summary', ''), actor_id, at, at
FROM claim_events WHERE kind = 'CLOSED' ORDER BY id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let user = |column: ClaimVerdicts| {
            ForeignKey::create()
                .from(ClaimVerdicts::Table, column)
                .to(Users::Table, Users::Id)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(ClaimVerdicts::Table)
                    .col(big_pk_auto(ClaimVerdicts::Id))
                    .col(big_integer(ClaimVerdicts::ClaimId))
                    .col(string_len(ClaimVerdicts::Verdict, ENUM_LEN))
                    .col(text(ClaimVerdicts::Summary))
                    .col(text_null(ClaimVerdicts::Correction))
                    .col(big_integer(ClaimVerdicts::ClosedById))
                    .col(timestamp_with_time_zone(ClaimVerdicts::ClosedAt))
                    .col(big_integer_null(ClaimVerdicts::ApprovedById))
                    .col(timestamp_with_time_zone_null(ClaimVerdicts::ApprovedAt))
                    .col(timestamp_with_time_zone_null(ClaimVerdicts::PublishedAt))
                    .col(big_integer_null(ClaimVerdicts::RejectedById))
                    .col(timestamp_with_time_zone_null(ClaimVerdicts::RejectedAt))
                    .col(text_null(ClaimVerdicts::RejectionReason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimVerdicts::Table, ClaimVerdicts::ClaimId)
                            .to(Claims::Table, Claims::Id),
                    )
                    .foreign_key(&mut user(ClaimVerdicts::ClosedById))
                    .foreign_key(&mut user(ClaimVerdicts::ApprovedById))
                    .foreign_key(&mut user(ClaimVerdicts::RejectedById))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_verdicts_claim_id_id_idx")
                    .table(ClaimVerdicts::Table)
                    .col(ClaimVerdicts::ClaimId)
                    .col(ClaimVerdicts::Id)
                    .to_owned(),
            )
            .await?;
        // The feeds walk publications by time.
        manager
            .create_index(
                Index::create()
                    .name("claim_verdicts_published_at_id_idx")
                    .table(ClaimVerdicts::Table)
                    .col(ClaimVerdicts::PublishedAt)
                    .col(ClaimVerdicts::Id)
                    .to_owned(),
            )
            .await?;
        execute_for_backend(manager, BACKFILL_SQLITE, BACKFILL_POSTGRES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ClaimVerdicts::Table).to_owned())
            .await
    }
}
