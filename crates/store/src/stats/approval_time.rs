//! How long verdicts wait for approval: the time from closing a review to a second editor's
//! approval, over every approved verdict version of the claims that pass a filter.

use sea_orm::{
    QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

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
        let (approved, median_seconds, p90_seconds) = self.ranked_seconds(durations).await?;
        Ok(ApprovalDurations {
            approved,
            median_seconds,
            p90_seconds,
        })
    }
}
