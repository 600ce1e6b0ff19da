//! Ingestion throughput over HTTP: articles of 10 claims each, sent by 8 concurrent clients
//! through `ingestArticle`, on SQLite and (when `CLAIMDESK_TEST_POSTGRES` names a server) on
//! PostgreSQL. Every article is new, with its own sources drawn from a shared pool, so each
//! request creates an article, its revision, its claims and their events in one transaction.
//!
//! Run with `cargo bench -p claimdesk-tests --bench ingest` (add `-- ARTICLES` to change the
//! number of articles per backend, 2,000 by default).

#[allow(dead_code, reason = "each benchmark uses part of the shared harness")]
mod common;

use std::time::Duration;

use claimdesk_tests::{Backend, TestApp};
use common::{send_numbered, size_argument, spending_sentences};
use serde_json::{Value, json};

const CLIENTS: usize = 8;
const CLAIMS_PER_ARTICLE: usize = 10;
const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { outcome claims { id } } }";

#[tokio::main]
async fn main() {
    let articles: usize = size_argument(2_000);
    println!("| backend | articles | claims | seconds | claims/s | articles/s | p50 | p99 |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for backend in Backend::configured() {
        let label = match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        };
        let app = TestApp::spawn(backend).await;
        let run = ingest_all(&app, articles).await;
        println!(
            "| {label} | {articles} | {} | {:.2} | {:.0} | {:.0} | {:.1} ms | {:.1} ms |",
            articles * CLAIMS_PER_ARTICLE,
            run.elapsed.as_secs_f64(),
            f64::from(u32::try_from(articles * CLAIMS_PER_ARTICLE).unwrap())
                / run.elapsed.as_secs_f64(),
            f64::from(u32::try_from(articles).unwrap()) / run.elapsed.as_secs_f64(),
            run.p50.as_secs_f64() * 1000.0,
            run.p99.as_secs_f64() * 1000.0,
        );
    }
}

struct Run {
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
}

/// An article with `CLAIMS_PER_ARTICLE` claims, each quoting one sentence of the body.
fn article(n: usize) -> Value {
    let sentences = spending_sentences(n, CLAIMS_PER_ARTICLE);
    let body = sentences.join(" ");
    let mut offset = 0;
    let claims: Vec<Value> = sentences
        .iter()
        .enumerate()
        .map(|(s, sentence)| {
            let length = sentence.chars().count();
            let claim = json!({
                "externalId": format!("c{s}"),
                "text": sentence,
                "quote": sentence,
                "span": { "start": offset, "end": offset + length },
                "source": { "name": format!("Official {} of agency {s}", n % 97), "kind": "PERSON" },
                "attribution": "REPORTED",
            });
            offset += length + 1;
            claim
        })
        .collect();
    json!({
        "url": format!("https://bench.example/articles/{n}"),
        "title": format!("Spending report {n}"),
        "publisher": "Bench News",
        "body": body,
        "claims": claims,
    })
}

async fn ingest_all(app: &TestApp, articles: usize) -> Run {
    let (elapsed, latencies) = send_numbered(
        &app.url("/graphql"),
        Some(app.token("ingest")),
        CLIENTS,
        articles,
        |n| json!({ "query": INGEST, "variables": { "input": article(n) } }),
        |response| {
            let payload = &response["data"]["ingestArticle"];
            assert_eq!(payload["outcome"], "CREATED", "{response}");
            assert_eq!(
                payload["claims"].as_array().unwrap().len(),
                CLAIMS_PER_ARTICLE
            );
        },
    )
    .await;
    let at = |per_mille: usize| latencies[(latencies.len() - 1) * per_mille / 1000];
    Run {
        elapsed,
        p50: at(500),
        p99: at(990),
    }
}
