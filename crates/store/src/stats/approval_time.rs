//! How long verdicts wait for approval: the time from closing a review to a second editor's
//! approval, over every approved verdict version of the claims that pass a filter.

use sea_orm::{
    ConnectionTrait, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use super::{MEDIAN, P90, nearest_rank, nearest_rank_sql};
use crate::{Backend, ClaimFilter, Store, StoreError, claims::filtered, entities::claim};

/// How long approved verdicts waited from close to approval: how many there are, and the
/// median and 90th percentile by nearest rank, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ApprovalDurations {
    /// How many approved verdicts the figures cover.
    pub approved: u64,
    /// The median time, in seconds; `None` without approved verdicts.
    pub median_seconds: Option<f64>,
    /// The 90th percentile, in seconds; `None` without approved verdicts.
    pub p90_seconds: Option<f64>,
}

impl Store {
    /// The count, median and 90th percentile of the close-to-approval times of the claims that
    /// pass `filter`, ranked in the database so that only the ranked rows come back.
    pub(crate) async fn approval_durations(
        &self,
        filter: &ClaimFilter,
    ) -> Result<ApprovalDurations, StoreError> {
        let seconds = match self.backend() {
            Backend::Sqlite => {
                r#"unixepoch("claim_verdicts"."approved_at", 'subsec') - unixepoch("claim_verdicts"."closed_at", 'subsec')"#
            }
            Backend::Postgres => {
                r#"CAST(EXTRACT(EPOCH FROM "claim_verdicts"."approved_at" - "claim_verdicts"."closed_at") AS double precision)"#
            }
        };
        let verdicts = Alias::new("claim_verdicts");
        let mut durations = Query::select();
        durations
            .expr_as(Expr::cust(seconds), Alias::new("seconds"))
            .from(verdicts.clone())
            .and_where(Expr::col((verdicts.clone(), Alias::new("approved_at"))).is_not_null());
        if *filter != ClaimFilter::default() {
            let claims = filtered(filter, self.backend())
                .select_only()
                .column(claim::Column::Id)
                .into_query();
            durations.and_where(Expr::col((verdicts, Alias::new("claim_id"))).in_subquery(claims));
        }
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
        let mut result = ApprovalDurations::default();
        for row in self.reads.query_all(&statement).await? {
            let rank: i64 = row.try_get("", "rank")?;
            let total: i64 = row.try_get("", "total")?;
            let seconds: f64 = row.try_get("", "seconds")?;
            result.approved = u64::try_from(total).unwrap_or_default();
            if rank == nearest_rank(total, MEDIAN) {
                result.median_seconds = Some(seconds);
            }
            if rank == nearest_rank(total, P90) {
                result.p90_seconds = Some(seconds);
            }
        }
        Ok(result)
    }
}
