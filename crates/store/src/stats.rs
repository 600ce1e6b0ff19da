//! Desk counts for dashboards: how many claims are where, who carries the open ones, and how
//! long reviews take.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use claimdesk_core::{ClaimStatus, Priority, Verdict, records::Claim};
use sea_orm::{
    ColumnTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    ClaimFilter, Store, StoreError,
    claims::filtered,
    entities::{claim, parse_name},
};

/// How many of the oldest open flagged claims the stats list.
pub const OLDEST_OPEN_FLAGGED: u64 = 10;

/// The desk counts of the claims that pass a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimStats {
    /// How many claims are in each status.
    pub by_status: Vec<(ClaimStatus, u64)>,
    /// How many closed claims have each verdict.
    pub by_verdict: Vec<(Verdict, u64)>,
    /// How many claims have each priority.
    pub by_priority: Vec<(Priority, u64)>,
    /// How many open (not closed) claims each assignee has; `None` is unassigned.
    pub open_by_assignee: Vec<(Option<i64>, u64)>,
    /// The open claims flagged longest ago, oldest first.
    pub oldest_open_flagged: Vec<Claim>,
    /// The time from flagging to closing of every closed, flagged claim, shortest first.
    pub flag_to_close: Vec<Duration>,
    /// How many claims were closed on each of the last days, oldest day first.
    pub closed_per_day: Vec<(NaiveDate, u64)>,
}

impl Store {
    /// The desk counts of the claims that pass `filter`, with closings over the last `days`.
    pub async fn claim_stats(
        &self,
        filter: &ClaimFilter,
        days: u32,
    ) -> Result<ClaimStats, StoreError> {
        let by_status = self
            .count_by(filter, claim::Column::Status, "status")
            .await?;
        let by_verdict = self
            .count_by(filter, claim::Column::Verdict, "verdict")
            .await?;
        let by_priority = self
            .count_by(filter, claim::Column::Priority, "priority")
            .await?;
        let open = || {
            filtered(filter, self.backend())
                .filter(claim::Column::Status.ne(ClaimStatus::Closed.as_ref()))
        };
        let open_by_assignee = open()
            .select_only()
            .column(claim::Column::AssigneeId)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .group_by(claim::Column::AssigneeId)
            .into_tuple::<(Option<i64>, i64)>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|(assignee, count)| (assignee, u64::try_from(count).unwrap_or_default()))
            .collect();
        let oldest_open_flagged = open()
            .filter(claim::Column::FlaggedAt.is_not_null())
            .order_by_asc(claim::Column::FlaggedAt)
            .order_by_asc(claim::Column::Id)
            .limit(OLDEST_OPEN_FLAGGED)
            .all(&self.db)
            .await?
            .into_iter()
            .map(Claim::try_from)
            .collect::<Result<_, _>>()?;
        let closed = filtered(filter, self.backend())
            .filter(claim::Column::Status.eq(ClaimStatus::Closed.as_ref()))
            .filter(claim::Column::FlaggedAt.is_not_null())
            .filter(claim::Column::ClosedAt.is_not_null())
            .select_only()
            .columns([claim::Column::FlaggedAt, claim::Column::ClosedAt])
            .into_tuple::<(DateTime<Utc>, DateTime<Utc>)>()
            .all(&self.db)
            .await?;
        let mut flag_to_close: Vec<Duration> = closed
            .into_iter()
            .map(|(flagged, closed)| closed - flagged)
            .collect();
        flag_to_close.sort();
        let closed_per_day = self.closed_per_day(filter, days).await?;
        Ok(ClaimStats {
            by_status,
            by_verdict,
            by_priority,
            open_by_assignee,
            oldest_open_flagged,
            flag_to_close,
            closed_per_day,
        })
    }

    async fn count_by<T: std::str::FromStr>(
        &self,
        filter: &ClaimFilter,
        column: claim::Column,
        name: &'static str,
    ) -> Result<Vec<(T, u64)>, StoreError> {
        let select: Select<claim::Entity> =
            filtered(filter, self.backend()).filter(column.is_not_null());
        select
            .select_only()
            .column(column)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .group_by(column)
            .order_by_asc(column)
            .into_tuple::<(String, i64)>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|(value, count)| {
                Ok((
                    parse_name("claims", name, &value)?,
                    u64::try_from(count).unwrap_or_default(),
                ))
            })
            .collect()
    }

    async fn closed_per_day(
        &self,
        filter: &ClaimFilter,
        days: u32,
    ) -> Result<Vec<(NaiveDate, u64)>, StoreError> {
        let today = self.clock.now().date_naive();
        let first_day = today - Duration::days(i64::from(days.saturating_sub(1)));
        let since = first_day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let closings = filtered(filter, self.backend())
            .filter(claim::Column::ClosedAt.gte(since))
            .select_only()
            .column(claim::Column::ClosedAt)
            .into_tuple::<DateTime<Utc>>()
            .all(&self.db)
            .await?;
        let mut per_day: BTreeMap<NaiveDate, u64> = first_day
            .iter_days()
            .take_while(|day| *day <= today)
            .map(|day| (day, 0))
            .collect();
        for closed in closings {
            *per_day.entry(closed.date_naive()).or_default() += 1;
        }
        Ok(per_day.into_iter().collect())
    }
}
