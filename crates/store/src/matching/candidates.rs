//! The candidates of a match, from the claims' match keys, with their fingerprints.
//!
//! Each claim's [`Fingerprint::match_keys`] are stored in `claim_match_keys` when it is
//! recorded. A text's candidates are the claims that share its keys: for each key, at most
//! [`POSTINGS_PER_KEY`] of its claims, newest first, so that a match reads a bounded number of
//! index entries however many claims there are. A candidate's relevance is the weight of the
//! keys it shares, each divided by how many claims were read for it: a rare key (an amount, a
//! name, the anchor of a claim's amounts and names) says more than a common word. The
//! [`CANDIDATES`] most relevant are then scored one by one.

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex},
};

use claimdesk_core::matching::{Fingerprint, MatchKey};
use lru::LruCache;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};

use super::CANDIDATES;
use crate::{
    Backend, Store, StoreError,
    entities::{claim, claim_match_key},
};

/// How many claims are read for each key, newest first.
pub const POSTINGS_PER_KEY: u64 = 48;

/// The most claims recorded since a lookup began that are scored in the write transaction.
const RECENT_CANDIDATES: u64 = 200;

/// How many keys one statement inserts: two values each, well below both databases' limits.
const KEYS_PER_STATEMENT: usize = 4_000;

/// How many candidates (claims with their fingerprints) are kept in memory.
const CACHED_FINGERPRINTS: usize = 200_000;

/// A claim that may state the same thing as a text.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The claim's ID.
    pub id: i64,
    /// Its article's ID.
    pub article_id: i64,
    /// Its fingerprint.
    pub print: Arc<Fingerprint>,
    /// Its match keys.
    pub keys: Arc<[MatchKey]>,
}

impl Candidate {
    /// The claim `id` of `article_id`, whose text reads as `print`.
    pub fn new(id: i64, article_id: i64, print: Arc<Fingerprint>) -> Self {
        let keys = print.match_keys().into();
        Self {
            id,
            article_id,
            print,
            keys,
        }
    }

    /// Those of `others` of another article that share this claim's keys, ranked as the index
    /// ranks candidates, by the weight of the keys they share: at most [`CANDIDATES`], the
    /// heaviest first.
    pub fn most_alike(&self, others: &[Candidate]) -> Vec<Candidate> {
        let mut sharing: Vec<(f64, &Candidate)> = others
            .iter()
            .filter(|other| other.article_id != self.article_id)
            .map(|other| {
                let shared = self
                    .keys
                    .iter()
                    .filter(|key| other.keys.iter().any(|theirs| theirs.value == key.value))
                    .map(|key| key.weight)
                    .sum();
                (shared, other)
            })
            .filter(|(shared, _)| *shared > 0.0)
            .collect();
        sharing.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
        sharing
            .into_iter()
            .take(CANDIDATES)
            .map(|(_, other)| other.clone())
            .collect()
    }
}

/// Claims recently read as candidates or recorded by this store, by claim ID, so that a claim
/// that is a candidate again and again is read once: building a fingerprint costs more than
/// comparing two. A
/// claim's text and article never change, and only committed claims are kept, so an entry
/// stays true.
#[derive(Clone)]
pub(crate) struct CandidateCache(Arc<Mutex<LruCache<i64, Candidate>>>);

impl Default for CandidateCache {
    fn default() -> Self {
        let capacity = NonZeroUsize::new(CACHED_FINGERPRINTS).unwrap_or(NonZeroUsize::MIN);
        Self(Arc::new(Mutex::new(LruCache::new(capacity))))
    }
}

impl CandidateCache {
    /// The cached candidates among `ids`, and the IDs that are not cached.
    fn get_many(&self, ids: &[i64]) -> (Vec<Candidate>, Vec<i64>) {
        let Ok(mut cache) = self.0.lock() else {
            return (Vec::new(), ids.to_vec());
        };
        let mut found = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for &id in ids {
            match cache.get(&id) {
                Some(candidate) => found.push(candidate.clone()),
                None => missing.push(id),
            }
        }
        (found, missing)
    }

    /// Keeps `candidates`, committed claims.
    pub(crate) fn put_all(&self, candidates: impl IntoIterator<Item = Candidate>) {
        if let Ok(mut cache) = self.0.lock() {
            for candidate in candidates {
                cache.put(candidate.id, candidate);
            }
        }
    }
}

impl Store {
    /// The committed claims that share the most telling of `print`'s keys, at most
    /// [`CANDIDATES`], in no particular order (each is scored next).
    pub(crate) async fn candidates(
        &self,
        print: &Fingerprint,
    ) -> Result<Vec<Candidate>, StoreError> {
        let keys = print.match_keys();
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let backend = Backend::of(&self.reads);
        let statement = Statement::from_sql_and_values(
            match backend {
                Backend::Sqlite => DbBackend::Sqlite,
                Backend::Postgres => DbBackend::Postgres,
            },
            candidates_sql(backend, keys.len()),
            candidate_values(backend, &keys),
        );
        let mut ids = Vec::new();
        for row in self.reads.query_all_raw(statement).await? {
            ids.push(row.try_get_by_index(0)?);
        }
        self.known_candidates(&self.reads, &ids).await
    }

    /// The claims numbered above `after` that share any of `keys`, newest first, at most
    /// [`RECENT_CANDIDATES`]: those recorded since a lookup began.
    pub(crate) async fn recent_candidates(
        &self,
        db: &impl ConnectionTrait,
        mut keys: Vec<i64>,
        after: i64,
    ) -> Result<Vec<Candidate>, StoreError> {
        keys.sort_unstable();
        keys.dedup();
        let mut found: Vec<Candidate> = Vec::new();
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let ids: Vec<i64> = claim_match_key::Entity::find()
                .select_only()
                .column(claim_match_key::Column::ClaimId)
                .filter(claim_match_key::Column::Key.is_in(chunk.iter().copied()))
                .filter(claim_match_key::Column::ClaimId.gt(after))
                .order_by_desc(claim_match_key::Column::ClaimId)
                .limit(RECENT_CANDIDATES)
                .into_tuple()
                .all(db)
                .await?;
            for candidate in self.known_candidates(db, &ids).await? {
                if found.iter().all(|seen| seen.id != candidate.id) {
                    found.push(candidate);
                }
            }
        }
        Ok(found)
    }

    /// The committed claims `ids` as candidates, from the cache or else read.
    async fn known_candidates(
        &self,
        db: &impl ConnectionTrait,
        ids: &[i64],
    ) -> Result<Vec<Candidate>, StoreError> {
        let (mut found, missing) = self.candidate_cache.get_many(ids);
        if missing.is_empty() {
            return Ok(found);
        }
        let rows: Vec<(i64, i64, String)> = claim::Entity::find()
            .select_only()
            .columns([
                claim::Column::Id,
                claim::Column::ArticleId,
                claim::Column::Text,
            ])
            .filter(claim::Column::Id.is_in(missing))
            .into_tuple()
            .all(db)
            .await?;
        let read: Vec<Candidate> = rows
            .into_iter()
            .map(|(id, article_id, text)| {
                Candidate::new(id, article_id, Arc::new(Fingerprint::new(&text)))
            })
            .collect();
        self.candidate_cache.put_all(read.iter().cloned());
        found.extend(read);
        Ok(found)
    }
}

/// The statement of [`Store::candidates`] for `keys` keys: the IDs of the candidates, read
/// from the index of `claim_match_keys` alone. For each key, at most [`POSTINGS_PER_KEY`] of
/// its claims, newest first; each claim weighs the weights of the keys it shares, each divided
/// by 8 more than the number of claims read for that key; the [`CANDIDATES`] heaviest.
/// PostgreSQL runs the same statement in migration 19's `claim_match_candidates` (see there
/// why).
fn candidates_sql(backend: Backend, keys: usize) -> String {
    if backend == Backend::Postgres {
        return format!(
            "SELECT claim_match_candidates(CAST($1 AS bigint[]), \
             CAST($2 AS double precision[]), {POSTINGS_PER_KEY}, {CANDIDATES})"
        );
    }
    let postings: Vec<String> = (0..keys)
        .map(|k| {
            let (key, weight) = (2 * k + 1, 2 * k + 2);
            format!(
                "SELECT {k} AS k, CAST(?{weight} AS DOUBLE PRECISION) AS weight, claim_id \
                 FROM (SELECT claim_id FROM claim_match_keys WHERE key = ?{key} \
                 ORDER BY claim_id DESC LIMIT {POSTINGS_PER_KEY}) AS p{k}"
            )
        })
        .collect();
    format!(
        "SELECT claim_id FROM (SELECT claim_id, weight, \
         COUNT(*) OVER (PARTITION BY k) AS postings FROM ({}) AS shared) AS weighed \
         GROUP BY claim_id ORDER BY SUM(weight / (postings + 8.0)) DESC, claim_id DESC \
         LIMIT {CANDIDATES}",
        postings.join(" UNION ALL ")
    )
}

/// The values of [`candidates_sql`]: on SQLite each key and its weight, on PostgreSQL the keys
/// and the weights as two arrays.
fn candidate_values(backend: Backend, keys: &[MatchKey]) -> Vec<Value> {
    if backend == Backend::Postgres {
        let array = |items: Vec<String>| Value::from(format!("{{{}}}", items.join(",")));
        return vec![
            array(keys.iter().map(|key| key.value.to_string()).collect()),
            array(keys.iter().map(|key| key.weight.to_string()).collect()),
        ];
    }
    let mut values: Vec<Value> = Vec::with_capacity(keys.len() * 2);
    for key in keys {
        values.push(key.value.into());
        values.push(key.weight.into());
    }
    values
}

/// The rows of `claim_match_keys` for claims just recorded, each given with its key values.
pub(crate) fn key_rows<K: IntoIterator<Item = i64>>(
    claims: impl IntoIterator<Item = (i64, K)>,
) -> Vec<claim_match_key::ActiveModel> {
    let mut rows = Vec::new();
    for (claim_id, keys) in claims {
        for key in keys {
            rows.push(claim_match_key::ActiveModel {
                key: sea_orm::ActiveValue::Set(key),
                claim_id: sea_orm::ActiveValue::Set(claim_id),
                ..Default::default()
            });
        }
    }
    rows
}

/// Stores the keys of claims just recorded in `txn`.
pub(crate) async fn record_keys(
    txn: &impl ConnectionTrait,
    claims: &[Candidate],
) -> Result<(), StoreError> {
    let rows = key_rows(
        claims
            .iter()
            .map(|claim| (claim.id, claim.keys.iter().map(|key| key.value))),
    );
    for chunk in rows.chunks(KEYS_PER_STATEMENT) {
        claim_match_key::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, article_id: i64, text: &str) -> Candidate {
        Candidate::new(id, article_id, Arc::new(Fingerprint::new(text)))
    }

    #[test]
    fn the_most_alike_share_keys_belong_to_another_article_and_are_bounded() {
        let claim = candidate(
            1,
            1,
            "Jefferies said DeepSeek trained its model for $5.6 million.",
        );
        let copy = candidate(
            2,
            2,
            "DeepSeek trained its model for US$5,600,000, Morgan Stanley said.",
        );
        let same_article = candidate(3, 1, "DeepSeek trained its model for $5.6 million.");
        let unrelated = candidate(4, 3, "The council cut the library budget by 12 percent.");
        let mut others = vec![unrelated, same_article, copy];
        // Many claims that share only one common word rank below the copy, and are cut off.
        others.extend((0..40).map(|n| candidate(10 + n, 4, &format!("The model number {n}."))));

        let alike = claim.most_alike(&others);

        assert_eq!(alike.len(), CANDIDATES);
        assert_eq!(
            alike[0].id, 2,
            "the copy, which shares its amount and names, first"
        );
        assert!(alike.iter().all(|other| other.article_id != 1));
        assert!(alike.iter().all(|other| other.id != 4));
    }
}
