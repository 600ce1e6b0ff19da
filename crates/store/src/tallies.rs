//! The claim tallies: how many claims share each status, verdict, priority and assignee, as
//! the `claim_tallies` migration's triggers keep them in the transactions that change claims.
//! They answer the desk counts of any filter on those four columns alone without reading the
//! claims, however many there are.

use std::collections::BTreeMap;

use claimdesk_core::{ClaimStatus, Priority, Verdict};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement, TransactionTrait};

use crate::{Backend, ClaimFilter, Store, StoreError, entities::parse_name};

/// The tallies with a count, on SQLite.
const SQLITE_TALLIES: &str = "
SELECT status, verdict, priority, assignee_id, claims FROM claim_tallies WHERE claims <> 0";

/// The tallies with a count, on PostgreSQL: the folded counts plus the changes not yet folded.
const POSTGRES_TALLIES: &str = "
SELECT status, verdict, priority, assignee_id, CAST(SUM(claims) AS bigint) AS claims
FROM (
    SELECT status, verdict, priority, assignee_id, claims FROM claim_tallies
    UNION ALL
    SELECT status, verdict, priority, assignee_id, claims FROM claim_tally_changes
) AS tallies
GROUP BY status, verdict, priority, assignee_id
HAVING SUM(claims) <> 0";

/// Moves PostgreSQL's recorded changes into the tallies, in one statement: the rows it deletes
/// are exactly the ones it adds, and the tallies are updated in key order, so that two folds
/// cannot deadlock.
const POSTGRES_FOLD: &str = "
WITH folded AS (
    DELETE FROM claim_tally_changes
    RETURNING status, verdict, priority, assignee_id, claims
)
INSERT INTO claim_tallies AS tallies (status, verdict, priority, assignee_id, claims)
SELECT status, verdict, priority, assignee_id, SUM(claims)
FROM folded
GROUP BY status, verdict, priority, assignee_id
ORDER BY status, verdict, priority, assignee_id
ON CONFLICT (status, verdict, priority, assignee_id)
DO UPDATE SET claims = tallies.claims + EXCLUDED.claims";

/// Only one fold runs at a time; another that finds it running has nothing to do.
const POSTGRES_FOLD_LOCK: &str = "SELECT pg_try_advisory_xact_lock(215436817) AS locked";

/// How many claims share a status, a verdict (`''` for none), a priority and an assignee
/// (`0` for nobody).
#[derive(Debug, FromQueryResult)]
struct Tally {
    status: String,
    verdict: String,
    priority: String,
    assignee_id: i64,
    claims: i64,
}

/// The desk's counts of the claims that pass a filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClaimCounts {
    /// How many claims are in each status, by the status's name.
    pub by_status: Vec<(ClaimStatus, u64)>,
    /// How many closed claims have each verdict, by the verdict's name.
    pub by_verdict: Vec<(Verdict, u64)>,
    /// How many claims have each priority, by the priority's name.
    pub by_priority: Vec<(Priority, u64)>,
    /// How many open claims each assignee has; `None` is unassigned and comes first, then
    /// the assignees by ID.
    pub open_by_assignee: Vec<(Option<i64>, u64)>,
}

impl ClaimFilter {
    /// Whether the filter looks at the tallied columns alone.
    fn only_tallied(&self) -> bool {
        let untallied = ClaimFilter {
            statuses: Vec::new(),
            verdicts: Vec::new(),
            priorities: Vec::new(),
            assignee_id: None,
            unassigned: None,
            ..self.clone()
        };
        untallied == ClaimFilter::default()
    }

    /// Whether the claims of `tally` pass the filter's tallied columns.
    fn admits(&self, status: ClaimStatus, verdict: Option<Verdict>, tally: &Tally) -> bool {
        let priority_admitted = self.priorities.is_empty()
            || self
                .priorities
                .iter()
                .any(|priority| priority.as_ref() == tally.priority);
        let assignee_admitted = match (self.assignee_id, self.unassigned) {
            (Some(id), _) if id != tally.assignee_id => false,
            (_, Some(true)) => tally.assignee_id == 0,
            (_, Some(false)) => tally.assignee_id != 0,
            _ => true,
        };
        (self.statuses.is_empty() || self.statuses.contains(&status))
            && (self.verdicts.is_empty() || verdict.is_some_and(|v| self.verdicts.contains(&v)))
            && priority_admitted
            && assignee_admitted
    }
}

impl Store {
    /// The counts of the claims that pass `filter`, from the tallies; `None` when the filter
    /// looks at more than the tallied columns.
    pub(crate) async fn tallied_counts(
        &self,
        filter: &ClaimFilter,
    ) -> Result<Option<ClaimCounts>, StoreError> {
        if !filter.only_tallied() {
            return Ok(None);
        }
        let backend = self.db.get_database_backend();
        let sql = match self.backend() {
            Backend::Sqlite => SQLITE_TALLIES,
            Backend::Postgres => POSTGRES_TALLIES,
        };
        let tallies = Tally::find_by_statement(Statement::from_string(backend, sql))
            .all(&self.db)
            .await?;
        let mut by_status: BTreeMap<String, (ClaimStatus, u64)> = BTreeMap::new();
        let mut by_verdict: BTreeMap<String, (Verdict, u64)> = BTreeMap::new();
        let mut by_priority: BTreeMap<String, (Priority, u64)> = BTreeMap::new();
        let mut open_by_assignee: BTreeMap<Option<i64>, u64> = BTreeMap::new();
        for tally in tallies {
            let status: ClaimStatus = parse_name("claim_tallies", "status", &tally.status)?;
            let verdict: Option<Verdict> = match tally.verdict.as_str() {
                "" => None,
                name => Some(parse_name("claim_tallies", "verdict", name)?),
            };
            if !filter.admits(status, verdict, &tally) {
                continue;
            }
            let claims = u64::try_from(tally.claims).unwrap_or_default();
            by_status
                .entry(tally.status.clone())
                .or_insert((status, 0))
                .1 += claims;
            if let Some(verdict) = verdict {
                by_verdict
                    .entry(tally.verdict.clone())
                    .or_insert((verdict, 0))
                    .1 += claims;
            }
            let priority = parse_name("claim_tallies", "priority", &tally.priority)?;
            by_priority.entry(tally.priority).or_insert((priority, 0)).1 += claims;
            if status != ClaimStatus::Closed {
                let assignee = (tally.assignee_id != 0).then_some(tally.assignee_id);
                *open_by_assignee.entry(assignee).or_default() += claims;
            }
        }
        Ok(Some(ClaimCounts {
            by_status: by_status.into_values().collect(),
            by_verdict: by_verdict.into_values().collect(),
            by_priority: by_priority.into_values().collect(),
            open_by_assignee: open_by_assignee.into_iter().collect(),
        }))
    }

    /// Folds the tally changes PostgreSQL has recorded into the tallies, so that reading them
    /// stays a matter of a few hundred rows. On SQLite the triggers keep the tallies folded.
    pub async fn fold_claim_tallies(&self) -> Result<(), StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(());
        }
        let txn = self.db.begin().await?;
        let locked = txn
            .query_one_raw(Statement::from_string(
                txn.get_database_backend(),
                POSTGRES_FOLD_LOCK,
            ))
            .await?
            .map(|row| row.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or_default();
        if locked {
            txn.execute_unprepared(POSTGRES_FOLD).await?;
        }
        txn.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod database_tests;
