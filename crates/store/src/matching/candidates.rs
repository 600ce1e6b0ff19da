//! The candidates of a match, from the claims' match keys, with their fingerprints.
//!
//! Each claim's [`Fingerprint::match_keys`] are stored in `claim_match_keys` when it is
//! recorded. A text's candidates are the claims that share its keys: for each key, at most
//! [`POSTINGS_PER_KEY`](super::postings::POSTINGS_PER_KEY) of its claims, newest first, so
//! that a match reads a bounded number of index entries however many claims there are; the
//! [`CANDIDATES`] most relevant (`Postings::most_relevant`) are then scored one by one.

use std::{
    collections::{HashMap, HashSet},
    num::NonZeroUsize,
    sync::{Arc, Mutex},
};

use claimdesk_core::matching::{Fingerprint, MatchKey};
use lru::LruCache;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{CANDIDATES, postings::Postings};
use crate::{
    Backend, Store, StoreError,
    entities::{claim, claim_match_key},
};

/// The most claims recorded since a lookup began that the write transaction considers, the
/// newest: more than a busy desk records in the time a lookup takes.
const RECENT_CLAIMS: usize = 1_000;

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
    /// For each of `prints`, the committed claims that share the most telling of its keys, at
    /// most [`CANDIDATES`], in no particular order (each is scored next). The keys of all the
    /// prints are read at once.
    pub(crate) async fn candidates_of(
        &self,
        prints: &[&Fingerprint],
    ) -> Result<Vec<Vec<Candidate>>, StoreError> {
        let keys: Vec<Vec<MatchKey>> = prints.iter().map(|print| print.match_keys()).collect();
        let postings =
            Postings::read(&self.reads, keys.iter().flatten().map(|key| key.value)).await?;
        let ranked: Vec<Vec<i64>> = keys
            .iter()
            .map(|keys| postings.most_relevant(keys))
            .collect();
        let mut ids: Vec<i64> = ranked.iter().flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let known: HashMap<i64, Candidate> = self
            .known_candidates(&self.reads, &ids)
            .await?
            .into_iter()
            .map(|candidate| (candidate.id, candidate))
            .collect();
        Ok(ranked
            .iter()
            .map(|ids| ids.iter().filter_map(|id| known.get(id).cloned()).collect())
            .collect())
    }

    /// The claims recorded since a lookup began (numbered above `after`), other than `new`,
    /// that share a key with one of `new`: of the newest [`RECENT_CLAIMS`]. Their
    /// fingerprints come from the cache, where this store keeps every claim it commits, and
    /// their keys are compared here.
    pub(crate) async fn recent_candidates(
        &self,
        db: &impl ConnectionTrait,
        new: &[Candidate],
        after: i64,
    ) -> Result<Vec<Candidate>, StoreError> {
        let Some(first_new) = new.iter().map(|claim| claim.id).min() else {
            return Ok(Vec::new());
        };
        let recent: Vec<i64> = match Backend::of(db) {
            // SQLite's one writer takes turns, and numbers claims one after another, never
            // again (AUTOINCREMENT; claims are never deleted): every number between the
            // lookup's newest claim and this transaction's first is a claim committed since.
            Backend::Sqlite => {
                let window = i64::try_from(RECENT_CLAIMS).unwrap_or(i64::MAX);
                let oldest = (after + 1).max(first_new.saturating_sub(window));
                (oldest..first_new).rev().collect()
            }
            // PostgreSQL's sequence skips numbers and gives them out of commit order, so the
            // claims above `after` are read, by one range of their key.
            Backend::Postgres => {
                let ids: Vec<i64> = claim::Entity::find()
                    .select_only()
                    .column(claim::Column::Id)
                    .filter(claim::Column::Id.gt(after))
                    .order_by_desc(claim::Column::Id)
                    .limit(u64::try_from(RECENT_CLAIMS + new.len()).unwrap_or(u64::MAX))
                    .into_tuple()
                    .all(db)
                    .await?;
                let new_ids: HashSet<i64> = new.iter().map(|claim| claim.id).collect();
                ids.into_iter()
                    .filter(|id| !new_ids.contains(id))
                    .take(RECENT_CLAIMS)
                    .collect()
            }
        };
        if recent.is_empty() {
            return Ok(Vec::new());
        }
        let keys: HashSet<i64> = new
            .iter()
            .flat_map(|claim| claim.keys.iter().map(|key| key.value))
            .collect();
        let mut found = self.known_candidates(db, &recent).await?;
        found.retain(|candidate| candidate.keys.iter().any(|key| keys.contains(&key.value)));
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
