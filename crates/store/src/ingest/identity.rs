//! Which claims of an ingest request an article already has.
//!
//! A claim with an `externalId` is identified by it. A claim without one is identified by its
//! natural key: its text, its quote and its span. Within one request both must be unique;
//! against the article, a claim whose identity the article already has is not created again.

use std::collections::{HashMap, HashSet};

use claimdesk_core::{TextSpan, validation::ValidationError};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};

use super::request::IngestClaim;
use crate::{StoreError, entities::claim};

/// What identifies a claim without an `externalId`: its text, its quote and its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct NaturalKey<'a> {
    text: &'a str,
    quote: &'a str,
    span: (usize, usize),
}

impl<'a> NaturalKey<'a> {
    fn new(claim: &'a IngestClaim, span: TextSpan) -> Self {
        Self {
            text: &claim.text,
            quote: &claim.quote,
            span: (span.start, span.end),
        }
    }
}

/// What identifies a claim an article already has.
pub(super) struct RecordedClaim {
    external_id: Option<String>,
    text: String,
    quote: String,
    span: (usize, usize),
}

/// The identities of the claims the article has, read inside the ingest's lock.
pub(super) async fn recorded_claims(
    txn: &DatabaseTransaction,
    article_id: i64,
) -> Result<Vec<RecordedClaim>, StoreError> {
    let rows = claim::Entity::find()
        .select_only()
        .columns([
            claim::Column::ExternalId,
            claim::Column::Text,
            claim::Column::Quote,
            claim::Column::SpanStart,
            claim::Column::SpanEnd,
        ])
        .filter(claim::Column::ArticleId.eq(article_id))
        .into_tuple::<(Option<String>, String, String, i32, i32)>()
        .all(txn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(external_id, text, quote, start, end)| RecordedClaim {
            external_id,
            text,
            quote,
            span: (
                usize::try_from(start).unwrap_or_default(),
                usize::try_from(end).unwrap_or_default(),
            ),
        })
        .collect())
}

/// The claims of the request the article does not have yet, with their spans: a claim with an
/// `externalId` is new when no claim of the article has that ID, and one without when no
/// claim of the article has its natural key.
pub(super) fn unrecorded<'a>(
    recorded: &[RecordedClaim],
    claims: &'a [IngestClaim],
    spans: &[TextSpan],
) -> Vec<(&'a IngestClaim, TextSpan)> {
    let external_ids: HashSet<&str> = recorded
        .iter()
        .filter_map(|claim| claim.external_id.as_deref())
        .collect();
    let natural_keys: HashSet<NaturalKey<'_>> = recorded
        .iter()
        .map(|claim| NaturalKey {
            text: &claim.text,
            quote: &claim.quote,
            span: claim.span,
        })
        .collect();
    claims
        .iter()
        .zip(spans.iter().copied())
        .filter(|(claim, span)| match &claim.external_id {
            Some(external_id) => !external_ids.contains(external_id.as_str()),
            None => !natural_keys.contains(&NaturalKey::new(claim, *span)),
        })
        .collect()
}

/// The claims of a request checked so far, to refuse one that repeats an earlier one.
#[derive(Default)]
pub(super) struct SeenInRequest<'a> {
    external_ids: HashMap<&'a str, usize>,
    natural_keys: HashMap<NaturalKey<'a>, usize>,
}

impl<'a> SeenInRequest<'a> {
    /// Records the claim at `index`, anchored at `span`; an error when an earlier claim of the
    /// request has its identity.
    pub(super) fn check(
        &mut self,
        index: usize,
        claim: &'a IngestClaim,
        span: TextSpan,
    ) -> Result<(), ValidationError> {
        let (first, field, problem) = match &claim.external_id {
            Some(external_id) => (
                *self.external_ids.entry(external_id).or_insert(index),
                "externalId",
                "is the externalId of",
            ),
            None => (
                *self
                    .natural_keys
                    .entry(NaturalKey::new(claim, span))
                    .or_insert(index),
                "span",
                "has the same text, quote and span as",
            ),
        };
        if first == index {
            Ok(())
        } else {
            Err(ValidationError::new(
                field,
                format!("{problem} claim {first}"),
            ))
        }
    }
}
