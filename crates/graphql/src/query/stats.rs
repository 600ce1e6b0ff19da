//! `stats(filter)`: desk counts for dashboards.

use async_graphql::{Context, Object, Result, SimpleObject};
use claimdesk_store::ClaimStats;

use crate::{
    enums::{ClaimStatus, Priority, Verdict, counted},
    error::api_error,
    object::{Claim, User, optional_user},
    query::claims::ClaimFilter,
    state::ContextExt,
};

/// How many claims have a status.
#[derive(SimpleObject)]
pub struct StatusCount {
    /// The status.
    status: ClaimStatus,
    /// How many claims have it.
    count: u64,
}

/// How many closed claims have a verdict.
#[derive(SimpleObject)]
pub struct VerdictCount {
    /// The verdict.
    verdict: Verdict,
    /// How many claims have it.
    count: u64,
}

/// How many claims have a priority.
#[derive(SimpleObject)]
pub struct PriorityCount {
    /// The priority.
    priority: Priority,
    /// How many claims have it.
    count: u64,
}

/// How many claims were closed on one day (UTC).
#[derive(SimpleObject)]
pub struct DayCount {
    /// The day, as `YYYY-MM-DD`.
    date: String,
    /// How many claims were closed on it.
    count: u64,
}

/// How long reviews take from flagging to closing, over the closed claims that were flagged.
#[derive(SimpleObject)]
pub struct ReviewDurations {
    /// How many closed claims the figures cover.
    closed: u64,
    /// The median time from flag to close, in seconds; null without closed claims.
    median_seconds: Option<f64>,
    /// The 90th percentile, in seconds; null without closed claims.
    p90_seconds: Option<f64>,
}

/// How long verdicts wait from close to a second editor's approval, over the approved ones.
#[derive(SimpleObject)]
pub struct ApprovalDurations {
    /// How many approved verdicts the figures cover.
    approved: u64,
    /// The median time from close to approval, in seconds; null without approved verdicts.
    median_seconds: Option<f64>,
    /// The 90th percentile, in seconds; null without approved verdicts.
    p90_seconds: Option<f64>,
}

/// The open claims of one assignee.
pub struct AssigneeLoad {
    assignee_id: Option<i64>,
    open_claims: u64,
}

/// The open claims of one assignee.
#[Object]
impl AssigneeLoad {
    /// The assignee; null for the open claims nobody is assigned.
    async fn assignee(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        optional_user(ctx, self.assignee_id).await
    }

    /// How many claims that are not closed they have.
    async fn open_claims(&self) -> u64 {
        self.open_claims
    }
}

/// Desk counts of the claims that pass a filter.
pub struct Stats(ClaimStats);

/// Desk counts of the claims that pass a filter.
#[Object]
impl Stats {
    /// How many claims are in each status.
    async fn by_status(&self) -> Vec<StatusCount> {
        counted(&self.0.by_status, |status, count| StatusCount {
            status,
            count,
        })
    }

    /// How many closed claims have each verdict: the published verdicts. A verdict awaiting
    /// approval is not counted until it is approved.
    async fn by_verdict(&self) -> Vec<VerdictCount> {
        counted(&self.0.by_verdict, |verdict, count| VerdictCount {
            verdict,
            count,
        })
    }

    /// How many claims have each priority.
    async fn by_priority(&self) -> Vec<PriorityCount> {
        counted(&self.0.by_priority, |priority, count| PriorityCount {
            priority,
            count,
        })
    }

    /// The open claims of each assignee, the most loaded first.
    async fn open_by_assignee(&self) -> Vec<AssigneeLoad> {
        let mut loads: Vec<AssigneeLoad> = self
            .0
            .open_by_assignee
            .iter()
            .map(|&(assignee_id, open_claims)| AssigneeLoad {
                assignee_id,
                open_claims,
            })
            .collect();
        loads.sort_by(|a, b| {
            b.open_claims
                .cmp(&a.open_claims)
                .then(a.assignee_id.cmp(&b.assignee_id))
        });
        loads
    }

    /// The open claims flagged longest ago, oldest first (at most 10).
    async fn oldest_open_flagged(&self) -> Vec<Claim> {
        self.0
            .oldest_open_flagged
            .iter()
            .cloned()
            .map(Claim)
            .collect()
    }

    /// How long reviews take, from flag to close.
    async fn flag_to_close(&self) -> ReviewDurations {
        let durations = self.0.flag_to_close;
        ReviewDurations {
            closed: durations.closed,
            median_seconds: durations.median_seconds,
            p90_seconds: durations.p90_seconds,
        }
    }

    /// How many claims await a second editor's approval of their verdict.
    async fn awaiting_approval(&self) -> u64 {
        self.0
            .by_status
            .iter()
            .filter(|(status, _)| *status == claimdesk_core::ClaimStatus::AwaitingApproval)
            .map(|(_, count)| count)
            .sum()
    }

    /// How long verdicts wait from close to approval, over every approved verdict.
    async fn close_to_approval(&self) -> ApprovalDurations {
        let durations = self.0.close_to_approval;
        ApprovalDurations {
            approved: durations.approved,
            median_seconds: durations.median_seconds,
            p90_seconds: durations.p90_seconds,
        }
    }

    /// How many claims were closed on each of the last days, oldest day first.
    async fn closed_per_day(&self) -> Vec<DayCount> {
        let days = self.0.closed_per_day.iter();
        days.map(|(day, count)| DayCount {
            date: day.to_string(),
            count: *count,
        })
        .collect()
    }
}

#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// Desk counts of the claims that pass `filter`: by status, verdict and priority, the
    /// open claims per assignee, the oldest open flagged claims, review durations, and
    /// closings per day over the last `days` days (30 by default, at most 366).
    async fn stats(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClaimFilter>,
        #[graphql(default = 30, validator(minimum = 1, maximum = 366))] days: u32,
    ) -> Result<Stats> {
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let stats = ctx
            .store()
            .claim_stats(&filter, days)
            .await
            .map_err(api_error)?;
        Ok(Stats(stats))
    }
}
