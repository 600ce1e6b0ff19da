//! ClaimDesk on SQLite and on PostgreSQL against PostGraphile, the generic GraphQL server a
//! newsroom would otherwise put over its PostgreSQL database: the same data, every desk shape,
//! side by side in one run.
//!
//! For each size (100k claims by default), a SQLite database and a PostgreSQL database are
//! filled by `claimdesk demo-data` with the same seed, so they hold the same claims; the
//! PostgreSQL one is given the SQL functions PostGraphile needs for what it lacks (a ranked
//! search, the review percentiles, two sortable computed columns: `postgraphile/extra.sql`).
//! Then, one after the other, the release `claimdesk serve` on SQLite, the same on
//! PostgreSQL, PostGraphile as one process, and PostGraphile with two cluster workers (one
//! per core) each answer every shape of `common::claimdesk_queries` (the desk page of two
//! statuses with `totalCount` and its second page, one status, a reviewer's queue by priority,
//! an article's claims by span, a search among open claims, the bare page, the triage list,
//! the search and the desk counts), sent by 16 clients over keep-alive HTTP as in the
//! `dashboard` benchmark. PostGraphile's queries, in `postgraphile/`, ask for the same claims
//! in the same order and the same counts.
//!
//! The report has one row per size and shape: each server's throughput and p99, SQLite's
//! throughput against PostgreSQL's, and PostgreSQL's against PostGraphile's better one.
//!
//! Run with `cargo bench -p claimdesk-tests --bench postgraphile`, with
//! `CLAIMDESK_TEST_POSTGRES` naming the server and `POSTGRAPHILE_DIR` a folder where
//! `npm install postgraphile@4.14.1 postgraphile-plugin-connection-filter@2.3.0
//! @graphile/pg-aggregates@0.1.1 @graphile-contrib/pg-simplify-inflector@6.1.0` ran (the
//! benchmark writes its `.postgraphilerc.js` there). Pass sizes to run others;
//! `DASHBOARD_SECONDS` sets the measured time per query (10 by default);
//! `POSTGRAPHILE_WORKERS=2` runs only the two-worker PostGraphile (`1,2` by default).

#[allow(dead_code, reason = "each benchmark uses part of the shared harness")]
mod common;

use std::{collections::BTreeMap, path::PathBuf, process::Command, time::Duration};

use chrono::Duration as Days;
use claimdesk_core::{Clock, SystemClock};
use claimdesk_tests::{Backend, TestDatabase, row_number};
use common::{
    CLIENTS, DeskData, Query, Run, Server, WARM_UP, claimdesk_binary, claimdesk_queries, demo_data,
    drive, free_port, ms, post, query,
};
use sea_orm::{ConnectionTrait, Database};
use serde_json::json;

/// The queries that list desk rows, each followed by the fragment of a desk row.
macro_rules! with_desk_claim {
    ($file:literal) => {
        concat!(
            include_str!($file),
            include_str!("postgraphile/desk_claim.graphql")
        )
    };
}

const POSTGRAPHILE_DESK: &str = with_desk_claim!("postgraphile/desk.graphql");
const POSTGRAPHILE_ONE_STATUS: &str = with_desk_claim!("postgraphile/one_status.graphql");
const POSTGRAPHILE_QUEUE: &str = with_desk_claim!("postgraphile/queue.graphql");
const POSTGRAPHILE_ARTICLE: &str = include_str!("postgraphile/article.graphql");
const POSTGRAPHILE_SEARCH_OPEN: &str = include_str!("postgraphile/search_status.graphql");
const POSTGRAPHILE_DASHBOARD: &str = with_desk_claim!("postgraphile/dashboard.graphql");
const POSTGRAPHILE_TRIAGE: &str = include_str!("postgraphile/triage.graphql");
const POSTGRAPHILE_SEARCH: &str = include_str!("postgraphile/search.graphql");
const POSTGRAPHILE_STATS: &str = include_str!("postgraphile/stats.graphql");
const POSTGRAPHILE_EXTRA_SQL: &str = include_str!("postgraphile/extra.sql");
const POSTGRAPHILE_RC: &str = include_str!("postgraphile/postgraphilerc.js");

/// The servers, in the order they run and the report's columns.
const SQLITE: &str = "ClaimDesk, SQLite";
const POSTGRES: &str = "ClaimDesk, PostgreSQL";

#[tokio::main]
async fn main() {
    let postgres = std::env::var("CLAIMDESK_TEST_POSTGRES")
        .expect("CLAIMDESK_TEST_POSTGRES names the PostgreSQL server");
    let postgraphile = PathBuf::from(
        std::env::var("POSTGRAPHILE_DIR").expect("POSTGRAPHILE_DIR names PostGraphile's folder"),
    );
    std::fs::write(postgraphile.join(".postgraphilerc.js"), POSTGRAPHILE_RC)
        .expect("the PostGraphile folder is writable");
    let seconds: u64 = std::env::var("DASHBOARD_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    let workers: Vec<u16> = std::env::var("POSTGRAPHILE_WORKERS")
        .unwrap_or_else(|_| "1,2".into())
        .split(',')
        .map(|workers| {
            workers
                .trim()
                .parse()
                .expect("POSTGRAPHILE_WORKERS lists numbers")
        })
        .collect();
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000]
    } else {
        sizes
    };
    let binary = claimdesk_binary();
    let time = Duration::from_secs(seconds);
    let mut servers: Vec<String> = vec![SQLITE.into(), POSTGRES.into()];
    servers.extend(workers.iter().map(|&workers| postgraphile_label(workers)));
    let mut runs = Runs::new();
    for claims in sizes {
        let sqlite = TestDatabase::create(&Backend::Sqlite).await;
        let loaded = demo_data(&binary, &sqlite.url, claims);
        eprintln!(
            "{claims} claims: SQLite loaded in {:.1} s",
            loaded.as_secs_f64()
        );
        let database = TestDatabase::create(&Backend::Postgres(postgres.clone())).await;
        let loaded = demo_data(&binary, &database.url, claims);
        eprintln!(
            "{claims} claims: PostgreSQL loaded in {:.1} s",
            loaded.as_secs_f64()
        );
        let db = Database::connect(&database.url)
            .await
            .expect("the database");
        db.execute_unprepared(POSTGRAPHILE_EXTRA_SQL)
            .await
            .expect("PostGraphile's functions");
        db.close().await.expect("the connection closes");
        let shapes = runs.entry(claims).or_default();
        let mut record = |label: &str, name: &'static str, run: Run| {
            eprintln!(
                "  {label}, {name}: {:.0} req/s, p50 {}, p99 {}",
                run.per_second,
                ms(run.p50),
                ms(run.p99)
            );
            match shapes.iter_mut().find(|(shape, _)| *shape == name) {
                Some((_, by_server)) => {
                    by_server.insert(label.to_owned(), run);
                }
                None => shapes.push((name, BTreeMap::from([(label.to_owned(), run)]))),
            }
        };
        let mut desk_data = None;
        for (label, url) in [(SQLITE, &sqlite.url), (POSTGRES, &database.url)] {
            let server = Server::claimdesk(&binary, url).await;
            if label == POSTGRES {
                desk_data = Some(DeskData::of(&server.url).await);
            }
            for query in claimdesk_queries(&server.url).await {
                let run = drive(&server.url, &query.body, query.list, time)
                    .await
                    .unwrap_or_else(|error| panic!("{label}, {}: {error}", query.name));
                record(label, query.name, run);
            }
            eprintln!("  {label}: peak RSS {:.0} MB", server.peak_rss_mb());
        }
        let desk_data = desk_data.expect("ClaimDesk on PostgreSQL ran");
        for &workers in &workers {
            let label = postgraphile_label(workers);
            let server = start_postgraphile(&postgraphile, &database.url, workers).await;
            for query in postgraphile_queries(&server.url, &desk_data).await {
                let run = drive(&server.url, &query.body, query.list, time)
                    .await
                    .unwrap_or_else(|error| panic!("{label}, {}: {error}", query.name));
                record(&label, query.name, run);
            }
            eprintln!("  {label}: peak RSS {:.0} MB", server.peak_rss_mb());
        }
    }
    report(&servers, &runs, seconds);
}

/// What was measured: by size, then shape (in the order run), then server.
type Runs = BTreeMap<usize, Vec<(&'static str, BTreeMap<String, Run>)>>;

/// Prints the runs as a markdown table, one row per size and shape, with the ratios.
fn report(servers: &[String], runs: &Runs, seconds: u64) {
    println!(
        "\n{CLIENTS} concurrent clients, {seconds} s per query after a {} s warm-up; req/s and p99\n",
        WARM_UP.as_secs()
    );
    let columns: Vec<String> = servers
        .iter()
        .map(|server| format!(" {server} |"))
        .collect();
    println!(
        "| claims | shape |{} SQLite ÷ PostgreSQL | PostgreSQL ÷ PostGraphile |",
        columns.concat()
    );
    println!(
        "| --- | --- |{} --- | --- |",
        " --- |".repeat(servers.len())
    );
    for (claims, shapes) in runs {
        for (shape, by_server) in shapes {
            let cells: Vec<String> = servers
                .iter()
                .map(|server| match by_server.get(server) {
                    Some(run) => format!(" {:.0}, {} |", run.per_second, ms(run.p99)),
                    None => " |".to_owned(),
                })
                .collect();
            let rate = |server: &str| by_server.get(server).map(|run| run.per_second);
            let best_postgraphile = servers[2..]
                .iter()
                .filter_map(|server| rate(server))
                .fold(None, |best: Option<f64>, rate| {
                    Some(best.map_or(rate, |b| b.max(rate)))
                });
            let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
                _ => String::new(),
            };
            println!(
                "| {claims} | {shape} |{} {} | {} |",
                cells.concat(),
                ratio(rate(SQLITE), rate(POSTGRES)),
                ratio(rate(POSTGRES), best_postgraphile),
            );
        }
    }
}

fn postgraphile_label(workers: u16) -> String {
    if workers == 1 {
        "PostGraphile, 1 process".into()
    } else {
        format!("PostGraphile, {workers} workers")
    }
}

/// The desk's shapes as PostGraphile is asked them, with the rows ClaimDesk's queries name.
async fn postgraphile_queries(url: &str, data: &DeskData) -> Vec<Query> {
    let before = (SystemClock.now() - Days::days(2)).to_rfc3339();
    let today = SystemClock.now().date_naive();
    let closed_since = (today - Days::days(29))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .to_rfc3339();
    let desk = post(url, &json!({ "query": POSTGRAPHILE_DESK })).await;
    let cursor = desk["data"]["claims"]["pageInfo"]["endCursor"].clone();
    assert!(cursor.is_string(), "PostGraphile's desk page: {desk}");
    let assignee = row_number(&data.assignee).to_string();
    let article = row_number(&data.article).to_string();
    let nodes = "/data/claims/nodes";
    vec![
        query("desk page", json!({ "query": POSTGRAPHILE_DESK }), nodes),
        query(
            "desk page 2",
            json!({ "query": POSTGRAPHILE_DESK, "variables": { "after": cursor } }),
            nodes,
        ),
        query(
            "one status",
            json!({ "query": POSTGRAPHILE_ONE_STATUS }),
            nodes,
        ),
        query(
            "reviewer queue",
            json!({ "query": POSTGRAPHILE_QUEUE, "variables": { "assignee": assignee } }),
            nodes,
        ),
        query(
            "article claims",
            json!({ "query": POSTGRAPHILE_ARTICLE, "variables": { "article": article } }),
            nodes,
        ),
        query(
            "search + status",
            json!({ "query": POSTGRAPHILE_SEARCH_OPEN }),
            "/data/searchClaims/nodes",
        ),
        query(
            "bare page",
            json!({ "query": POSTGRAPHILE_DASHBOARD }),
            nodes,
        ),
        query(
            "triage list",
            json!({ "query": POSTGRAPHILE_TRIAGE, "variables": { "before": before } }),
            nodes,
        ),
        query(
            "search \"llama\"",
            json!({ "query": POSTGRAPHILE_SEARCH }),
            "/data/searchClaims/nodes",
        ),
        query(
            "stats",
            json!({
                "query": POSTGRAPHILE_STATS,
                "variables": { "closedSince": closed_since },
            }),
            "/data/byStatus/groupedAggregates",
        ),
    ]
}

/// PostGraphile on `database_url`, with `workers` cluster workers (one process for 1), run
/// the way its documentation recommends for production.
async fn start_postgraphile(folder: &std::path::Path, database_url: &str, workers: u16) -> Server {
    let port = free_port();
    let mut command = Command::new("node");
    command
        .current_dir(folder)
        .env("NODE_ENV", "production")
        .arg("node_modules/postgraphile/cli.js")
        .args([
            "--append-plugins",
            "@graphile-contrib/pg-simplify-inflector,postgraphile-plugin-connection-filter,\
             @graphile/pg-aggregates",
            "--connection",
            database_url,
            "--schema",
            "public",
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--max-pool-size",
            "10",
            "--no-setof-functions-contain-nulls",
            "--no-ignore-rbac",
            "--no-ignore-indexes",
            "--dynamic-json",
            "--disable-graphiql",
            "--disable-query-log",
        ]);
    if workers > 1 {
        command.args(["--cluster-workers", &workers.to_string()]);
    }
    let server = Server::spawn(command, port);
    let url = server.url.clone();
    server
        .wait_until(|client| {
            client
                .post(&url)
                .header("content-type", "application/json")
                .body(r#"{"query":"{ __typename }"}"#)
        })
        .await;
    server
}
