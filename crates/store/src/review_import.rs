//! Importing other fact-checkers' `ClaimReview`s as closed, matchable claims.
//!
//! Each review is stored the way an ingested claim is, so that every invariant holds: the
//! review page is the article (its URL, its publisher, its date) and `claimReviewed` is both
//! the article's body and the claim's text and quote, spanning the whole body. The claim is
//! CLOSED with the verdict the rating maps to (`claimdesk_core::review_import`), and
//! `imported_reviews` keeps the rating as published. A review whose URL was imported before
//! is left as it is, so importing a document twice changes nothing. New claims are matched
//! in the same transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use claimdesk_core::{
    AttributionKind, ClaimStatus, EventKind, Priority, SourceKind, Transition, event_detail,
    publishing::rating, records::Claim, review_import::ImportedReview, validation::ValidationError,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::{
    NewSource, Store, StoreError,
    entities::{article, claim, imported_review, source},
    history::{EventDraft, append_events},
    ingest::{revision::insert_article, sources::ensure_sources},
};

/// The external ID of an imported review's claim within its article.
const IMPORTED_CLAIM: &str = "claim-review";

/// What importing did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedReviews {
    /// The claims this import created, one per new review.
    pub created: Vec<Claim>,
    /// How many reviews were imported before and left as they were.
    pub unchanged: usize,
}

impl Store {
    /// Imports `reviews` in one transaction (see the module docs).
    pub async fn import_reviews(
        &self,
        actor_id: i64,
        reviews: Vec<ImportedReview>,
    ) -> Result<ImportedReviews, StoreError> {
        let texts: Vec<&str> = reviews.iter().map(|r| r.claim_reviewed.as_str()).collect();
        let lookup = self.look_up_matches(&texts).await?;
        let txn = self.begin_write().await?;
        let now = self.clock.now();
        let mut report = ImportedReviews::default();
        let mut events = Vec::new();
        for review in &reviews {
            let known = imported_review::Entity::find()
                .filter(imported_review::Column::Url.eq(review.url.as_str()))
                .one(&txn)
                .await?;
            if known.is_some() {
                report.unchanged += 1;
                continue;
            }
            let claim = import_one(&txn, review, actor_id, now).await?;
            let created = EventDraft::new(
                EventKind::Created,
                event_detail::created(Some(IMPORTED_CLAIM)),
            );
            let closed = EventDraft::transition(
                EventKind::Closed,
                Transition {
                    from: ClaimStatus::New,
                    to: ClaimStatus::Closed,
                },
                event_detail::closed(
                    review.verdict,
                    claim.verdict_summary.as_deref().unwrap_or_default(),
                ),
            );
            events.push((claim.id, created));
            events.push((claim.id, closed));
            report.created.push(claim);
        }
        let candidates = self.record_matches(&txn, &report.created, &lookup).await?;
        // Last: on PostgreSQL the events hold the lock that orders events until the commit.
        append_events(&txn, actor_id, now, events).await?;
        if report.created.is_empty() {
            txn.rollback().await?;
        } else {
            self.commit(txn).await?;
            self.remember_candidates(candidates);
        }
        Ok(report)
    }
}

/// Records one review: its article, its source, its closed claim and its rating.
async fn import_one(
    txn: &DatabaseTransaction,
    review: &ImportedReview,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    let publisher = review.publisher.clone();
    let title: String = format!(
        "{}: {}",
        publisher.as_deref().unwrap_or("ClaimReview"),
        review.claim_reviewed
    )
    .chars()
    .take(500)
    .collect();
    let body = review.claim_reviewed.clone();
    let new = article::ActiveModel {
        url: Set(review.url.clone()),
        title: Set(title),
        publisher: Set(publisher.clone()),
        author: Set(None),
        published_at: Set(review.date_published),
        body: Set(body.clone()),
        ..Default::default()
    };
    let Some(article) = insert_article(txn, new, now).await? else {
        return Err(ValidationError::new(
            "document",
            format!(
                "{} is an article already recorded, not an imported review",
                review.url
            ),
        )
        .into());
    };
    let source_id = match &review.claimant {
        Some(name) => Some(source_id(txn, name, now).await?),
        None => None,
    };
    let label = review
        .rating_label
        .clone()
        .unwrap_or_else(|| rating(review.verdict).label.to_owned());
    let summary = review.review_body.clone().unwrap_or_else(|| {
        format!(
            "Rated “{label}” by {}.",
            publisher.as_deref().unwrap_or("another fact-checker")
        )
    });
    let length = i32::try_from(body.chars().count())
        .map_err(|_| ValidationError::new("claimReviewed", "is too long"))?;
    let row = claim::Entity::insert(claim::ActiveModel {
        article_id: Set(article.id),
        external_id: Set(Some(IMPORTED_CLAIM.to_owned())),
        text: Set(body.clone()),
        quote: Set(body),
        span_start: Set(0),
        span_end: Set(length),
        source_id: Set(source_id),
        attribution: Set(AttributionKind::Unattributed.as_ref().to_owned()),
        status: Set(ClaimStatus::Closed.as_ref().to_owned()),
        priority: Set(Priority::Normal.as_ref().to_owned()),
        verdict: Set(Some(review.verdict.as_ref().to_owned())),
        verdict_summary: Set(Some(summary)),
        closed_at: Set(Some(review.date_published.unwrap_or(now))),
        closed_by_id: Set(Some(actor_id)),
        version: Set(2),
        anchor_lost: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(txn)
    .await?;
    imported_review::Entity::insert(imported_review::ActiveModel {
        claim_id: Set(row.id),
        url: Set(review.url.clone()),
        publisher: Set(publisher),
        published_at: Set(review.date_published),
        rating_label: Set(Some(label)),
        rating_value: Set(review.rating_value),
        imported_at: Set(now),
    })
    .exec(txn)
    .await?;
    row.try_into()
}

/// The ID of the source called `name`, created when missing.
async fn source_id(
    txn: &DatabaseTransaction,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let source = NewSource {
        name: name.to_owned(),
        kind: SourceKind::Unknown,
        description: None,
    };
    ensure_sources(txn, std::iter::once(&source), HashMap::new(), now)
        .await?
        .get(&source::name_key(name))
        .copied()
        .ok_or_else(|| StoreError::Corrupt(format!("source {name:?} vanished")))
}
