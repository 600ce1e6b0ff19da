//! Desk counts for dashboards: how many claims are where, who carries the open ones, and how
//! long reviews take (and verdicts wait for approval: `approval_time.rs`).

mod approval_time;

use std::collections::BTreeMap;

pub use self::approval_time::ApprovalDurations;

use chrono::{Duration, NaiveDate};
use claimdesk_core::{ClaimStatus, Priority, Verdict, records::Claim};
use claimdesk_migrations::review_time::{
    Columns, postgres_review_seconds, reviewed, sqlite_review_seconds,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
    Statement,
    sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement},
};

use crate::{
    Backend, ClaimFilter, Store, StoreError,
    claims::filtered,
    entities::{claim, parse_name},
    tallies::ClaimCounts,
};

/// How long closed reviews took from flag to close: how many there are, and the median and
/// 90th percentile by nearest rank, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReviewDurations {
    /// How many closed claims had been flagged.
    pub closed: u64,
    /// The median time, in seconds; `None` without closed claims.
    pub median_seconds: Option<f64>,
    /// The 90th percentile, in seconds; `None` without closed claims.
    pub p90_seconds: Option<f64>,
}

/// How many of the oldest open flagged claims the stats list.
pub const OLDEST_OPEN_FLAGGED: u64 = 10;

/// The desk counts of the claims that pass a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimStats {
    /// How many claims are in each status.
    pub by_status: Vec<(ClaimStatus, u64)>,
    /// How many closed claims have each verdict (not those awaiting approval).
    pub by_verdict: Vec<(Verdict, u64)>,
    /// How many claims have each priority.
    pub by_priority: Vec<(Priority, u64)>,
    /// How many open (not closed) claims each assignee has; `None` is unassigned.
    pub open_by_assignee: Vec<(Option<i64>, u64)>,
    /// The open claims flagged longest ago, oldest first.
    pub oldest_open_flagged: Vec<Claim>,
    /// How long the closed, flagged claims took from flag to close.
    pub flag_to_close: ReviewDurations,
    /// How many claims were closed on each of the last days, oldest day first.
    pub closed_per_day: Vec<(NaiveDate, u64)>,
    /// How long approved verdicts waited from close to approval.
    pub close_to_approval: ApprovalDurations,
}

impl Store {
    /// The desk counts of the claims that pass `filter`, with closings over the last `days`.
    pub async fn claim_stats(
        &self,
        filter: &ClaimFilter,
        days: u32,
    ) -> Result<ClaimStats, StoreError> {
        let counts = async {
            match self.tallied_counts(filter).await? {
                Some(counts) => Ok(counts),
                None => self.counted(filter).await,
            }
        };
        let (counts, oldest_open_flagged, flag_to_close, closed_per_day, close_to_approval) = futures::try_join!(
            counts,
            self.oldest_open_flagged(filter),
            self.review_durations(filter),
            self.closed_per_day(filter, days),
            self.approval_durations(filter),
        )?;
        Ok(ClaimStats {
            by_status: counts.by_status,
            by_verdict: counts.by_verdict,
            by_priority: counts.by_priority,
            open_by_assignee: counts.open_by_assignee,
            oldest_open_flagged,
            flag_to_close,
            closed_per_day,
            close_to_approval,
        })
    }

    /// The counts of the claims that pass `filter`, counted from the claims themselves.
    pub(crate) async fn counted(&self, filter: &ClaimFilter) -> Result<ClaimCounts, StoreError> {
        // The counts are independent reads: run them side by side, each on a connection of
        // the pool, so that they take as long as the slowest count, not all of them.
        let (by_status, by_verdict, by_priority, open_by_assignee) = futures::try_join!(
            self.count_by(
                self.filtered_claims(filter),
                claim::Column::Status,
                "status"
            ),
            self.count_by(
                self.closed_claims(filter),
                claim::Column::Verdict,
                "verdict"
            ),
            self.count_by(
                self.filtered_claims(filter),
                claim::Column::Priority,
                "priority"
            ),
            self.open_by_assignee(filter),
        )?;
        Ok(ClaimCounts {
            by_status,
            by_verdict,
            by_priority,
            open_by_assignee,
        })
    }

    /// The claims that pass `filter`.
    fn filtered_claims(&self, filter: &ClaimFilter) -> Select<claim::Entity> {
        filtered(filter, self.backend())
    }

    /// The claims that pass `filter` and are not closed.
    fn open_claims(&self, filter: &ClaimFilter) -> Select<claim::Entity> {
        self.filtered_claims(filter)
            .filter(claim::Column::Status.ne(ClaimStatus::Closed.as_ref()))
    }

    /// The claims that pass `filter` and are closed: their verdicts are published, where a
    /// verdict awaiting approval is not.
    fn closed_claims(&self, filter: &ClaimFilter) -> Select<claim::Entity> {
        self.filtered_claims(filter)
            .filter(claim::Column::Status.eq(ClaimStatus::Closed.as_ref()))
    }

    /// How many open claims each assignee has, unassigned first, then by assignee ID.
    async fn open_by_assignee(
        &self,
        filter: &ClaimFilter,
    ) -> Result<Vec<(Option<i64>, u64)>, StoreError> {
        let mut loads: Vec<(Option<i64>, u64)> = self
            .open_claims(filter)
            .select_only()
            .column(claim::Column::AssigneeId)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .group_by(claim::Column::AssigneeId)
            .into_tuple::<(Option<i64>, i64)>()
            .all(&self.reads)
            .await?
            .into_iter()
            .map(|(assignee, count)| (assignee, u64::try_from(count).unwrap_or_default()))
            .collect();
        loads.sort_unstable_by_key(|&(assignee, _)| assignee);
        Ok(loads)
    }

    async fn oldest_open_flagged(&self, filter: &ClaimFilter) -> Result<Vec<Claim>, StoreError> {
        self.open_claims(filter)
            .filter(claim::Column::FlaggedAt.is_not_null())
            .order_by_asc(claim::Column::FlaggedAt)
            .order_by_asc(claim::Column::Id)
            .limit(OLDEST_OPEN_FLAGGED)
            .all(&self.reads)
            .await?
            .into_iter()
            .map(Claim::try_from)
            .collect()
    }

    /// How many of the `claims` share each value of `column`, which has the name `name`.
    async fn count_by<T: std::str::FromStr>(
        &self,
        claims: Select<claim::Entity>,
        column: claim::Column,
        name: &'static str,
    ) -> Result<Vec<(T, u64)>, StoreError> {
        claims
            .filter(column.is_not_null())
            .select_only()
            .column(column)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .group_by(column)
            .order_by_asc(column)
            .into_tuple::<(String, i64)>()
            .all(&self.reads)
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

    /// The count, median and 90th percentile of the flag-to-close times of the claims that
    /// pass `filter`: for all claims, read at their ranks in the index of review times; for
    /// some, ranked in the database so that only the ranked rows come back.
    pub(crate) async fn review_durations(
        &self,
        filter: &ClaimFilter,
    ) -> Result<ReviewDurations, StoreError> {
        if *filter == ClaimFilter::default() {
            return self.indexed_review_durations().await;
        }
        let seconds = review_seconds(self.backend());
        let durations = self
            .filtered_claims(filter)
            .filter(Expr::cust(reviewed(Columns::Qualified)))
            .select_only()
            .column_as(Expr::cust(seconds), "seconds")
            .into_query();
        let (closed, median_seconds, p90_seconds) = self.ranked_seconds(durations).await?;
        Ok(ReviewDurations {
            closed,
            median_seconds,
            p90_seconds,
        })
    }

    /// How many rows `durations` (a statement with a `seconds` column) has, with their median
    /// and 90th percentile at their nearest ranks, ranked in the database so that only the two
    /// ranked rows come back.
    pub(crate) async fn ranked_seconds(
        &self,
        durations: SelectStatement,
    ) -> Result<(u64, Option<f64>, Option<f64>), StoreError> {
        let ranked = Query::select()
            .column(Alias::new("seconds"))
            .expr_as(Expr::cust("ROW_NUMBER() OVER (ORDER BY seconds)"), "rank")
            .expr_as(Expr::cust("COUNT(*) OVER ()"), "total")
            .from_subquery(durations, Alias::new("durations"))
            .to_owned();
        let statement = Query::select()
            .columns([
                Alias::new("rank"),
                Alias::new("total"),
                Alias::new("seconds"),
            ])
            .from_subquery(ranked, Alias::new("ranked"))
            .and_where(Expr::cust(format!(
                "rank = {} OR rank = {}",
                nearest_rank_sql("total", MEDIAN),
                nearest_rank_sql("total", P90),
            )))
            .to_owned();
        let (mut count, mut median, mut p90) = (0, None, None);
        for row in self.reads.query_all(&statement).await? {
            let rank: i64 = row.try_get("", "rank")?;
            let total: i64 = row.try_get("", "total")?;
            let seconds: f64 = row.try_get("", "seconds")?;
            count = u64::try_from(total).unwrap_or_default();
            if rank == nearest_rank(total, MEDIAN) {
                median = Some(seconds);
            }
            if rank == nearest_rank(total, P90) {
                p90 = Some(seconds);
            }
        }
        Ok((count, median, p90))
    }

    /// The count, median and 90th percentile of every flag-to-close time, each percentile read
    /// at its rank in `claims_review_seconds_idx` instead of ranking every review.
    async fn indexed_review_durations(&self) -> Result<ReviewDurations, StoreError> {
        let backend = self.db.get_database_backend();
        // SQLite's planner prices sorting a covering index below walking this one in order.
        let (index, offset) = match self.backend() {
            Backend::Sqlite => ("INDEXED BY claims_review_seconds_idx", "?"),
            Backend::Postgres => ("", "$1"),
        };
        let seconds = review_seconds(self.backend());
        let reviewed = format!(
            r#"FROM "claims" {index} WHERE {}"#,
            reviewed(Columns::Qualified)
        );
        let count = format!("SELECT COUNT(*) AS total {reviewed}");
        let total: i64 = self
            .db
            .query_one_raw(Statement::from_string(backend, count))
            .await?
            .map(|row| row.try_get("", "total"))
            .transpose()?
            .unwrap_or_default();
        if total == 0 {
            return Ok(ReviewDurations::default());
        }
        let at_rank = |rank: i64| {
            let sql = format!(
                "SELECT {seconds} AS seconds {reviewed} ORDER BY {seconds} LIMIT 1 OFFSET {offset}"
            );
            let statement = Statement::from_sql_and_values(backend, sql, [(rank - 1).into()]);
            async move {
                let row = self.reads.query_one_raw(statement).await?;
                let seconds = row
                    .map(|row| row.try_get::<f64>("", "seconds"))
                    .transpose()?;
                Ok::<_, StoreError>(seconds)
            }
        };
        let (median_seconds, p90_seconds) = futures::try_join!(
            at_rank(nearest_rank(total, MEDIAN)),
            at_rank(nearest_rank(total, P90))
        )?;
        Ok(ReviewDurations {
            closed: u64::try_from(total).unwrap_or_default(),
            median_seconds,
            p90_seconds,
        })
    }

    /// How many claims were closed on each of the last `days` days, counted by day in the
    /// database.
    async fn closed_per_day(
        &self,
        filter: &ClaimFilter,
        days: u32,
    ) -> Result<Vec<(NaiveDate, u64)>, StoreError> {
        let today = self.clock.now().date_naive();
        let first_day = today - Duration::days(i64::from(days.saturating_sub(1)));
        let since = first_day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        // Times are stored in UTC; on SQLite as RFC 3339 text, whose first ten characters are
        // the day. PostgreSQL groups by the date and writes out each day once: to_char on
        // every closing made the count several times slower (docs/benchmarks.md).
        let (day, day_text) = match self.backend() {
            Backend::Sqlite => (
                r#"substr("claims"."closed_at", 1, 10)"#,
                r#"substr("claims"."closed_at", 1, 10)"#,
            ),
            Backend::Postgres => (
                r#"CAST("claims"."closed_at" AT TIME ZONE 'UTC' AS date)"#,
                r#"to_char(CAST("claims"."closed_at" AT TIME ZONE 'UTC' AS date), 'YYYY-MM-DD')"#,
            ),
        };
        // COUNT(*) rather than of a column, so that the closing-time index answers alone.
        let closings = self
            .filtered_claims(filter)
            .filter(claim::Column::ClosedAt.gte(since))
            .select_only()
            .column_as(Expr::cust(day_text), "day")
            .column_as(Expr::cust("COUNT(*)"), "count")
            .group_by(Expr::cust(day))
            .into_tuple::<(String, i64)>()
            .all(&self.reads)
            .await?;
        let mut per_day: BTreeMap<NaiveDate, u64> = first_day
            .iter_days()
            .take_while(|day| *day <= today)
            .map(|day| (day, 0))
            .collect();
        for (day, count) in closings {
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| {
                StoreError::Corrupt(format!("claims.closed_at holds the day {day:?}"))
            })?;
            if let Some(slot) = per_day.get_mut(&day) {
                *slot += u64::try_from(count).unwrap_or_default();
            }
        }
        Ok(per_day.into_iter().collect())
    }
}

/// A closed review's time from flag to close, in seconds, as SQL: the expression that
/// `claims_review_seconds_idx` indexes.
fn review_seconds(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => sqlite_review_seconds(Columns::Qualified),
        Backend::Postgres => postgres_review_seconds(Columns::Qualified),
    }
}

/// The percentile the desk calls the median.
const MEDIAN: i64 = 50;
/// The percentile the desk reports beside the median.
const P90: i64 = 90;

/// Nearest rank: the `percentile`th percentile of `total` values is the value of rank
/// ceil(total × percentile / 100), counting from 1.
fn nearest_rank(total: i64, percentile: i64) -> i64 {
    (total * percentile + 99) / 100
}

/// [`nearest_rank`] as SQL, over the column `total`.
fn nearest_rank_sql(total: &str, percentile: i64) -> String {
    format!("({total} * {percentile} + 99) / 100")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_ranks() {
        assert_eq!(nearest_rank(1, MEDIAN), 1);
        assert_eq!(nearest_rank(10, MEDIAN), 5);
        assert_eq!(nearest_rank(11, MEDIAN), 6);
        assert_eq!(nearest_rank(10, P90), 9);
        assert_eq!(nearest_rank(11, P90), 10);
        assert_eq!(nearest_rank_sql("total", P90), "(total * 90 + 99) / 100");
    }
}
