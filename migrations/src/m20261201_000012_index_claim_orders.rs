//! Indexes for the dashboards' lists and counts: every order of `claims` has an index on its
//! sort column and the ID that breaks ties; the filters that select few claims (verdict,
//! closing time) have their own; and the desk counts (by priority, open claims per assignee,
//! review durations) read covering indexes instead of the whole table.

use sea_orm_migration::prelude::*;

use crate::m20261129_000004_create_claims::Claims;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScoredClaims {
    CheckWorthiness,
}

/// Each index's name and its columns, the ID always last.
fn indexes() -> Vec<(&'static str, Vec<DynIden>)> {
    let id = || Claims::Id.into_iden();
    vec![
        (
            "claims_created_at_id_idx",
            vec![Claims::CreatedAt.into_iden(), id()],
        ),
        (
            "claims_updated_at_id_idx",
            vec![Claims::UpdatedAt.into_iden(), id()],
        ),
        (
            "claims_flagged_at_id_idx",
            vec![Claims::FlaggedAt.into_iden(), id()],
        ),
        (
            "claims_check_worthiness_id_idx",
            vec![ScoredClaims::CheckWorthiness.into_iden(), id()],
        ),
        ("claims_verdict_idx", vec![Claims::Verdict.into_iden()]),
        ("claims_priority_idx", vec![Claims::Priority.into_iden()]),
        (
            "claims_assignee_id_status_idx",
            vec![Claims::AssigneeId.into_iden(), Claims::Status.into_iden()],
        ),
        (
            "claims_status_flagged_at_closed_at_idx",
            vec![
                Claims::Status.into_iden(),
                Claims::FlaggedAt.into_iden(),
                Claims::ClosedAt.into_iden(),
            ],
        ),
        ("claims_closed_at_idx", vec![Claims::ClosedAt.into_iden()]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in indexes() {
            let mut index = Index::create();
            index.name(name).table(Claims::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in indexes() {
            manager
                .drop_index(Index::drop().name(name).table(Claims::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
