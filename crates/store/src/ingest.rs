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

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

mod detected;
mod identity;
mod new_claims;
mod request;
pub(crate) mod revision;
pub(crate) mod sources;
mod validation;

pub use self::request::{
    IngestArticle, IngestClaim, IngestOutcome, Ingested, ItemError, MAX_CLAIMS_PER_ARTICLE,
};
use self::{
    detected::add_detected_claims,
    identity::{recorded_claims, unrecorded},
    new_claims::{append_created_events, create_claims},
    revision::{insert_article, revise},
    sources::recorded_sources,
    validation::{anchored_spans, check_article},
};
use crate::{Store, StoreError, connection::on_postgres, entities::article};

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
        let texts: Vec<&str> = input
            .claims
            .iter()
            .map(|claim| claim.text.as_str())
            .collect();
        let lookup = self.look_up_matches(&texts).await?;
        let named = input
            .claims
            .iter()
            .filter_map(|claim| claim.source.as_ref());
        let sources = recorded_sources(&self.reads, named).await?;

        let txn = self.begin_write().await?;
        lock_url(&txn, &url).await?;
        let now = self.clock.now();
        let inserted = insert_article(&txn, input.new_row(&url), now).await?;
        let (article, outcome, reanchored, anchors_lost) = if let Some(row) = inserted {
            (row, IngestOutcome::Created, 0, 0)
        } else {
            let row = article::Entity::find()
                .filter(article::Column::Url.eq(url.as_str()))
                .one(&txn)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("article {url} vanished")))?;
            if row.body == input.body {
                (row, IngestOutcome::Unchanged, 0, 0)
            } else {
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
        let created = create_claims(&txn, article.id, &fresh, sources, now).await?;
        // Matching (crate::matching) records the new claims' matches before the commit; the
        // events come last, since on PostgreSQL they hold the lock that orders events.
        let candidates = self.record_matches(&txn, &created, &lookup).await?;
        append_created_events(&txn, &created, actor_id, now).await?;
        self.commit(txn).await?;
        self.remember_candidates(candidates);
        Ok(Ingested {
            outcome,
            article: article.into(),
            created,
            reanchored,
            anchors_lost,
        })
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
