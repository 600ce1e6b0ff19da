//! The `claims` table.

use claimdesk_core::{TextSpan, records::Claim};
use sea_orm::entity::prelude::*;

use super::{parse_name, parse_optional_name};
use crate::{StoreError, driver_row::model_with_driver_row};

model_with_driver_row! {
    /// A row of `claims`.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "claims")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub article_id: i64,
        pub external_id: Option<String>,
        #[sea_orm(column_type = "Text")]
        pub text: String,
        #[sea_orm(column_type = "Text")]
        pub quote: String,
        pub span_start: i32,
        pub span_end: i32,
        pub source_id: Option<i64>,
        pub attribution: String,
        pub status: String,
        pub priority: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub flag_reason: Option<String>,
        pub flagged_at: Option<DateTimeUtc>,
        pub assignee_id: Option<i64>,
        pub verdict: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub verdict_summary: Option<String>,
        pub closed_at: Option<DateTimeUtc>,
        pub closed_by_id: Option<i64>,
        pub version: i64,
        pub anchor_lost: bool,
        pub check_worthiness: Option<f64>,
        pub category: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for Claim {
    type Error = StoreError;

    fn try_from(row: Model) -> Result<Self, StoreError> {
        let offset = |value: i32| {
            usize::try_from(value)
                .map_err(|_| StoreError::Corrupt(format!("claims.span of {} is negative", row.id)))
        };
        Ok(Claim {
            span: TextSpan {
                start: offset(row.span_start)?,
                end: offset(row.span_end)?,
            },
            attribution: parse_name("claims", "attribution", &row.attribution)?,
            status: parse_name("claims", "status", &row.status)?,
            priority: parse_name("claims", "priority", &row.priority)?,
            verdict: parse_optional_name("claims", "verdict", row.verdict.as_deref())?,
            id: row.id,
            article_id: row.article_id,
            external_id: row.external_id,
            text: row.text,
            quote: row.quote,
            source_id: row.source_id,
            flag_reason: row.flag_reason,
            flagged_at: row.flagged_at,
            assignee_id: row.assignee_id,
            verdict_summary: row.verdict_summary,
            closed_at: row.closed_at,
            closed_by_id: row.closed_by_id,
            version: row.version,
            anchor_lost: row.anchor_lost,
            check_worthiness: row.check_worthiness,
            category: row.category,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// The row that holds `claim` as it is, ID and all: for writing records made elsewhere, such as
/// generated demo data.
impl TryFrom<Claim> for Model {
    type Error = StoreError;

    fn try_from(claim: Claim) -> Result<Self, StoreError> {
        let offset = |value: usize| {
            i32::try_from(value).map_err(|_| {
                StoreError::Corrupt(format!("claim {} has a span past 2^31", claim.id))
            })
        };
        Ok(Model {
            span_start: offset(claim.span.start)?,
            span_end: offset(claim.span.end)?,
            id: claim.id,
            article_id: claim.article_id,
            external_id: claim.external_id,
            text: claim.text,
            quote: claim.quote,
            source_id: claim.source_id,
            attribution: claim.attribution.as_ref().to_owned(),
            status: claim.status.as_ref().to_owned(),
            priority: claim.priority.as_ref().to_owned(),
            flag_reason: claim.flag_reason,
            flagged_at: claim.flagged_at,
            assignee_id: claim.assignee_id,
            verdict: claim.verdict.map(|verdict| verdict.as_ref().to_owned()),
            verdict_summary: claim.verdict_summary,
            closed_at: claim.closed_at,
            closed_by_id: claim.closed_by_id,
            version: claim.version,
            anchor_lost: claim.anchor_lost,
            check_worthiness: claim.check_worthiness,
            category: claim.category,
            created_at: claim.created_at,
            updated_at: claim.updated_at,
        })
    }
}
