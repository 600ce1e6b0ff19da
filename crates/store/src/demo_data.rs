//! Writing generated demo data in bulk, for `claimdesk demo-data` and the benchmarks.
//!
//! The generator builds articles and claims as domain records, each claim with its evidence,
//! notes and history, numbering articles, claims, evidence and notes itself from
//! [`Store::next_ids`] so that records can link to each other before they exist.
//! [`Store::load_demo_articles`] then writes a batch of them as they are, in one transaction,
//! with multi-row `INSERT`s, and the verdict versions their histories imply. Nothing is validated, re-anchored or checked against the workflow
//! here: the generator must make every record consistent. History events and article
//! revisions are numbered by the database, in the order given, which keeps each claim's
//! events in order. Batches are independent and may be written side by side. On PostgreSQL,
//! [`Store::finish_demo_load`] then moves the identity sequences past the given IDs and
//! refreshes the planner's statistics.
//!
//! Load only while no server writes to the database: the IDs are taken before the batches are
//! written, and the events are not announced to live subscribers.

mod versions;

use claimdesk_core::{
    matching::Fingerprint,
    records::{Article, Claim, ClaimEvent, Evidence, Note},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, Iterable, QuerySelect, sea_query::Expr,
};

use crate::{
    Backend, Store, StoreError,
    entities::{article, article_revision, claim, claim_event, evidence, note},
    matching::key_rows,
};

/// The bind parameters one statement may hold: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 32_000;

/// The first free ID of each table whose rows demo data links to by ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextIds {
    /// The next article ID.
    pub article: i64,
    /// The next claim ID.
    pub claim: i64,
    /// The next evidence ID.
    pub evidence: i64,
    /// The next note ID.
    pub note: i64,
}

/// A generated article with its claims, to be written as it is.
#[derive(Debug, Clone)]
pub struct DemoArticle {
    /// The article, with its ID; it is stored as its first revision too.
    pub article: Article,
    /// Its claims.
    pub claims: Vec<DemoClaim>,
}

/// A generated claim with everything that happened to it.
#[derive(Debug, Clone)]
pub struct DemoClaim {
    /// The claim as it now stands, with its ID.
    pub claim: Claim,
    /// Its evidence, with IDs.
    pub evidence: Vec<Evidence>,
    /// Its notes, with IDs.
    pub notes: Vec<Note>,
    /// Its history, oldest first; the events' IDs are ignored and given by the database.
    pub history: Vec<ClaimEvent>,
}

impl Store {
    /// The first free ID of each table that demo data numbers itself.
    pub async fn next_ids(&self) -> Result<NextIds, StoreError> {
        Ok(NextIds {
            article: next_id::<article::Entity>(&self.db).await?,
            claim: next_id::<claim::Entity>(&self.db).await?,
            evidence: next_id::<evidence::Entity>(&self.db).await?,
            note: next_id::<note::Entity>(&self.db).await?,
        })
    }

    /// Writes a batch of generated articles with their claims, evidence, notes and history, in
    /// one transaction.
    pub async fn load_demo_articles(&self, batch: Vec<DemoArticle>) -> Result<(), StoreError> {
        let mut articles = Vec::with_capacity(batch.len());
        let mut revisions = Vec::with_capacity(batch.len());
        let mut claims = Vec::new();
        let mut evidence = Vec::new();
        let mut notes = Vec::new();
        let mut events = Vec::new();
        let mut verdicts = Vec::new();
        let mut keys = Vec::new();
        for demo in batch {
            revisions.push(revision_row(&demo.article));
            articles.push(article_row(demo.article).into_active_model());
            for demo in demo.claims {
                let print = Fingerprint::new(&demo.claim.text);
                let values = print.match_keys().into_iter().map(|key| key.value);
                keys.extend(key_rows([(demo.claim.id, values)]));
                claims.push(claim::Model::try_from(demo.claim)?.into_active_model());
                evidence.extend(demo.evidence.into_iter().map(evidence_row));
                notes.extend(demo.notes.into_iter().map(note_row));
                verdicts.extend(versions::versions(&demo.history));
                events.extend(demo.history.into_iter().map(event_row));
            }
        }
        let txn = self.begin_write().await?;
        insert_all(&txn, articles).await?;
        insert_all(&txn, revisions).await?;
        insert_all(&txn, claims).await?;
        insert_all(&txn, keys).await?;
        insert_all(&txn, evidence).await?;
        insert_all(&txn, notes).await?;
        insert_all(&txn, events).await?;
        insert_all(&txn, verdicts).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Ends a load: refreshes the planner's statistics and, on PostgreSQL, moves the ID
    /// sequences of the tables demo data numbers past their largest ID, so that later inserts
    /// do not collide, folds the load's tally changes, and vacuums the new rows, so that the
    /// desk counts can read their covering indexes alone (autovacuum would, but only later).
    pub async fn finish_demo_load(&self) -> Result<(), StoreError> {
        if self.backend() != Backend::Postgres {
            return self.refresh_statistics().await;
        }
        for table in ["articles", "claims", "evidence", "notes"] {
            self.db
                .execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) \
                     FROM {table} HAVING MAX(id) IS NOT NULL"
                ))
                .await?;
        }
        self.fold_claim_tallies().await?;
        self.db.execute_unprepared("VACUUM ANALYZE").await?;
        Ok(())
    }
}

/// One past the largest ID of `E`'s table.
async fn next_id<E: EntityTrait>(db: &impl ConnectionTrait) -> Result<i64, StoreError> {
    let largest: Option<Option<i64>> = E::find()
        .select_only()
        .expr(Expr::cust("MAX(id)"))
        .into_tuple()
        .one(db)
        .await?;
    Ok(largest.flatten().unwrap_or(0) + 1)
}

/// Inserts `rows` in as few statements as the parameter limit allows.
async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<(), StoreError>
where
    A: ActiveModelTrait + Send,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    let per_statement = MAX_PARAMETERS / columns;
    let mut rows = rows.into_iter();
    loop {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
}

fn article_row(article: Article) -> article::Model {
    article::Model {
        id: article.id,
        url: article.url,
        title: article.title,
        publisher: article.publisher,
        published_at: article.published_at,
        body: article.body,
        ingested_at: article.ingested_at,
        author: article.author,
        revision: article.revision,
    }
}

fn revision_row(article: &Article) -> article_revision::ActiveModel {
    let mut row = article_revision::Model {
        id: 0,
        article_id: article.id,
        revision: article.revision,
        body: article.body.clone(),
        created_at: article.ingested_at,
    }
    .into_active_model();
    row.id = NotSet;
    row
}

fn evidence_row(evidence: Evidence) -> evidence::ActiveModel {
    evidence::Model {
        id: evidence.id,
        claim_id: evidence.claim_id,
        url: evidence.url,
        title: evidence.title,
        publisher: evidence.publisher,
        excerpt: evidence.excerpt,
        stance: evidence.stance.as_ref().to_owned(),
        published_at: evidence.published_at,
        added_by_id: evidence.added_by_id,
        created_at: evidence.created_at,
    }
    .into_active_model()
}

fn note_row(note: Note) -> note::ActiveModel {
    note::Model {
        id: note.id,
        claim_id: note.claim_id,
        author_id: note.author_id,
        body: note.body,
        created_at: note.created_at,
    }
    .into_active_model()
}

fn event_row(event: ClaimEvent) -> claim_event::ActiveModel {
    let mut row = claim_event::Model {
        id: 0,
        claim_id: event.claim_id,
        kind: event.kind.as_ref().to_owned(),
        actor_id: event.actor_id,
        at: event.at,
        from_status: event.from_status.map(|status| status.as_ref().to_owned()),
        to_status: event.to_status.map(|status| status.as_ref().to_owned()),
        detail: event.detail,
    }
    .into_active_model();
    row.id = NotSet;
    row
}
