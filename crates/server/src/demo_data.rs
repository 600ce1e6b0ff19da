//! `claimdesk demo-data`: fills a database with realistic generated data, the same for the
//! same seed.
//!
//! It generates articles about chips, AI models and tariffs, built from sentence templates,
//! and claims quoting them at exact spans, attributed to a pool of people, organisations,
//! governments and publications; every claim then follows a path through the review workflow,
//! with its history, evidence and notes, over the last 90 days by the store's clock. Users and
//! sources are reused by name or created; articles and claims are appended after whatever the
//! database holds, in batches of a few thousand claims per transaction (two at a time on
//! PostgreSQL), while the next batch is being generated; a run that fails keeps the batches
//! it wrote. Run it while no server is running on the database: the IDs are reserved before
//! the batches are written, and on PostgreSQL the event IDs of batches written side by side
//! do not follow commit order, which live subscribers rely on.

mod cast;
mod random;
mod review;
mod text;
mod timeline;
mod words;

#[cfg(test)]
mod history_tests;

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use chrono::{DateTime, TimeDelta, Utc};
use claimdesk_core::{
    AttributionKind, ClaimStatus, Priority, Role,
    records::{Article, Claim, User},
};
use claimdesk_server::DatabaseConfig;
use claimdesk_store::{
    Backend, NewSource, Store, StoreError,
    demo_data::{DemoArticle, NextIds},
};
use clap::Args;

use self::{
    random::Random,
    review::{Staff, review},
    text::{SourcePool, story},
};

/// How many claims one transaction writes, at least.
const BATCH_CLAIMS: usize = 5_000;
/// How far back the generated articles go.
const HISTORY_DAYS: i64 = 90;

/// What `claimdesk demo-data` generates.
#[derive(Debug, Clone, Args)]
pub struct DemoDataArgs {
    /// The database.
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// How many articles to add.
    #[arg(long, default_value_t = 100)]
    pub articles: usize,
    /// How many claims to add, spread unevenly over the articles.
    #[arg(long, default_value_t = 5_000)]
    pub claims: usize,
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// What a run added.
#[derive(Debug, Default)]
struct Added {
    articles: usize,
    claims: usize,
    evidence: usize,
    notes: usize,
    events: usize,
    by_status: BTreeMap<ClaimStatus, usize>,
}

/// Migrates the database, adds the data `args` asks for and prints what was added.
pub async fn run(args: &DemoDataArgs) -> Result<(), Box<dyn std::error::Error>> {
    if args.claims > 0 && args.articles == 0 {
        return Err("claims need at least one article: pass --articles".into());
    }
    let started = Instant::now();
    let store = Store::connect(&args.database.url).await?;
    store.migrate().await?;
    let staff = staff(&store).await?;
    let people = (args.claims / 1_000).clamp(30, cast::MAX_PEOPLE);
    let sources = cast::sources(people);
    let mut source_ids = Vec::with_capacity(sources.len());
    for source in &sources {
        let input = NewSource {
            name: source.name.clone(),
            kind: source.kind,
            description: Some(source.description.clone()),
        };
        source_ids.push(store.create_source(input).await?.record.id);
    }
    let ensured = (cast::users().len(), source_ids.len());
    let generator = Generator {
        seed: args.seed,
        now: store.now(),
        staff,
        sources,
        source_ids,
        counts: claim_counts(args.seed, args.articles, args.claims),
        ids: store.next_ids().await?,
    };

    // SQLite has one writer; PostgreSQL writes two independent batches at once, each
    // in a backend process of its own.
    let in_flight = match store.backend() {
        Backend::Sqlite => 1,
        Backend::Postgres => 2,
    };
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Vec<DemoArticle>>(in_flight + 1);
    let generating = tokio::task::spawn_blocking(move || generator.generate(&sender));
    let mut loading = tokio::task::JoinSet::new();
    let mut added = Added::default();
    let mut logged = 0;
    while let Some(batch) = batches.recv().await {
        added.count(&batch);
        if loading.len() >= in_flight
            && let Some(loaded) = loading.join_next().await
        {
            loaded??;
        }
        let store = store.clone();
        loading.spawn(async move { store.load_demo_articles(batch).await });
        if added.claims >= logged + 100_000 {
            logged = added.claims;
            tracing::info!(claims = added.claims, elapsed = ?started.elapsed(), "loading");
        }
    }
    while let Some(loaded) = loading.join_next().await {
        loaded??;
    }
    generating.await?;
    store.finish_demo_load().await?;
    store.close().await?;
    print_summary(args, &added, ensured, started.elapsed());
    Ok(())
}

/// Ensures the newsroom's users.
async fn staff(store: &Store) -> Result<Staff, StoreError> {
    let mut staff = Staff {
        ingest: Vec::new(),
        reviewers: Vec::new(),
        editors: Vec::new(),
    };
    for (name, role) in cast::users() {
        let user: User = store.ensure_user(&name, role).await?.record;
        match role {
            Role::Ingest => staff.ingest.push(user),
            Role::Reviewer => staff.reviewers.push(user),
            Role::Editor => staff.editors.push(user),
            Role::Viewer | Role::Admin => {}
        }
    }
    Ok(staff)
}

/// How many claims each article gets: `claims` in all, unevenly.
fn claim_counts(seed: u64, articles: usize, claims: usize) -> Vec<usize> {
    let mut random = Random::new(seed);
    let weights: Vec<f64> = (0..articles).map(|_| 0.2 + 1.6 * random.unit()).collect();
    let total: f64 = weights.iter().sum();
    let mut counts = Vec::with_capacity(articles);
    let (mut sum, mut given) = (0.0, 0);
    for weight in weights {
        sum += weight;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let upto = ((sum / total) * claims as f64).round() as usize;
        let upto = upto.min(claims);
        counts.push(upto - given);
        given = upto;
    }
    if let Some(last) = counts.last_mut() {
        *last += claims - given;
    }
    counts
}

/// Everything needed to generate the articles, one batch at a time.
struct Generator {
    seed: u64,
    now: DateTime<Utc>,
    staff: Staff,
    sources: Vec<cast::Source>,
    source_ids: Vec<i64>,
    counts: Vec<usize>,
    ids: NextIds,
}

impl Generator {
    /// Generates every article and sends them in batches, until the receiver is gone.
    fn generate(mut self, sender: &tokio::sync::mpsc::Sender<Vec<DemoArticle>>) {
        let sources = std::mem::take(&mut self.sources);
        let pool = SourcePool::new(&sources);
        let mut batch = Vec::new();
        let mut in_batch = 0;
        for index in 0..self.counts.len() {
            let article = self.article(&pool, index);
            in_batch += article.claims.len() + 1;
            batch.push(article);
            if in_batch >= BATCH_CLAIMS {
                in_batch = 0;
                if sender.blocking_send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
            }
        }
        if !batch.is_empty() {
            let _ = sender.blocking_send(batch);
        }
    }

    /// The `index`-th article, published at its place in the last 90 days, with its claims.
    fn article(&mut self, pool: &SourcePool, index: usize) -> DemoArticle {
        let mut random = Random::for_item(self.seed, index as u64);
        let count = self.counts[index];
        let story = story(&mut random, pool, count);
        // Articles are spread evenly over the period, in ID order, ending three hours ago.
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let published_at = {
            let span = (HISTORY_DAYS * 86_400 - 3 * 3_600) as f64;
            let place = (index as f64 + random.unit()) / self.counts.len() as f64;
            self.now - TimeDelta::days(HISTORY_DAYS) + TimeDelta::seconds((span * place) as i64)
        };
        let ingested_at = published_at + minutes(random.between(1, 30));
        let id = self.ids.article;
        self.ids.article += 1;
        let slug: String = story
            .title
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let claims = story
            .claims
            .into_iter()
            .enumerate()
            .map(|(n, quoted)| {
                let claim_id = self.ids.claim;
                self.ids.claim += 1;
                let created_at = if random.chance(0.5) {
                    ingested_at
                } else {
                    ingested_at + minutes(random.between(1, 10))
                };
                let detected = random.chance(0.7);
                let claim = Claim {
                    id: claim_id,
                    article_id: id,
                    external_id: Some(format!("c{n}")),
                    text: quoted.text,
                    quote: quoted.quote,
                    span: quoted.span,
                    source_id: quoted.source.map(|s| self.source_ids[s]),
                    attribution: quoted.attribution,
                    status: ClaimStatus::New,
                    priority: random.weighted(&[
                        (Priority::Low, 10),
                        (Priority::Normal, 80),
                        (Priority::High, 10),
                    ]),
                    flag_reason: None,
                    flagged_at: None,
                    assignee_id: None,
                    verdict: None,
                    verdict_summary: None,
                    closed_at: None,
                    closed_by_id: None,
                    version: 1,
                    anchor_lost: false,
                    check_worthiness: detected.then(|| worthiness(&mut random, quoted.attribution)),
                    category: detected.then(|| quoted.category.as_ref().to_owned()),
                    created_at,
                    updated_at: created_at,
                };
                review(&mut random, &self.staff, &mut self.ids, claim, self.now)
            })
            .collect();
        DemoArticle {
            article: Article {
                id,
                url: format!("https://news.demo.example/{id}/{slug}"),
                title: story.title,
                publisher: Some((*random.pick(&words::PUBLISHERS)).to_owned()),
                published_at: Some(published_at),
                body: story.body,
                ingested_at,
                author: Some(story.author),
                revision: 1,
            },
            claims,
        }
    }
}

/// A detector's check-worthiness score, to two decimals; attributed claims score higher.
fn worthiness(random: &mut Random, attribution: AttributionKind) -> f64 {
    let floor = if attribution == AttributionKind::Unattributed {
        0.2
    } else {
        0.4
    };
    ((floor + (0.99 - floor) * random.unit()) * 100.0).round() / 100.0
}

fn minutes(count: usize) -> TimeDelta {
    TimeDelta::minutes(i64::try_from(count).expect("a few minutes"))
}

impl Added {
    fn count(&mut self, batch: &[DemoArticle]) {
        self.articles += batch.len();
        for demo in batch.iter().flat_map(|article| &article.claims) {
            self.claims += 1;
            self.evidence += demo.evidence.len();
            self.notes += demo.notes.len();
            self.events += demo.history.len();
            *self.by_status.entry(demo.claim.status).or_default() += 1;
        }
    }
}

fn print_summary(
    args: &DemoDataArgs,
    added: &Added,
    (users, sources): (usize, usize),
    elapsed: Duration,
) {
    let seconds = elapsed.as_secs_f64();
    println!("demo data, seed {}: added in {seconds:.1} s", args.seed);
    println!("  articles  {:>10}", added.articles);
    #[allow(clippy::cast_precision_loss)]
    let rate = added.claims as f64 / seconds.max(0.001);
    println!("  claims    {:>10}  ({rate:.0} per second)", added.claims);
    println!("  evidence  {:>10}", added.evidence);
    println!("  notes     {:>10}", added.notes);
    println!("  events    {:>10}", added.events);
    let statuses: Vec<String> = added
        .by_status
        .iter()
        .map(|(status, count)| format!("{status} {count}"))
        .collect();
    println!("  statuses  {}", statuses.join(", "));
    println!("  users {users} and sources {sources} ensured by name");
}
