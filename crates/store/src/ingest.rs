//! Ingestion: an article and its claims, from a bot, in one idempotent transaction.
//!
//! The same URL with the same body changes nothing; with a changed body, the body is stored as
//! a new revision and every claim of the article is re-anchored: its quote is looked for in
//! the new body, the occurrence whose surroundings best match the old ones wins, and a claim
//! whose quote is gone is marked `anchor_lost`. Each claim that moves or loses its anchor gets
//! an event; no review state changes.
//!
//! A claim of the request is matched with the article's claims by its `externalId`, or, when it
//! has none, by its natural key: the same text, quote and span. A matched claim is not created
//! again, so a retried request creates nothing twice, and a retry of an unchanged article
//! writes nothing at all. Matching runs under the lock that serializes ingests of one URL
//! (`BEGIN IMMEDIATE` on SQLite, an advisory lock on PostgreSQL), so concurrent retries are
//! safe too.
//!
//! The parts, one concern each: `validation` checks the request, `detected` adds the
//! detector's claims, `identity` matches claims with the article's, `revision` stores a new
//! body and re-anchors, and `sources` finds or creates the named sources. This file runs them
//! in order, in one transaction.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    AttributionKind, EventKind, Priority, TextSpan, event_detail,
    records::{Article, Claim},
    validation::ValidationError,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

mod detected;
mod identity;
mod revision;
mod sources;
mod validation;

use self::{
    detected::add_detected_claims,
    identity::{recorded_claims, unrecorded},
    revision::{insert_article, revise},
    sources::ensure_sources,
    validation::{anchored_spans, check_article},
};
use crate::{
    NewSource, Store, StoreError,
    connection::on_postgres,
    entities::{article, claim, source},
    history::{EventDraft, append_events},
};

/// The most claims one request may carry.
pub const MAX_CLAIMS_PER_ARTICLE: usize = 1_000;

/// An article to ingest, with its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestArticle {
    /// Where it is published; it identifies the article.
    pub url: String,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The full text.
    pub body: String,
    /// Its claims.
    pub claims: Vec<IngestClaim>,
    /// Also propose the claims the detector finds in the body.
    pub detect: bool,
}

/// A claim to ingest with its article.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestClaim {
    /// The client's identifier, unique within the request and the article; a claim already
    /// recorded under it is left as it is. Without one, a claim is identified by its text,
    /// quote and span: an article's claim with all three the same is the same claim.
    pub external_id: Option<String>,
    /// The checkable statement.
    pub text: String,
    /// The exact words of the article.
    pub quote: String,
    /// Where the quote stands in the body; when absent, its only occurrence.
    pub span: Option<TextSpan>,
    /// Who it is attributed to; created when missing.
    pub source: Option<NewSource>,
    /// How the article attributes it.
    pub attribution: AttributionKind,
    /// How urgently it should be checked.
    pub priority: Priority,
    /// The detector's score, for detected claims.
    pub check_worthiness: Option<f64>,
    /// The detector's category, for detected claims.
    pub category: Option<String>,
}

/// What ingesting did to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article is new.
    Created,
    /// The article was known with the same body.
    Unchanged,
    /// The article was known with another body; a revision was stored.
    Revised,
}

/// The result of ingesting.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// What happened to the article.
    pub outcome: IngestOutcome,
    /// The article as it now is.
    pub article: Article,
    /// The claims this request created.
    pub created: Vec<Claim>,
    /// How many existing claims were re-anchored at a new position.
    pub reanchored: usize,
    /// How many existing claims lost their anchor.
    pub anchors_lost: usize,
}

/// One bad claim of a request: its position and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// The claim's index in the request.
    pub index: usize,
    /// The field and the problem.
    pub error: ValidationError,
}

impl Store {
    /// Ingests an article and its claims in one transaction. Every bad claim is reported with
    /// its index, and then nothing is written.
    pub async fn ingest_article(
        &self,
        actor_id: i64,
        input: IngestArticle,
    ) -> Result<Ingested, StoreError> {
        let url = check_article(&input)?;
        let mut input = input;
        if input.detect {
            add_detected_claims(&mut input);
        }
        let spans = anchored_spans(&input)?;

        let txn = self.begin_write().await?;
        lock_url(&txn, &url).await?;
        let now = self.clock.now();
        let existing = article::Entity::find()
            .filter(article::Column::Url.eq(url.as_str()))
            .one(&txn)
            .await?;
        let (article, outcome, reanchored, anchors_lost) = match existing {
            None => (
                insert_article(&txn, &url, &input, now).await?,
                IngestOutcome::Created,
                0,
                0,
            ),
            Some(row) if row.body == input.body => (row, IngestOutcome::Unchanged, 0, 0),
            Some(row) => {
                let (revised, moved, lost) = revise(&txn, row, &input, actor_id, now).await?;
                (revised, IngestOutcome::Revised, moved, lost)
            }
        };
        let recorded = match outcome {
            IngestOutcome::Created => Vec::new(),
            IngestOutcome::Unchanged | IngestOutcome::Revised => {
                recorded_claims(&txn, article.id).await?
            }
        };
        let fresh = unrecorded(&recorded, &input.claims, &spans);
        if outcome == IngestOutcome::Unchanged && fresh.is_empty() {
            // A retry: nothing to write, so nothing is committed and nobody is told.
            txn.rollback().await?;
            return Ok(Ingested {
                outcome,
                article: article.into(),
                created: Vec::new(),
                reanchored,
                anchors_lost,
            });
        }
        let created = self
            .create_claims(&txn, article.id, &fresh, actor_id, now)
            .await?;
        self.commit(txn).await?;
        Ok(Ingested {
            outcome,
            article: article.into(),
            created,
            reanchored,
            anchors_lost,
        })
    }

    /// Creates `claims` at their spans, with their sources and their CREATED events, in
    /// batches.
    async fn create_claims(
        &self,
        txn: &DatabaseTransaction,
        article_id: i64,
        claims: &[(&IngestClaim, TextSpan)],
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Claim>, StoreError> {
        let sources = ensure_sources(txn, claims.iter().map(|(claim, _)| *claim), now).await?;
        let mut rows = Vec::with_capacity(claims.len());
        for (claim, span) in claims {
            rows.push(claim::ActiveModel {
                article_id: Set(article_id),
                external_id: Set(claim.external_id.clone()),
                text: Set(claim.text.clone()),
                quote: Set(claim.quote.clone()),
                span_start: Set(offset(span.start)?),
                span_end: Set(offset(span.end)?),
                source_id: Set(claim
                    .source
                    .as_ref()
                    .and_then(|s| sources.get(&source::name_key(&s.name)).copied())),
                attribution: Set(claim.attribution.as_ref().to_owned()),
                status: Set(claimdesk_core::ClaimStatus::New.as_ref().to_owned()),
                priority: Set(claim.priority.as_ref().to_owned()),
                version: Set(1),
                anchor_lost: Set(false),
                check_worthiness: Set(claim.check_worthiness),
                category: Set(claim.category.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let inserted = claim::Entity::insert_many(rows)
            .exec_with_returning(txn)
            .await?;
        let events = inserted
            .iter()
            .map(|row| {
                (
                    row.id,
                    EventDraft::new(
                        EventKind::Created,
                        event_detail::created(row.external_id.as_deref()),
                    ),
                )
            })
            .collect();
        append_events(txn, actor_id, now, events).await?;
        inserted.into_iter().map(Claim::try_from).collect()
    }
}

/// Serializes ingests of one URL, so that concurrent identical requests create one article.
async fn lock_url(txn: &DatabaseTransaction, url: &str) -> Result<(), StoreError> {
    on_postgres(
        txn,
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        [url.into()],
    )
    .await
}

/// A code-point offset as the column stores it.
fn offset(value: usize) -> Result<i32, ValidationError> {
    i32::try_from(value).map_err(|_| ValidationError::new("span", "is too large"))
}
