//! ClaimDesk against PostGraphile, the generic GraphQL server a newsroom would otherwise put
//! over its PostgreSQL database, on the same data and the same four desk queries.
//!
//! For each size (100k claims by default), a fresh PostgreSQL database is filled by
//! `claimdesk demo-data` and given the two SQL functions PostGraphile needs for what it lacks
//! (a ranked search and the review percentiles, `postgraphile/extra.sql`). Then, one after the
//! other on that database, the release `claimdesk serve`, PostGraphile as one process, and
//! PostGraphile with two cluster workers (one per core, like ClaimDesk's two threads) each
//! answer the dashboard page, the triage list, the search and the desk counts, sent by 16
//! clients over keep-alive HTTP as in the `dashboard` benchmark. PostGraphile's queries, in
//! `postgraphile/`, were checked to return the same claims in the same order and the same
//! counts as ClaimDesk's.
//!
//! Run with `cargo bench -p claimdesk-tests --bench postgraphile`, with
//! `CLAIMDESK_TEST_POSTGRES` naming the server and `POSTGRAPHILE_DIR` a folder where
//! `npm install postgraphile@4.14.1 postgraphile-plugin-connection-filter@2.3.0
//! @graphile/pg-aggregates@0.1.1 @graphile-contrib/pg-simplify-inflector@6.1.0` ran (the
//! benchmark writes its `.postgraphilerc.js` there). Pass sizes to run others;
//! `DASHBOARD_SECONDS` sets the measured time per query (10 by default).

mod common;

use std::{path::PathBuf, process::Command, time::Duration};

use chrono::Duration as Days;
use claimdesk_core::{Clock, SystemClock};
use claimdesk_tests::{Backend, TestDatabase};
use common::{
    CLIENTS, DASHBOARD, SEARCH, STATS, Server, TRIAGE, WARM_UP, claimdesk_binary, demo_data, drive,
    free_port, ms,
};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const POSTGRAPHILE_DASHBOARD: &str = include_str!("postgraphile/dashboard.graphql");
const POSTGRAPHILE_TRIAGE: &str = include_str!("postgraphile/triage.graphql");
const POSTGRAPHILE_SEARCH: &str = include_str!("postgraphile/search.graphql");
const POSTGRAPHILE_STATS: &str = include_str!("postgraphile/stats.graphql");
const POSTGRAPHILE_EXTRA_SQL: &str = include_str!("postgraphile/extra.sql");
const POSTGRAPHILE_RC: &str = include_str!("postgraphile/postgraphilerc.js");

/// One query as one server is asked it: its name, body, and where its answer's list is.
struct Query {
    name: &'static str,
    body: Value,
    list: &'static str,
}

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
    let mut rows = Vec::new();
    for claims in sizes {
        let database = TestDatabase::create(&Backend::Postgres(postgres.clone())).await;
        let loaded = demo_data(&binary, &database.url, claims);
        eprintln!("{claims} claims: loaded in {:.1} s", loaded.as_secs_f64());
        let db = Database::connect(&database.url)
            .await
            .expect("the database");
        db.execute_unprepared(POSTGRAPHILE_EXTRA_SQL)
            .await
            .expect("PostGraphile's functions");
        db.close().await.expect("the connection closes");
        let servers: [(&str, Option<u16>); 3] = [
            ("ClaimDesk", None),
            ("PostGraphile, 1 process", Some(1)),
            ("PostGraphile, 2 workers", Some(2)),
        ];
        for (label, workers) in servers {
            let (server, queries) = match workers {
                None => (
                    Server::claimdesk(&binary, &database.url).await,
                    claimdesk_queries(),
                ),
                Some(workers) => (
                    start_postgraphile(&postgraphile, &database.url, workers).await,
                    postgraphile_queries(),
                ),
            };
            for query in queries {
                let time = Duration::from_secs(seconds);
                let run = drive(&server.url, &query.body, query.list, time)
                    .await
                    .unwrap_or_else(|error| panic!("{label}, {}: {error}", query.name));
                eprintln!(
                    "  {label}, {}: {:.0} req/s, p99 {}",
                    query.name,
                    run.per_second,
                    ms(run.p99)
                );
                rows.push(format!(
                    "| {claims} | {} | {label} | {:.0} | {} | {} | {:.0} MB |",
                    query.name,
                    run.per_second,
                    ms(run.p50),
                    ms(run.p99),
                    server.peak_rss_mb(),
                ));
            }
        }
    }
    println!(
        "\n{CLIENTS} concurrent clients, {seconds} s per query after a {} s warm-up\n",
        WARM_UP.as_secs()
    );
    println!("| claims | query | server | req/s | p50 | p99 | server peak RSS so far |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for row in rows {
        println!("{row}");
    }
}

/// The desk's queries as ClaimDesk is asked them, in the `dashboard` benchmark.
fn claimdesk_queries() -> Vec<Query> {
    let before = (SystemClock.now() - Days::days(2)).to_rfc3339();
    vec![
        Query {
            name: "dashboard page",
            body: json!({ "query": DASHBOARD }),
            list: "/data/claims/edges",
        },
        Query {
            name: "triage list",
            body: json!({ "query": TRIAGE, "variables": { "before": before } }),
            list: "/data/claims/edges",
        },
        Query {
            name: "search \"llama\"",
            body: json!({ "query": SEARCH }),
            list: "/data/claims/edges",
        },
        Query {
            name: "stats",
            body: json!({ "query": STATS }),
            list: "/data/stats/byStatus",
        },
    ]
}

/// The same queries as PostGraphile is asked them.
fn postgraphile_queries() -> Vec<Query> {
    let before = (SystemClock.now() - Days::days(2)).to_rfc3339();
    let today = SystemClock.now().date_naive();
    let closed_since = (today - Days::days(29))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .to_rfc3339();
    vec![
        Query {
            name: "dashboard page",
            body: json!({ "query": POSTGRAPHILE_DASHBOARD }),
            list: "/data/claims/nodes",
        },
        Query {
            name: "triage list",
            body: json!({ "query": POSTGRAPHILE_TRIAGE, "variables": { "before": before } }),
            list: "/data/claims/nodes",
        },
        Query {
            name: "search \"llama\"",
            body: json!({ "query": POSTGRAPHILE_SEARCH }),
            list: "/data/searchClaims/nodes",
        },
        Query {
            name: "stats",
            body: json!({
                "query": POSTGRAPHILE_STATS,
                "variables": { "closedSince": closed_since },
            }),
            list: "/data/byStatus/groupedAggregates",
        },
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
