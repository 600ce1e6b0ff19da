//! The claim tallies: how many claims share each status, verdict, priority and assignee, as
//! the `claim_tallies` migration's triggers keep them in the transactions that change claims.
//! They answer the desk counts of any filter on those four columns alone without reading the
//! claims, however many there are.

use std::collections::BTreeMap;

use claimdesk_core::{ClaimStatus, Priority, Verdict};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement, TransactionTrait};

use crate::{Backend, ClaimFilter, Store, StoreError, entities::parse_name};

/// The tallies with a count that pass `{admitted}`, on SQLite.
const SQLITE_TALLIES: &str = "
SELECT status, verdict, priority, assignee_id, claims FROM claim_tallies
WHERE claims <> 0 AND {admitted}";

/// The tallies with a count that pass `{admitted}`, on PostgreSQL: the folded counts plus the
/// changes not yet folded.
const POSTGRES_TALLIES: &str = "
SELECT status, verdict, priority, assignee_id, CAST(SUM(claims) AS bigint) AS claims
FROM (
    SELECT status, verdict, priority, assignee_id, claims FROM claim_tallies
    UNION ALL
    SELECT status, verdict, priority, assignee_id, claims FROM claim_tally_changes
) AS tallies
WHERE {admitted}
GROUP BY status, verdict, priority, assignee_id
HAVING SUM(claims) <> 0";

/// How many claims the tallies of `{tallies}` count, in one row.
const TALLIED_TOTAL: &str =
    "SELECT CAST(COALESCE(SUM(claims), 0) AS bigint) AS claims FROM ({tallies}) AS admitted";

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

    /// The SQL condition on the tallies' columns under which their claims pass the filter's
    /// tallied fields. The names are the vocabularies' own and the IDs numbers, so they are
    /// written into the SQL as they are.
    fn admitted(&self) -> String {
        fn any_of<'a>(column: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
            let names: Vec<String> = names.map(|name| format!("'{name}'")).collect();
            (!names.is_empty()).then(|| format!("{column} IN ({})", names.join(", ")))
        }
        let mut terms = vec!["1 = 1".to_owned()];
        terms.extend(any_of("status", self.statuses.iter().map(AsRef::as_ref)));
        terms.extend(any_of("verdict", self.verdicts.iter().map(AsRef::as_ref)));
        terms.extend(any_of(
            "priority",
            self.priorities.iter().map(AsRef::as_ref),
        ));
        if let Some(assignee_id) = self.assignee_id {
            terms.push(format!("assignee_id = {assignee_id}"));
        }
        match self.unassigned {
            Some(true) => terms.push("assignee_id = 0".to_owned()),
            Some(false) => terms.push("assignee_id <> 0".to_owned()),
            None => {}
        }
        terms.join(" AND ")
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
        let backend = self.reads.get_database_backend();
        let sql = self.tallies_sql(filter);
        let tallies = Tally::find_by_statement(Statement::from_string(backend, sql))
            .all(&self.reads)
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
            let claims = u64::try_from(tally.claims).unwrap_or_default();
            by_status
                .entry(tally.status.clone())
                .or_insert((status, 0))
                .1 += claims;
            // A verdict awaiting approval is not yet published: only closed claims count.
            if let Some(verdict) = verdict.filter(|_| status == ClaimStatus::Closed) {
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

    /// How many claims pass `filter`, from the tallies, in one row; `None` when the filter
    /// looks at more than the tallied columns.
    pub(crate) async fn tallied_count(
        &self,
        filter: &ClaimFilter,
    ) -> Result<Option<u64>, StoreError> {
        if !filter.only_tallied() {
            return Ok(None);
        }
        let sql = TALLIED_TOTAL.replace("{tallies}", &self.tallies_sql(filter));
        let backend = self.reads.get_database_backend();
        let row = self
            .reads
            .query_one_raw(Statement::from_string(backend, sql))
            .await?;
        let claims: i64 = match row {
            Some(row) => row.try_get("", "claims")?,
            None => 0,
        };
        Ok(Some(u64::try_from(claims).unwrap_or_default()))
    }

    /// The statement that reads the tallies admitted by `filter`'s tallied fields.
    fn tallies_sql(&self, filter: &ClaimFilter) -> String {
        let sql = match self.backend() {
            Backend::Sqlite => SQLITE_TALLIES,
            Backend::Postgres => POSTGRES_TALLIES,
        };
        sql.replace("{admitted}", &filter.admitted())
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
