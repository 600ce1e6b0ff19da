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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use claimdesk_core::{
    AttributionKind, EventKind, Priority, TextSpan,
    anchor::{find_quote, reanchor, verify_quote},
    detect::detect_claims,
    event_detail,
    records::{Article, Claim},
    token,
    validation::{ValidationError, limits, optional_text, required_text, web_url},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

mod identity;

use self::identity::{SeenInRequest, recorded_claims, unrecorded};
use crate::{
    NewSource, Store, StoreError,
    connection::on_postgres,
    entities::{article, article_revision, claim, source},
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
        let url = String::from(web_url("url", &input.url)?);
        required_text("title", &input.title, limits::TITLE)?;
        optional_text("publisher", input.publisher.as_deref(), limits::NAME)?;
        optional_text("author", input.author.as_deref(), limits::NAME)?;
        required_text("body", &input.body, limits::ARTICLE_BODY)?;
        if input.claims.len() > MAX_CLAIMS_PER_ARTICLE {
            return Err(ValidationError::new(
                "claims",
                format!(
                    "holds {} claims; at most {MAX_CLAIMS_PER_ARTICLE} are allowed",
                    input.claims.len()
                ),
            )
            .into());
        }
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
                let (revised, moved, lost) = self.revise(&txn, row, &input, actor_id, now).await?;
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
        // Matching (crate::matching) runs on the new claims before the commit.
        self.record_matches(&txn, &created).await?;
        self.commit(txn).await?;
        Ok(Ingested {
            outcome,
            article: article.into(),
            created,
            reanchored,
            anchors_lost,
        })
    }

    /// Stores the new body as a revision and re-anchors the article's claims.
    async fn revise(
        &self,
        txn: &DatabaseTransaction,
        row: article::Model,
        input: &IngestArticle,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(article::Model, usize, usize), StoreError> {
        let revision = row.revision + 1;
        article_revision::Entity::insert(article_revision::ActiveModel {
            article_id: Set(row.id),
            revision: Set(revision),
            body: Set(input.body.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        let claims = claim::Entity::find()
            .filter(claim::Column::ArticleId.eq(row.id))
            .all(txn)
            .await?;
        let (mut moved, mut lost) = (0, 0);
        let mut events = Vec::new();
        for existing in claims {
            let old_span = TextSpan {
                start: usize::try_from(existing.span_start).unwrap_or_default(),
                end: usize::try_from(existing.span_end).unwrap_or_default(),
            };
            let mut changes = claim::ActiveModel {
                id: Set(existing.id),
                version: Set(existing.version + 1),
                updated_at: Set(now),
                ..Default::default()
            };
            let old_body = if existing.anchor_lost {
                &input.body
            } else {
                &row.body
            };
            let detail;
            let kind = match reanchor(old_body, old_span, &existing.quote, &input.body) {
                Some(span) if span == old_span && !existing.anchor_lost => continue,
                Some(span) => {
                    changes.span_start = Set(offset(span.start)?);
                    changes.span_end = Set(offset(span.end)?);
                    changes.anchor_lost = Set(false);
                    moved += 1;
                    detail = event_detail::reanchored(revision.into(), old_span, span);
                    EventKind::Reanchored
                }
                None if existing.anchor_lost => continue,
                None => {
                    changes.anchor_lost = Set(true);
                    lost += 1;
                    detail = event_detail::anchor_lost(revision.into(), old_span);
                    EventKind::AnchorLost
                }
            };
            claim::Entity::update(changes).exec(txn).await?;
            events.push((existing.id, EventDraft::new(kind, detail)));
        }
        append_events(txn, actor_id, now, events).await?;
        let mut revised: article::ActiveModel = row.into();
        revised.body = Set(input.body.clone());
        revised.title = Set(input.title.clone());
        revised.revision = Set(revision);
        let revised = article::Entity::update(revised).exec(txn).await?;
        Ok((revised, moved, lost))
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

/// Adds the claims the detector finds that no supplied claim overlaps. Their external IDs are
/// derived from their quotes, so that ingesting the same body again adds none twice; a quote
/// the detector finds twice is proposed once.
fn add_detected_claims(input: &mut IngestArticle) {
    let mut external_ids: HashSet<String> = input
        .claims
        .iter()
        .filter_map(|claim| claim.external_id.clone())
        .collect();
    let supplied: Vec<TextSpan> = input
        .claims
        .iter()
        .filter_map(|claim| {
            claim
                .span
                .or_else(|| find_quote(&input.body, &claim.quote).first().copied())
        })
        .collect();
    let overlaps = |span: TextSpan| {
        supplied
            .iter()
            .any(|s| s.start < span.end && span.start < s.end)
    };
    for detected in detect_claims(&input.body) {
        if overlaps(detected.span) {
            continue;
        }
        let external_id = format!("detected-{}", &token::hash(&detected.quote)[..16]);
        if !external_ids.insert(external_id.clone()) {
            continue;
        }
        let priority = if detected.check_worthiness >= 0.8 {
            Priority::High
        } else {
            Priority::Normal
        };
        input.claims.push(IngestClaim {
            external_id: Some(external_id),
            text: detected.quote.clone(),
            quote: detected.quote,
            span: Some(detected.span),
            source: detected.source.map(|source| NewSource {
                name: source.name,
                kind: source.kind,
                description: source.description,
            }),
            attribution: detected.attribution,
            priority,
            check_worthiness: Some(detected.check_worthiness),
            category: Some(detected.category.as_ref().to_owned()),
        });
    }
}

/// Checks every claim against the body and against the claims before it, collecting every
/// bad one, and returns their spans.
fn anchored_spans(input: &IngestArticle) -> Result<Vec<TextSpan>, StoreError> {
    let mut spans = Vec::with_capacity(input.claims.len());
    let mut errors = Vec::new();
    let mut seen = SeenInRequest::default();
    for (index, claim) in input.claims.iter().enumerate() {
        let checked = check_claim(&input.body, claim)
            .and_then(|span| seen.check(index, claim, span).map(|()| span));
        match checked {
            Ok(span) => spans.push(span),
            Err(error) => errors.push(ItemError { index, error }),
        }
    }
    if errors.is_empty() {
        Ok(spans)
    } else {
        Err(StoreError::InvalidItems(errors))
    }
}

fn check_claim(body: &str, claim: &IngestClaim) -> Result<TextSpan, ValidationError> {
    required_text("text", &claim.text, limits::CLAIM_TEXT)?;
    required_text("quote", &claim.quote, limits::QUOTE)?;
    optional_text("externalId", claim.external_id.as_deref(), limits::NAME)?;
    if let Some(source) = &claim.source {
        required_text("source.name", &source.name, limits::NAME)?;
        optional_text(
            "source.description",
            source.description.as_deref(),
            limits::DESCRIPTION,
        )?;
    }
    match claim.span {
        Some(span) => {
            verify_quote(body, &claim.quote, span)
                .map_err(|error| ValidationError::new("quote", error.to_string()))?;
            Ok(span)
        }
        None => match find_quote(body, &claim.quote).as_slice() {
            [span] => Ok(*span),
            [] => Err(ValidationError::new("quote", "does not occur in the body")),
            _ => Err(ValidationError::new(
                "quote",
                "occurs more than once in the body; give its span",
            )),
        },
    }
}

async fn insert_article(
    txn: &DatabaseTransaction,
    url: &str,
    input: &IngestArticle,
    now: DateTime<Utc>,
) -> Result<article::Model, StoreError> {
    let row = article::Entity::insert(article::ActiveModel {
        url: Set(url.to_owned()),
        title: Set(input.title.clone()),
        publisher: Set(input.publisher.clone()),
        author: Set(input.author.clone()),
        published_at: Set(input.published_at),
        body: Set(input.body.clone()),
        ingested_at: Set(now),
        revision: Set(1),
        ..Default::default()
    })
    .exec_with_returning(txn)
    .await?;
    article_revision::Entity::insert(article_revision::ActiveModel {
        article_id: Set(row.id),
        revision: Set(1),
        body: Set(input.body.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    Ok(row)
}

/// The IDs of the claims' sources by name key, creating the missing ones.
async fn ensure_sources<'a>(
    txn: &DatabaseTransaction,
    claims: impl Iterator<Item = &'a IngestClaim>,
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut wanted: HashMap<String, &NewSource> = HashMap::new();
    for source in claims.filter_map(|claim| claim.source.as_ref()) {
        wanted
            .entry(source::name_key(&source.name))
            .or_insert(source);
    }
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<source::ActiveModel> = wanted
        .iter()
        .map(|(key, source)| source::ActiveModel {
            name: Set(source.name.trim().to_owned()),
            name_key: Set(key.clone()),
            kind: Set(source.kind.as_ref().to_owned()),
            description: Set(source.description.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    // Sources are shared between articles: a concurrent ingest may create the same one.
    source::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(source::Column::NameKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let keys: Vec<String> = wanted.into_keys().collect();
    Ok(source::Entity::find()
        .filter(source::Column::NameKey.is_in(keys))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.name_key, row.id))
        .collect())
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

fn offset(value: usize) -> Result<i32, ValidationError> {
    i32::try_from(value).map_err(|_| ValidationError::new("span", "is too large"))
}
