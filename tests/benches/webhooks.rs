//! Webhook delivery: throughput and commit-to-delivery latency, to local receivers that
//! answer at once.
//!
//! Throughput: an instance that does not deliver commits [`BACKLOG`] notes, which queue for
//! one endpoint; then a delivering instance starts on the same database and the benchmark
//! times how long it takes to drain the queue, in events per second.
//!
//! Latency: one delivering instance and [`ENDPOINTS`] endpoints; notes are committed one at a
//! time, [`PACE`] apart, and for every endpoint the time from sending the mutation to the
//! delivery's arrival is recorded. Reports p50, p99 and the maximum.
//!
//! Run with `cargo bench -p claimdesk-tests --bench webhooks`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap};
use claimdesk_tests::{Backend, TestApp, node_strings};
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateWebhookInput!) {
    createWebhook(input: $input) { webhook { id } } }";
const CLAIMS: &str = "{ claims(first: 10) { edges { node { id } } } }";
const NOTE: &str =
    "mutation($id: ID!) { addNote(input: {claimId: $id, body: \"bench\"}) { note { id } } }";
const BACKLOG: usize = 5_000;
const WRITERS: usize = 8;
const ENDPOINTS: usize = 10;
const LATENCY_EVENTS: usize = 300;
const PACE: Duration = Duration::from_millis(10);

/// Arrivals by path, each as (webhook-id, when).
type Arrivals = Arc<Mutex<HashMap<String, Vec<(String, Instant)>>>>;

async fn receiver() -> (String, Arrivals) {
    let arrivals: Arrivals = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new()
        .fallback(axum::routing::post(
            |State(arrivals): State<Arrivals>,
             uri: axum::http::Uri,
             headers: HeaderMap,
             _: Bytes| async move {
                let id = headers
                    .get("webhook-id")
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                arrivals
                    .lock()
                    .unwrap()
                    .entry(uri.path().to_owned())
                    .or_default()
                    .push((id, Instant::now()));
            },
        ))
        .with_state(arrivals.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), arrivals)
}

fn count(arrivals: &Arrivals) -> usize {
    arrivals.lock().unwrap().values().map(Vec::len).sum()
}

async fn note(client: &reqwest::Client, app: &TestApp, claim: &str) {
    let response: Value = client
        .post(app.url("/graphql"))
        .bearer_auth(app.token("editor"))
        .json(&json!({ "query": NOTE, "variables": { "id": claim } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(response.get("errors").is_none(), "{response}");
}

async fn throughput(backend: Backend) -> f64 {
    let (base, arrivals) = receiver().await;
    let writer = TestApp::spawn_with(backend, |config| {
        config.webhooks.no_webhook_delivery = true;
    })
    .await;
    writer
        .as_user("admin")
        .data(
            CREATE,
            json!({ "input": { "url": format!("{base}/one"), "events": ["NOTE_ADDED"] } }),
        )
        .await;
    let claims = node_strings(&writer.data(CLAIMS, json!({})).await["claims"], "id");
    let writer = Arc::new(writer);
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..WRITERS {
        let (writer, claims) = (writer.clone(), claims.clone());
        tasks.spawn(async move {
            let client = reqwest::Client::new();
            // One claim per writer: notes on one claim at once would conflict on its version.
            for _ in (w..BACKLOG).step_by(WRITERS) {
                note(&client, &writer, &claims[w % claims.len()]).await;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let started = Instant::now();
    let deliverer = writer.spawn_another_instance().await;
    while count(&arrivals) < BACKLOG {
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(
            started.elapsed() < Duration::from_mins(5),
            "the queue drains"
        );
    }
    let rate = f64::from(u32::try_from(BACKLOG).unwrap()) / started.elapsed().as_secs_f64();
    deliverer.stop().await;
    rate
}

/// The nearest-rank `percent` percentile of sorted `values`.
fn percentile(values: &[Duration], percent: usize) -> Duration {
    values[(values.len() * percent).div_ceil(100).saturating_sub(1)]
}

async fn latency(backend: Backend) -> (Duration, Duration, Duration) {
    let (base, arrivals) = receiver().await;
    let app = TestApp::spawn(backend).await;
    for endpoint in 0..ENDPOINTS {
        app.as_user("admin")
            .data(CREATE, json!({ "input": { "url": format!("{base}/{endpoint}"), "events": ["NOTE_ADDED"] } }))
            .await;
    }
    let claims = node_strings(&app.data(CLAIMS, json!({})).await["claims"], "id");
    let client = reqwest::Client::new();
    let mut sent = Vec::with_capacity(LATENCY_EVENTS);
    for n in 0..LATENCY_EVENTS {
        let before = count(&arrivals);
        let at = Instant::now();
        note(&client, &app, &claims[n % claims.len()]).await;
        sent.push(at);
        let deadline = Instant::now() + Duration::from_secs(10);
        while count(&arrivals) < before + ENDPOINTS && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        tokio::time::sleep(PACE).await;
    }
    let mut latencies = Vec::new();
    for per_endpoint in arrivals.lock().unwrap().values() {
        for (n, (_, at)) in per_endpoint.iter().enumerate() {
            latencies.push(at.duration_since(sent[n]));
        }
    }
    assert_eq!(
        latencies.len(),
        LATENCY_EVENTS * ENDPOINTS,
        "every event reached every endpoint"
    );
    latencies.sort_unstable();
    app.stop().await;
    (
        percentile(&latencies, 50),
        percentile(&latencies, 99),
        *latencies.last().unwrap(),
    )
}

#[tokio::main]
async fn main() {
    let mut backends = vec![Backend::Sqlite];
    if let Some(postgres) = Backend::postgres() {
        backends.push(postgres);
    }
    for backend in backends {
        let name = format!("{backend:?}");
        let rate = throughput(backend.clone()).await;
        println!("{name}: {BACKLOG} queued deliveries drained at {rate:.0} events/s");
        let (p50, p99, max) = latency(backend).await;
        println!(
            "{name}: commit to delivery at {ENDPOINTS} endpoints: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
}
