//! Webhook delivery under faults: the real `claimdesk` binary killed with SIGKILL in the
//! middle of a burst of events and started again, and two instances delivering from one
//! PostgreSQL database.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use claimdesk_core::EventKind;
use claimdesk_store::{EventFilter, Store};
use claimdesk_tests::{Backend, ChildServer, Receiver, TEST_RETRY_SCHEDULE, TestApp, node_strings};
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateWebhookInput!) {
    createWebhook(input: $input) { webhook { id } secret } }";
const CLAIMS: &str = "{ claims(first: 5) { edges { node { id } } } }";
const NOTE: &str = "mutation($id: ID!, $body: String!) {
    addNote(input: {claimId: $id, body: $body}) { note { id } } }";
const BURST: usize = 200;

/// Starts the `claimdesk` binary on `database_url`, delivering webhooks to local receivers on
/// the tests' retry schedule, with its debug log appended to `log`.
async fn start_child(database_url: &str, log: &std::path::Path) -> ChildServer {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("a log file");
    ChildServer::start(env!("CARGO_BIN_EXE_claimdesk"), database_url, |command| {
        command
            .args([
                "--webhook-allow-private",
                "--webhook-retry-schedule",
                TEST_RETRY_SCHEDULE,
            ])
            .env(
                "RUST_LOG",
                "debug,sqlx=warn,sea_orm=warn,hyper=info,reqwest=info",
            )
            .stderr(log);
    })
    .await
}

/// Sends `query` to `address` with `token`; `None` when the server does not answer.
async fn send(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> Option<Value> {
    let response = client
        .post(format!("http://{address}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    response.json().await.ok()
}

/// The IDs of the `NOTE_ADDED` events committed after `after`.
async fn committed_notes(url: &str, after: i64) -> Vec<i64> {
    let store = Store::connect(url).await.expect("the database opens");
    let filter = EventFilter {
        kinds: vec![EventKind::NoteAdded],
        ..EventFilter::default()
    };
    let events = store
        .events_after(after, &filter, 100_000)
        .await
        .expect("the events read");
    store.close().await.expect("closed");
    events.into_iter().map(|live| live.event.id).collect()
}

/// Sends [`BURST`] notes through `child` from 4 writers, and kills it with SIGKILL once half
/// of them are answered; returns how many were answered.
async fn burst_then_kill(child: ChildServer, token: &str, claims: &[String]) -> usize {
    let answered = Arc::new(AtomicUsize::new(0));
    let mut senders = tokio::task::JoinSet::new();
    for worker in 0..4 {
        let (address, token, claims, answered) = (
            child.address.clone(),
            token.to_owned(),
            claims.to_vec(),
            answered.clone(),
        );
        senders.spawn(async move {
            let client = reqwest::Client::new();
            for n in (worker..BURST).step_by(4) {
                let claim = &claims[n % claims.len()];
                let variables = json!({ "id": claim, "body": format!("burst {n}") });
                if send(&client, &address, &token, NOTE, variables)
                    .await
                    .is_none()
                {
                    return;
                }
                answered.fetch_add(1, Ordering::SeqCst);
            }
        });
    }
    while answered.load(Ordering::SeqCst) < BURST / 2 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    drop(child); // SIGKILL, mid-burst.
    while senders.join_next().await.is_some() {}
    answered.load(Ordering::SeqCst)
}

#[tokio::test]
async fn a_server_killed_mid_burst_delivers_every_committed_event_after_restart() {
    for backend in Backend::configured() {
        eprintln!("--- on {backend:?}");
        // The in-process instance only sets up: the child binary delivers.
        let app = TestApp::spawn_with(backend, |config| {
            config.webhooks.no_webhook_delivery = true;
        })
        .await;
        let receiver = Receiver::start().await;
        let created = app
            .as_user("admin")
            .data(
                CREATE,
                json!({ "input": { "url": receiver.url(), "events": ["NOTE_ADDED"] } }),
            )
            .await;
        let secret = created["createWebhook"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        let claims = node_strings(&app.data(CLAIMS, json!({})).await["claims"], "id");
        let url = app.database.url.clone();
        let before = committed_notes(&url, 0).await.last().copied().unwrap_or(0);
        let logs = tempfile::NamedTempFile::new().expect("a log file");

        let child = start_child(&url, logs.path()).await;
        let answered = burst_then_kill(child, app.token("editor"), &claims).await;
        let delivered_before_restart = receiver.accepted().len();
        let committed = committed_notes(&url, before).await;
        eprintln!(
            "killed after {} answered requests: {} events committed, {} delivered before the restart",
            answered,
            committed.len(),
            delivered_before_restart
        );
        assert!(committed.len() < BURST, "the kill came mid-burst");

        let _restarted = start_child(&url, logs.path()).await;
        let expected: std::collections::BTreeSet<String> = committed
            .iter()
            .map(|id| claimdesk_core::webhooks::message::message_id(*id))
            .collect();
        receiver
            .wait_until(Duration::from_mins(1), |got| {
                let ids: std::collections::BTreeSet<String> =
                    got.iter().map(|r| r.id.clone()).collect();
                expected.is_subset(&ids)
            })
            .await;
        let got = receiver.accepted();
        let mut bodies = std::collections::HashMap::new();
        for received in &got {
            let body = bodies
                .entry(received.id.clone())
                .or_insert(received.body.clone());
            assert_eq!(*body, received.body, "a repeat carries the same message");
            assert_eq!(
                received.id,
                claimdesk_core::webhooks::message::message_id(received.event_id())
            );
        }
        eprintln!(
            "after the restart: {} requests for {} events ({} repeats)",
            got.len(),
            expected.len(),
            got.len() - bodies.len()
        );
        assert_eq!(
            bodies.len(),
            expected.len(),
            "only committed events were sent"
        );
        let log = std::fs::read_to_string(logs.path()).expect("the log reads");
        assert!(
            log.contains("webhook deliveries"),
            "the deliveries are logged"
        );
        assert!(
            !log.contains(&secret) && !log.contains("whsec_"),
            "no secret in the logs"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn two_instances_on_one_postgres_never_make_an_attempt_twice() {
    let Some(backend) = Backend::postgres_or_skip("the test of two instances") else {
        return;
    };
    let first = TestApp::spawn(backend).await;
    let second = first.spawn_another_instance().await;
    let receiver = Receiver::start().await;
    receiver.delay(Duration::from_millis(3));
    first
        .as_user("admin")
        .data(
            CREATE,
            json!({ "input": { "url": receiver.url(), "events": ["NOTE_ADDED"] } }),
        )
        .await;
    let claims = node_strings(&first.data(CLAIMS, json!({})).await["claims"], "id");
    let before = committed_notes(&first.database.url, 0)
        .await
        .last()
        .copied()
        .unwrap_or(0);
    let events = 100;
    let mut writers = tokio::task::JoinSet::new();
    for (n, app) in [&first, &second].into_iter().enumerate() {
        let (address, token, claims) = (
            app.address.to_string(),
            app.token("editor").to_owned(),
            claims.clone(),
        );
        writers.spawn(async move {
            let client = reqwest::Client::new();
            for i in 0..events / 2 {
                let claim = &claims[i % claims.len()];
                let variables = json!({ "id": claim, "body": format!("instance {n}, note {i}") });
                send(&client, &address, &token, NOTE, variables)
                    .await
                    .expect("answered");
            }
        });
    }
    while writers.join_next().await.is_some() {}
    // Two notes on one claim at once may conflict (the claim's version), and more of them do
    // on a loaded machine; count what committed, and ask only for enough to share out.
    let committed = committed_notes(&first.database.url, before).await;
    assert!(
        committed.len() >= events / 4,
        "{} committed",
        committed.len()
    );
    receiver
        .wait_until(Duration::from_mins(1), |got| got.len() >= committed.len())
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = receiver.received();
    let mut ids: Vec<String> = got.iter().map(|r| r.id.clone()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut expected: Vec<String> = committed
        .iter()
        .map(|id| claimdesk_core::webhooks::message::message_id(*id))
        .collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "every committed event delivered");
    assert_eq!(got.len(), committed.len(), "no attempt made twice");
    assert_eq!(receiver.most_in_flight_per_id(), 1);
    assert_eq!(
        receiver.most_in_flight(),
        1,
        "one instance at a time per endpoint"
    );
    second.stop().await;
    first.stop().await;
}
