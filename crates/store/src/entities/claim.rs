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
