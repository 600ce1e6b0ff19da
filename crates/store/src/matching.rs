//! Claim matching in the store: which recorded claims state the same thing as a text or a
//! claim, and the links kept between them.
//!
//! Candidates come from the full-text index (`search::candidates`: any two of the text's most
//! distinctive words, best first, at most [`CANDIDATES`]), so that the cost of a match does
//! not grow with the number of claims; `claimdesk_core::matching` then scores each candidate
//! and the thresholds decide its state. New claims (ingested, created, imported) have their
//! matches stored in `claim_matches` in the transaction that records them, in both directions;
//! a person's judgement (`confirm_match`, `reject_match`) is never overwritten by the matcher.

mod candidates;
#[cfg(test)]
mod database_tests;
mod filter;
mod judging;
mod verdict;

use std::collections::HashMap;

use claimdesk_core::{
    MatchState,
    matching::{Reason, compare_prepared},
    records::Claim,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

pub(crate) use self::candidates::FingerprintCache;
pub(crate) use self::filter::match_condition;
pub use self::verdict::ApplyMatchedVerdict;
use crate::{
    Store, StoreError,
    entities::{claim, claim_match, parse_name},
};

/// How many candidates the index gives a match to re-rank.
pub const CANDIDATES: u64 = 40;

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
        let print = claimdesk_core::matching::Fingerprint::new(text);
        let found = self
            .candidates(&self.reads, &print, None)
            .await?
            .into_iter()
            .filter_map(|(candidate, candidate_print)| {
                let found = compare_prepared(&print, &candidate_print);
                (found.score >= self.thresholds.suggest()).then_some(ClaimMatch {
                    claim: candidate,
                    score: found.score,
                    state: MatchState::Suggested,
                    reasons: found.reasons,
                })
            });
        Ok(best_first(found.collect(), first))
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
        let mut claims: HashMap<i64, Claim> = HashMap::new();
        for row in claim::Entity::find()
            .filter(claim::Column::Id.is_in(matched_ids))
            .all(&self.reads)
            .await?
        {
            claims.insert(row.id, row.try_into()?);
        }
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

    /// Computes and stores the matches of `claims`, just recorded in `txn`, in both
    /// directions. A match at or above the confirm threshold between texts of enough words is
    /// `CONFIRMED`, others `SUGGESTED`; claims of the same article are not matched, and links
    /// already stored are left as they are.
    pub(crate) async fn record_matches(
        &self,
        txn: &impl ConnectionTrait,
        claims: &[Claim],
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut rows = Vec::new();
        for new in claims {
            let print = self.fingerprints.get(new.id, &new.text);
            let mut found = Vec::new();
            for (candidate, candidate_print) in self.candidates(txn, &print, Some(new)).await? {
                let forward = compare_prepared(&print, &candidate_print);
                if let Some(state) = self.thresholds.state(&forward) {
                    found.push((candidate, candidate_print, forward, state));
                }
            }
            found.sort_by(|a, b| b.2.score.total_cmp(&a.2.score).then(a.0.id.cmp(&b.0.id)));
            for (candidate, candidate_print, forward, state) in
                found.into_iter().take(MAX_STORED_MATCHES)
            {
                let backward = compare_prepared(&candidate_print, &print);
                rows.push(match_row(
                    new.id,
                    candidate.id,
                    &forward.reasons,
                    forward.score,
                    state,
                    now,
                ));
                rows.push(match_row(
                    candidate.id,
                    new.id,
                    &backward.reasons,
                    forward.score,
                    state,
                    now,
                ));
            }
        }
        insert_new_links(txn, rows).await
    }
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

/// `found`, best first (ties by claim ID), cut to `first`.
fn best_first(mut found: Vec<ClaimMatch>, first: usize) -> Vec<ClaimMatch> {
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.claim.id.cmp(&b.claim.id))
    });
    found.truncate(first);
    found
}
