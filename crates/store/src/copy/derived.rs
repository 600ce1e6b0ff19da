//! Checks of the derived data the target's triggers rebuilt while the claims were loaded: the
//! claim tallies must count the claims, and the full-text index must hold one entry a claim.
//! (The review-time index is an index, which the engine keeps.)

use super::{CopyError, ends::End};
use crate::Backend;

/// The tallies, as (status, verdict, priority, assignee, claims) with no empty rows.
const TALLIES_SQLITE: &str = "SELECT status, verdict, priority, assignee_id, claims \
    FROM claim_tallies WHERE claims <> 0 ORDER BY 1, 2, 3, 4";
/// On PostgreSQL the tallies plus the changes not yet folded into them.
const TALLIES_POSTGRES: &str = "SELECT status, verdict, priority, assignee_id, \
    SUM(claims)::bigint FROM (SELECT * FROM claim_tallies UNION ALL \
    SELECT * FROM claim_tally_changes) AS tallied \
    GROUP BY 1, 2, 3, 4 HAVING SUM(claims) <> 0 ORDER BY 1, 2, 3, 4";
/// The same counts, from the claims themselves.
const COUNTED: &str = "SELECT status, COALESCE(verdict, ''), priority, \
    COALESCE(assignee_id, 0), COUNT(*) FROM claims GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

type TallyRow = (String, String, String, i64, i64);

/// Fails, naming what differs, unless the target's derived data agrees with its claims.
pub(crate) async fn check(target: &mut End) -> Result<(), CopyError> {
    let tallies_sql = match target.backend() {
        Backend::Sqlite => TALLIES_SQLITE,
        Backend::Postgres => TALLIES_POSTGRES,
    };
    if tally_rows(target, tallies_sql).await? != tally_rows(target, COUNTED).await? {
        return Err(CopyError::Derived("claim_tallies".into()));
    }
    let claims = count(target, "SELECT COUNT(*) FROM claims").await?;
    let indexed = count(target, "SELECT COUNT(*) FROM claim_search").await?;
    if claims != indexed {
        return Err(CopyError::Derived(format!(
            "claim_search ({indexed} entries for {claims} claims)"
        )));
    }
    Ok(())
}

async fn tally_rows(target: &mut End, sql: &str) -> Result<Vec<TallyRow>, CopyError> {
    let mut rows = Vec::new();
    for row in target.fetch(sql, &[]).await? {
        rows.push((
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
            row.try_get_by_index(3)?,
            row.try_get_by_index(4)?,
        ));
    }
    Ok(rows)
}

async fn count(target: &mut End, sql: &str) -> Result<i64, CopyError> {
    let rows = target.fetch(sql, &[]).await?;
    Ok(rows
        .first()
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0))
}
