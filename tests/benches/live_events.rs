//! Live-event delivery: latency and throughput of subscriptions.
//!
//! For each setup (SQLite with one instance; PostgreSQL with one instance, and across two
//! instances on one database when `CLAIMDESK_TEST_POSTGRES` names a server), and for 1, 100
//! and 1,000 subscribers on instance A, the benchmark commits notes one at a time through
//! instance B (A itself when there is one instance) and measures, for every subscriber, the
//! time from the mutation's HTTP response to the event's arrival over graphql-transport-ws.
//! Then, with 100 subscribers, 8 writers commit notes as fast as they can for a few seconds,
//! and it reports the sustained events per second that reached every subscriber. Every run
//! checks that each subscriber received every event, exactly once.
//!
//! Run with `cargo bench -p claimdesk-tests --bench live_events`.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use claimdesk_tests::{Backend, Subscriber, TestApp};
use serde_json::{Value, json};
use tokio::sync::mpsc;

const SUBSCRIPTION: &str = "subscription { claimEvents { id kind } }";
const NOTE: &str = "mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }";
const EVENTS_PER_RUN: usize = 200;
const THROUGHPUT_WRITERS: usize = 8;
const THROUGHPUT_TIME: Duration = Duration::from_secs(5);

#[tokio::main]
async fn main() {
    let mut setups = vec![("SQLite, one instance", Backend::Sqlite, false)];
    if let Some(postgres) = Backend::configured()
        .into_iter()
        .find(|b| matches!(b, Backend::Postgres(_)))
    {
        setups.push(("PostgreSQL, one instance", postgres.clone(), false));
        setups.push(("PostgreSQL, across two instances", postgres, true));
    } else {
        println!("(set CLAIMDESK_TEST_POSTGRES to measure PostgreSQL and two instances)");
    }
    println!("| setup | subscribers | p50 | p99 | max | events lost |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut throughputs = Vec::new();
    for (label, backend, two) in setups {
        let a = TestApp::spawn(backend).await;
        let b = if two {
            Some(a.spawn_another_instance().await)
        } else {
            None
        };
        let writer = b.as_ref().unwrap_or(&a);
        let claims = claim_ids(writer).await;
        for subscribers in [1, 100, 1_000] {
            let latency = latency_run(&a, writer, &claims, subscribers).await;
            println!(
                "| {label} | {subscribers} | {} | {} | {} | {} |",
                ms(latency.p50),
                ms(latency.p99),
                ms(latency.max),
                latency.lost
            );
        }
        throughputs.push((label, throughput_run(&a, writer, &claims, 100).await));
    }
    println!();
    println!(
        "| setup | subscribers | events committed | events/s reaching every subscriber | events lost |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for (label, run) in throughputs {
        println!(
            "| {label} | 100 | {} | {:.0} | {} |",
            run.committed, run.per_second, run.lost
        );
    }
}

async fn claim_ids(app: &TestApp) -> Vec<String> {
    let data = app
        .data(
            "{ claims(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    data["claims"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Connects `count` subscribers to `app`; each sends the arrival time of every event.
async fn subscribe(app: &TestApp, count: usize) -> mpsc::UnboundedReceiver<(usize, Instant)> {
    let (sender, receiver) = mpsc::unbounded_channel();
    let bearer = format!("Bearer {}", app.token("viewer"));
    for index in 0..count {
        let mut subscriber = Subscriber::connect(&app.ws_url(), Some(&bearer))
            .await
            .expect("connected");
        subscriber.subscribe("1", SUBSCRIPTION, json!({})).await;
        let sender = sender.clone();
        tokio::spawn(async move {
            while let Some(payload) = subscriber.next(Duration::from_secs(30)).await {
                assert!(
                    payload["data"]["claimEvents"]["id"].is_string(),
                    "{payload}"
                );
                if sender.send((index, Instant::now())).is_err() {
                    return;
                }
            }
        });
    }
    // Let every subscription reach the server's fan-out before anything is committed.
    tokio::time::sleep(Duration::from_millis(300)).await;
    receiver
}

struct Latency {
    p50: Duration,
    p99: Duration,
    max: Duration,
    lost: usize,
}

async fn latency_run(
    a: &TestApp,
    writer: &TestApp,
    claims: &[String],
    subscribers: usize,
) -> Latency {
    let mut arrivals = subscribe(a, subscribers).await;
    let editor = writer.as_user("editor");
    let mut samples = Vec::with_capacity(EVENTS_PER_RUN * subscribers);
    let mut lost = 0;
    for n in 0..EVENTS_PER_RUN {
        let input = json!({ "claimId": claims[n % claims.len()], "body": format!("latency {n}") });
        let response = editor.data(NOTE, json!({ "input": input })).await;
        let answered = Instant::now();
        assert!(response["addNote"]["note"]["id"].is_string());
        let mut seen = vec![false; subscribers];
        let mut received = 0;
        while received < subscribers {
            let Ok(Some((index, at))) =
                tokio::time::timeout(Duration::from_secs(5), arrivals.recv()).await
            else {
                lost += subscribers - received;
                break;
            };
            assert!(!seen[index], "subscriber {index} got event {n} twice");
            seen[index] = true;
            received += 1;
            samples.push(at.saturating_duration_since(answered));
        }
    }
    samples.sort();
    let at = |per_mille: usize| samples[(samples.len() - 1) * per_mille / 1000];
    Latency {
        p50: at(500),
        p99: at(990),
        max: samples[samples.len() - 1],
        lost,
    }
}

struct Throughput {
    committed: u64,
    per_second: f64,
    lost: u64,
}

async fn throughput_run(
    a: &TestApp,
    writer: &TestApp,
    claims: &[String],
    subscribers: usize,
) -> Throughput {
    let mut arrivals = subscribe(a, subscribers).await;
    let committed = Arc::new(AtomicU64::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let started = Instant::now();
    let mut writers = Vec::new();
    for w in 0..THROUGHPUT_WRITERS {
        let editor_token = writer.token("editor").to_owned();
        let url = writer.url("/graphql");
        let claim = claims[w % claims.len()].clone();
        let (committed, running) = (committed.clone(), running.clone());
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                n += 1;
                let body = json!({ "query": NOTE, "variables": { "input": { "claimId": claim, "body": format!("w{w} {n}") } } });
                let response: Value = client.post(&url).bearer_auth(&editor_token).json(&body).send().await.unwrap().json().await.unwrap();
                assert!(response.get("errors").is_none(), "{response}");
                committed.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    tokio::time::sleep(THROUGHPUT_TIME).await;
    running.store(false, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    let committed = committed.load(Ordering::Relaxed);
    let expected = committed * subscribers as u64;
    let mut received = 0u64;
    let mut last_arrival = started;
    while received < expected {
        match tokio::time::timeout(Duration::from_secs(10), arrivals.recv()).await {
            Ok(Some((_, at))) => {
                received += 1;
                last_arrival = at;
            }
            _ => break,
        }
    }
    let elapsed = last_arrival.duration_since(started).as_secs_f64();
    let per_second = f64::from(u32::try_from(committed).unwrap_or(u32::MAX)) / elapsed;
    Throughput {
        committed,
        per_second,
        lost: expected - received,
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
