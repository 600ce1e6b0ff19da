//! The postings of match keys: for each key, its newest claims, read from the index of
//! `claim_match_keys` alone, and the rule that ranks a text's candidates by them.
//!
//! The keys of all the texts matched at once (an article's claims, an import's reviews) are
//! read in one statement, each key once, however many of the texts share it; each text's
//! candidates are then ranked here, by the same rule on both backends.

use std::collections::HashMap;

use claimdesk_core::matching::MatchKey;
use sea_orm::{ConnectionTrait, Statement, Value};

use super::CANDIDATES;
use crate::{Backend, StoreError};

/// How many claims are read for each key, newest first.
pub const POSTINGS_PER_KEY: u64 = 48;

/// How many keys one statement reads.
const KEYS_PER_STATEMENT: usize = 4_000;

/// Each key's newest claims, at most [`POSTINGS_PER_KEY`] of them.
#[derive(Debug, Default)]
pub(crate) struct Postings(HashMap<i64, Vec<i64>>);

impl Postings {
    /// Reads the postings of `keys` (repeats are read once).
    pub async fn read(
        db: &impl ConnectionTrait,
        keys: impl IntoIterator<Item = i64>,
    ) -> Result<Self, StoreError> {
        let mut keys: Vec<i64> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        let backend = Backend::of(db);
        let mut postings = HashMap::with_capacity(keys.len());
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let statement = Statement::from_sql_and_values(
                db.get_database_backend(),
                postings_sql(backend),
                [keys_value(backend, chunk), POSTINGS_PER_KEY.into()],
            );
            for row in db.query_all_raw(statement).await? {
                let key: i64 = row.try_get_by_index(0)?;
                let claims: Option<String> = row.try_get_by_index(1)?;
                postings.insert(key, claim_ids(key, claims.as_deref().unwrap_or_default())?);
            }
        }
        Ok(Self(postings))
    }

    /// The claims that share the most telling of `keys`, at most [`CANDIDATES`], the most
    /// relevant first. A claim's relevance is the weight of the keys it shares, each divided by
    /// 8 more than the number of claims read for that key: a rare key (an amount, a name, the
    /// anchor of a claim's amounts and names) says more than a common word. Among equals, the
    /// newer claim comes first.
    pub fn most_relevant(&self, keys: &[MatchKey]) -> Vec<i64> {
        let mut relevance: HashMap<i64, f64> = HashMap::new();
        for key in keys {
            let Some(claims) = self.0.get(&key.value) else {
                continue;
            };
            let read = f64::from(u32::try_from(claims.len()).unwrap_or(u32::MAX));
            let share = key.weight / (read + 8.0);
            for &claim in claims {
                *relevance.entry(claim).or_default() += share;
            }
        }
        let mut ranked: Vec<(i64, f64)> = relevance.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(CANDIDATES);
        ranked.into_iter().map(|(claim, _)| claim).collect()
    }
}

/// The statement that reads the postings of a list of keys, at most a number of claims for
/// each (the newest): each key with its claims' IDs, joined by commas. PostgreSQL reads them
/// in migration 20's `claim_match_postings` (see there why).
fn postings_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT wanted.value, (SELECT group_concat(claim_id) FROM \
             (SELECT claim_id FROM claim_match_keys WHERE key = wanted.value \
              ORDER BY claim_id DESC LIMIT ?2)) FROM json_each(?1) AS wanted"
        }
        Backend::Postgres => {
            "SELECT match_key, array_to_string(claim_ids, ',') \
             FROM claim_match_postings(CAST($1 AS bigint[]), CAST($2 AS integer))"
        }
    }
}

/// `keys` as the first value of [`postings_sql`]: a JSON array for SQLite's `json_each`, an
/// array literal for PostgreSQL.
fn keys_value(backend: Backend, keys: &[i64]) -> Value {
    let listed: Vec<String> = keys.iter().map(i64::to_string).collect();
    match backend {
        Backend::Sqlite => format!("[{}]", listed.join(",")).into(),
        Backend::Postgres => format!("{{{}}}", listed.join(",")).into(),
    }
}

/// The claim IDs of `key`'s postings, as [`postings_sql`] lists them.
fn claim_ids(key: i64, listed: &str) -> Result<Vec<i64>, StoreError> {
    listed
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse().map_err(|_| {
                StoreError::Corrupt(format!("claim_match_keys: the postings of {key}: {id:?}"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(value: i64, weight: f64) -> MatchKey {
        MatchKey { value, weight }
    }

    #[test]
    fn a_rare_key_outweighs_a_common_one_and_the_newer_claim_wins_a_tie() {
        let common: Vec<i64> = (100..148).rev().collect();
        let postings = Postings(HashMap::from([(1, common), (2, vec![7]), (3, vec![9, 8])]));

        let ranked = postings.most_relevant(&[key(1, 3.0), key(2, 2.0), key(3, 2.0), key(4, 9.0)]);

        assert_eq!(ranked.len(), CANDIDATES);
        // The rare key (one claim) first; then the two claims of a key of two, the newer
        // first; then the common key's claims, newest first.
        assert_eq!(&ranked[..5], &[7, 9, 8, 147, 146]);
    }

    #[test]
    fn postings_are_read_back_as_listed() {
        assert_eq!(claim_ids(1, "12,10,3").unwrap(), vec![12, 10, 3]);
        assert_eq!(claim_ids(1, "").unwrap(), Vec::<i64>::new());
        assert!(matches!(claim_ids(1, "12,x"), Err(StoreError::Corrupt(_))));
    }
}
