//! Claim matching in the store: which recorded claims state the same thing as a text or a
//! claim, and the links kept between them.
//!
//! Candidates come from the claims' match keys (`candidates`: the claims that share the text's
//! most telling keys, at most [`CANDIDATES`]; `postings`: a bounded number of each key's
//! claims, read for all the texts matched at once), so that the cost of a match does not grow
//! with the number of claims;
//! `claimdesk_core::matching` then scores each candidate and the thresholds decide its state.
//! New claims (ingested, created, imported) have their keys and their matches stored in the
//! transaction that records them, matches in both directions; their candidates are looked up
//! before it ([`Store::look_up_matches`]), and only the claims recorded since are looked up
//! inside it. A person's judgement (`confirm_match`, `reject_match`) is never overwritten by
//! the matcher.

mod candidates;
#[cfg(test)]
mod database_tests;
mod filter;
mod judging;
mod postings;
mod verdict;

use std::{collections::HashMap, sync::Arc};

use claimdesk_core::{
    MatchState,
    matching::{Fingerprint, Match, Reason, compare_prepared},
    records::Claim,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::OnConflict,
};

use self::candidates::Candidate;
pub(crate) use self::candidates::CandidateCache;
#[cfg(feature = "demo-data")]
pub(crate) use self::candidates::key_rows;
pub(crate) use self::filter::match_condition;
pub use self::verdict::ApplyMatchedVerdict;
use crate::{
    Store, StoreError,
    by_id::records_by_id,
    entities::{claim, claim_match, parse_name},
};

/// How many candidates the index gives a match to re-rank.
pub const CANDIDATES: usize = 24;

/// The most matches stored for a new claim.
pub const MAX_STORED_MATCHES: usize = 10;

/// A claim that states the same thing as a text or another claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimMatch {
    /// The matching claim.
    pub claim: Claim,
    /// How surely it states the same thing, from 0 to 1.
    pub score: f64,
    /// Where the link stands.
    pub state: MatchState,
    /// What agreed and what differed; `First` is the text or claim matched, `Second` the
    /// matching claim.
    pub reasons: Vec<Reason>,
}

impl Store {
    /// The recorded claims that state the same thing as `text`, best first, at most `first`,
    /// each `SUGGESTED`. Nothing is written.
    pub async fn match_text(
        &self,
        text: &str,
        first: usize,
    ) -> Result<Vec<ClaimMatch>, StoreError> {
        let print = Fingerprint::new(text);
        let mut found: Vec<(i64, Match)> = self
            .candidates_of(&[&print])
            .await?
            .into_iter()
            .flatten()
            .map(|candidate| (candidate.id, compare_prepared(&print, &candidate.print)))
            .filter(|(_, found)| found.score >= self.thresholds.suggest())
            .collect();
        found.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        found.truncate(first);
        let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
        let mut claims = matched_claims(&self.reads, &ids).await?;
        Ok(found
            .into_iter()
            .filter_map(|(id, found)| {
                Some(ClaimMatch {
                    claim: claims.remove(&id)?,
                    score: found.score,
                    state: MatchState::Suggested,
                    reasons: found.reasons,
                })
            })
            .collect())
    }

    /// The stored matches of each of these claims, best first (every state: a rejected link
    /// is kept so that nobody judges it twice).
    pub async fn matches_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<ClaimMatch>>, StoreError> {
        let rows = claim_match::Entity::find()
            .filter(claim_match::Column::ClaimId.is_in(claim_ids.to_vec()))
            .order_by_desc(claim_match::Column::Score)
            .order_by_asc(claim_match::Column::MatchedClaimId)
            .all(&self.reads)
            .await?;
        if rows.is_empty() {
            return Ok(HashMap::new());
        }
        let mut matched_ids: Vec<i64> = rows.iter().map(|row| row.matched_claim_id).collect();
        matched_ids.sort_unstable();
        matched_ids.dedup();
        let claims = matched_claims(&self.reads, &matched_ids).await?;
        let mut found: HashMap<i64, Vec<ClaimMatch>> = HashMap::new();
        for row in rows {
            let Some(matched) = claims.get(&row.matched_claim_id) else {
                continue;
            };
            let claim_id = row.claim_id;
            found
                .entry(claim_id)
                .or_default()
                .push(stored_match(row, matched.clone())?);
        }
        Ok(found)
    }

    /// Looks up and scores the candidates of `texts`, claims about to be recorded, before
    /// their write transaction begins, so that the lookups do not hold up other writers.
    pub(crate) async fn look_up_matches(&self, texts: &[&str]) -> Result<MatchLookup, StoreError> {
        let after: Option<i64> = claim::Entity::find()
            .select_only()
            .column_as(claim::Column::Id.max(), "after")
            .into_tuple()
            .one(&self.reads)
            .await?
            .flatten();
        let mut distinct: Vec<&str> = texts.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let prints: Vec<Arc<Fingerprint>> = distinct
            .iter()
            .map(|text| Arc::new(Fingerprint::new(text)))
            .collect();
        let borrowed: Vec<&Fingerprint> = prints.iter().map(Arc::as_ref).collect();
        let candidates = self.candidates_of(&borrowed).await?;
        let found = distinct
            .into_iter()
            .zip(prints)
            .zip(candidates)
            .map(|((text, print), candidates)| {
                let scored = self.scored(&print, candidates);
                (text.to_owned(), (print, scored))
            })
            .collect();
        Ok(MatchLookup {
            after: after.unwrap_or_default(),
            found,
        })
    }

    /// Stores the match keys of `claims`, just recorded in `txn`, and their matches in both
    /// directions: among the candidates of `lookup`, the claims recorded since it began and
    /// each other, of which at most [`CANDIDATES`] are scored for each new claim (see
    /// `Candidate::most_alike`), so that the work inside the transaction stays bounded.
    /// A match at or above the confirm threshold between texts of enough words is
    /// `CONFIRMED`, others `SUGGESTED`; claims of the same article are not matched, and links
    /// already stored are left as they are.
    /// The new claims are returned as candidates, for [`Store::remember_candidates`] once
    /// the transaction is committed.
    pub(crate) async fn record_matches(
        &self,
        txn: &impl ConnectionTrait,
        claims: &[Claim],
        lookup: &MatchLookup,
    ) -> Result<Vec<Candidate>, StoreError> {
        let new: Vec<Candidate> = claims
            .iter()
            .map(|claim| {
                let print = match lookup.found.get(&claim.text) {
                    Some((print, _)) => print.clone(),
                    None => Arc::new(Fingerprint::new(&claim.text)),
                };
                Candidate::new(claim.id, claim.article_id, print)
            })
            .collect();
        // Claims recorded since the lookup, then the new claims themselves (of another
        // article, when an import records several).
        let mut others = self.recent_candidates(txn, &new, lookup.after).await?;
        candidates::record_keys(txn, &new).await?;
        others.extend(new.iter().cloned());
        let now = self.clock.now();
        let mut rows = Vec::new();
        for (recorded, claim) in claims.iter().zip(&new) {
            let mut found: Vec<Scored> = lookup
                .found
                .get(&recorded.text)
                .map(|(_, scored)| scored.clone())
                .unwrap_or_default();
            let sharing = claim.most_alike(&others);
            found.extend(self.scored(&claim.print, sharing));
            found.retain(|scored| scored.id != claim.id && scored.article_id != claim.article_id);
            found.sort_by(|a, b| {
                b.forward
                    .score
                    .total_cmp(&a.forward.score)
                    .then(a.id.cmp(&b.id))
            });
            found.dedup_by_key(|scored| scored.id);
            for scored in found.into_iter().take(MAX_STORED_MATCHES) {
                let score = scored.forward.score;
                let forward = &scored.forward.reasons;
                let backward = &scored.backward.reasons;
                rows.push(match_row(
                    claim.id,
                    scored.id,
                    forward,
                    score,
                    scored.state,
                    now,
                ));
                rows.push(match_row(
                    scored.id,
                    claim.id,
                    backward,
                    score,
                    scored.state,
                    now,
                ));
            }
        }
        insert_new_links(txn, rows).await?;
        Ok(new)
    }

    /// Keeps `claims`, just committed, as candidates, so that the claims recorded after them
    /// find them without reading them again.
    pub(crate) fn remember_candidates(&self, claims: Vec<Candidate>) {
        self.candidate_cache.put_all(claims);
    }

    /// The candidates that match `print`, each scored both ways.
    fn scored(&self, print: &Fingerprint, candidates: Vec<Candidate>) -> Vec<Scored> {
        candidates
            .into_iter()
            .filter_map(|candidate| {
                let forward = compare_prepared(print, &candidate.print);
                let state = self.thresholds.state(&forward)?;
                Some(Scored {
                    id: candidate.id,
                    article_id: candidate.article_id,
                    backward: compare_prepared(&candidate.print, print),
                    forward,
                    state,
                })
            })
            .collect()
    }
}

/// The claims `ids`, by ID: the claims of matches, to be shown.
async fn matched_claims(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Claim>, StoreError> {
    records_by_id::<claim::Entity, Claim>(db, claim::Column::Id, ids, |claim| claim.id).await
}

/// The candidates of claims about to be recorded (see [`Store::look_up_matches`]).
pub(crate) struct MatchLookup {
    /// The largest claim ID when the lookup began: the claims above it are looked up in the
    /// write transaction.
    after: i64,
    /// Each text's fingerprint and its scored candidates.
    found: HashMap<String, (Arc<Fingerprint>, Vec<Scored>)>,
}

/// A candidate that matches a text, scored both ways.
#[derive(Debug, Clone)]
struct Scored {
    id: i64,
    article_id: i64,
    /// The text against the candidate.
    forward: Match,
    /// The candidate against the text.
    backward: Match,
    state: MatchState,
}

/// Inserts links, leaving the ones already stored (and a person's judgement) as they are.
pub(crate) async fn insert_new_links(
    txn: &impl ConnectionTrait,
    rows: Vec<claim_match::ActiveModel>,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    claim_match::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                claim_match::Column::ClaimId,
                claim_match::Column::MatchedClaimId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// A row of `claim_matches`.
pub(crate) fn match_row(
    claim_id: i64,
    matched_claim_id: i64,
    reasons: &[Reason],
    score: f64,
    state: MatchState,
    now: chrono::DateTime<chrono::Utc>,
) -> claim_match::ActiveModel {
    claim_match::ActiveModel {
        claim_id: Set(claim_id),
        matched_claim_id: Set(matched_claim_id),
        score: Set(score),
        state: Set(state.as_ref().to_owned()),
        reasons: Set(serde_json::to_value(reasons).unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// A stored link, read back.
pub(crate) fn stored_match(
    row: claim_match::Model,
    matched: Claim,
) -> Result<ClaimMatch, StoreError> {
    let reasons = serde_json::from_value(row.reasons).map_err(|error| {
        StoreError::Corrupt(format!("claim_matches.reasons of {}: {error}", row.id))
    })?;
    Ok(ClaimMatch {
        claim: matched,
        score: row.score,
        state: parse_name("claim_matches", "state", &row.state)?,
        reasons,
    })
}
