//! The `claim_verdicts` table: the verdict versions of claims.

use claimdesk_core::records::VerdictVersion;
use sea_orm::entity::prelude::*;

use super::parse_name;
use crate::StoreError;

/// A row of `claim_verdicts`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_verdicts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub verdict: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub correction: Option<String>,
    pub closed_by_id: i64,
    pub closed_at: DateTimeUtc,
    pub approved_by_id: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub rejected_by_id: Option<i64>,
    pub rejected_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub rejection_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for VerdictVersion {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        Ok(VerdictVersion {
            verdict: parse_name("claim_verdicts", "verdict", &row.verdict)?,
            id: row.id,
            claim_id: row.claim_id,
            summary: row.summary,
            correction: row.correction,
            closed_by_id: row.closed_by_id,
            closed_at: row.closed_at,
            approved_by_id: row.approved_by_id,
            approved_at: row.approved_at,
            published_at: row.published_at,
            rejected_by_id: row.rejected_by_id,
            rejected_at: row.rejected_at,
            rejection_reason: row.rejection_reason,
        })
    }
}
