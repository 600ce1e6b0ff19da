//! Claim matching at scale, over HTTP against the real release server.
//!
//! For each size (100k claims by default; `MATCHING_SIZES=1000000` for 1M) and backend
//! (SQLite, and PostgreSQL when `CLAIMDESK_TEST_POSTGRES` names a server), a fresh database is
//! filled by `claimdesk demo-data` and served by `claimdesk serve --dev-open`. Then:
//! - `matchClaim` with the text of a stored claim (which matches at least itself), sent by 16
//!   concurrent clients for `MATCHING_SECONDS` (10 by default): throughput, p50 and p99;
//! - ingestion with matching: 8 clients send 500 new articles of 10 claims through
//!   `ingestArticle`, each claim matched against the loaded claims in its request.
//!
//! Run with `cargo bench -p claimdesk-tests --bench matching` (`-- sqlite` or `-- postgres`
//! for one backend).

#[allow(dead_code, reason = "each benchmark uses part of the shared harness")]
mod common;

use std::time::Duration;

use claimdesk_tests::Backend;
use common::{Server, claimdesk_binary, drive, ms, post, send_numbered, spending_sentences};
use serde_json::{Value, json};

const INGEST_CLIENTS: usize = 8;
const ARTICLES: usize = 500;
const CLAIMS_PER_ARTICLE: usize = 10;
const MATCH: &str =
    "query($text: String!) { matchClaim(text: $text) { score state claim { id } } }";
const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { claims { id matches { score } } } }";

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = std::env::var("MATCHING_SIZES").ok().map_or_else(
        || vec![100_000],
        |sizes| {
            sizes
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect()
        },
    );
    let seconds: u64 = std::env::var("MATCHING_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    let only: Option<String> = std::env::args()
        .skip(1)
        .find(|a| a == "sqlite" || a == "postgres");
    let binary = claimdesk_binary();
    println!("| backend | claims | matchClaim req/s | p50 | p99 | ingest claims/s | ingest p99 |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for backend in Backend::configured() {
        let (label, name) = match backend {
            Backend::Sqlite => ("SQLite", "sqlite"),
            Backend::Postgres(_) => ("PostgreSQL", "postgres"),
        };
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        for &claims in &sizes {
            let (_database, server, _) =
                Server::on_demo_data(&binary, &backend, claims, label).await;
            let text = stored_text(&server.url).await;
            let body = json!({ "query": MATCH, "variables": { "text": text } });
            let matched = drive(
                &server.url,
                &body,
                "/data/matchClaim",
                Duration::from_secs(seconds),
            )
            .await
            .expect("matchClaim answers");
            let (rate, p99) = ingest(&server.url).await;
            println!(
                "| {label} | {claims} | {:.0} | {} | {} | {rate:.0} | {} |",
                matched.per_second,
                ms(matched.p50),
                ms(matched.p99),
                ms(p99)
            );
        }
    }
}

/// The text of a claim in the middle of the database.
async fn stored_text(url: &str) -> String {
    let body = json!({ "query": "{ claims(first: 1, after: null, filter: { search: \"said\" }) { edges { node { text } } } }" });
    let answer = post(url, &body).await;
    answer["data"]["claims"]["edges"][0]["node"]["text"]
        .as_str()
        .unwrap_or("The budget rose 12 percent to $4.2 billion in 2024, officials said.")
        .to_owned()
}

/// An article of `CLAIMS_PER_ARTICLE` claims, each quoting one sentence of the body.
fn article(n: usize) -> Value {
    let sentences = spending_sentences(n, CLAIMS_PER_ARTICLE);
    let claims: Vec<Value> = sentences
        .iter()
        .map(|sentence| json!({ "text": sentence, "quote": sentence }))
        .collect();
    json!({
        "url": format!("https://bench.example/matching/{n}"),
        "title": format!("Spending report {n}"),
        "body": sentences.join(" "),
        "claims": claims,
    })
}

/// Claims per second and the p99 of `ARTICLES` ingests with matching.
async fn ingest(url: &str) -> (f64, Duration) {
    let (elapsed, latencies) = send_numbered(
        url,
        None,
        INGEST_CLIENTS,
        ARTICLES,
        |n| json!({ "query": INGEST, "variables": { "input": article(n) } }),
        |response| {
            let claims = &response["data"]["ingestArticle"]["claims"];
            assert_eq!(
                claims.as_array().map(Vec::len),
                Some(CLAIMS_PER_ARTICLE),
                "{response}"
            );
        },
    )
    .await;
    let p99 = latencies[(latencies.len() - 1) * 99 / 100];
    #[allow(clippy::cast_precision_loss)]
    let rate = (ARTICLES * CLAIMS_PER_ARTICLE) as f64 / elapsed.as_secs_f64();
    (rate, p99)
}
