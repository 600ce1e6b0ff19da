//! What authentication costs on a simple query.
//!
//! One server, on a fresh seeded SQLite database, runs with `--dev-open`, so that the same
//! query can be sent both without a token (no lookup) and with a bearer token (the token is
//! looked up and checked on every request). The two kinds of request are interleaved, one at a
//! time over keep-alive HTTP, so that both see the same machine state; the report gives their
//! latencies and the ratio of the medians.
//!
//! Run with `cargo bench -p claimdesk-tests --bench auth_cost` (add `-- REQUESTS` to change
//! the number of requests of each kind, 5,000 by default).

#[allow(dead_code, reason = "each benchmark uses part of the shared harness")]
mod common;

use std::time::{Duration, Instant};

use claimdesk_tests::{Backend, TestApp};
use common::size_argument;
use serde_json::json;

const QUERY: &str = "{ viewer { name role } }";

#[tokio::main]
async fn main() {
    let requests: usize = size_argument(5_000);
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.dev_open = true).await;
    let body = serde_json::to_vec(&json!({ "query": QUERY })).unwrap();
    let token = app.token("reviewer").to_owned();
    let client = reqwest::Client::new();
    let url = app.url("/graphql");

    let send = |with_token: bool| {
        let mut request = client
            .post(&url)
            .header("content-type", "application/json")
            .body(body.clone());
        if with_token {
            request = request.bearer_auth(&token);
        }
        async move {
            let started = Instant::now();
            let response = request.send().await.expect("the server answers");
            assert_eq!(response.status(), 200);
            response.bytes().await.expect("a body");
            started.elapsed()
        }
    };

    for _ in 0..500 {
        send(false).await;
        send(true).await;
    }
    let (mut open, mut authenticated) =
        (Vec::with_capacity(requests), Vec::with_capacity(requests));
    for _ in 0..requests {
        open.push(send(false).await);
        authenticated.push(send(true).await);
    }
    let open = Summary::of(&mut open);
    let authenticated = Summary::of(&mut authenticated);
    println!("auth cost on `{QUERY}`, {requests} requests each, one at a time, SQLite");
    println!("{:<22} {:>10} {:>10} {:>10}", "", "p50", "p99", "mean");
    open.print("--dev-open, no token");
    authenticated.print("bearer token");
    println!(
        "ratio (token / no token): p50 {:.2}x, mean {:.2}x",
        authenticated.p50.as_secs_f64() / open.p50.as_secs_f64(),
        authenticated.mean.as_secs_f64() / open.mean.as_secs_f64()
    );
}

struct Summary {
    p50: Duration,
    p99: Duration,
    mean: Duration,
}

impl Summary {
    fn of(samples: &mut [Duration]) -> Self {
        samples.sort();
        // The sample `per_mille` thousandths of the way through the sorted samples.
        let at = |per_mille: usize| samples[(samples.len() - 1) * per_mille / 1000];
        let total: Duration = samples.iter().sum();
        let count = u32::try_from(samples.len()).expect("fewer than 4 billion samples");
        Self {
            p50: at(500),
            p99: at(990),
            mean: total / count,
        }
    }

    fn print(&self, label: &str) {
        let micros = |d: Duration| format!("{:.0} µs", d.as_secs_f64() * 1e6);
        println!(
            "{label:<22} {:>10} {:>10} {:>10}",
            micros(self.p50),
            micros(self.p99),
            micros(self.mean)
        );
    }
}
