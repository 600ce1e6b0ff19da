//! Two `claimdesk serve` processes on one PostgreSQL database: events committed through either
//! reach the subscribers of the other exactly once and in commit order, over LISTEN/NOTIFY.
//!
//! Instance A runs in this test's process; instance B is the real binary, started as a child
//! process on a port of its own. Runs when `CLAIMDESK_TEST_POSTGRES` names a server.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use claimdesk_tests::{Backend, Subscriber, TestApp, node_strings};
use serde_json::{Value, json};

const EVENTS: &str = "subscription { claimEvents { id kind claim { id } } }";
const FIND: &str = "{ claims(first: 10) { edges { node { id } } } }";
const FLAG: &str = "mutation($id: ID!) {
    flagClaim(input: {claimId: $id, reason: \"check\"}) { claim { id } } }";
const NOTE: &str = "mutation($id: ID!) {
    addNote(input: {claimId: $id, body: \"seen\"}) { note { id } } }";

/// The child server, stopped when dropped.
struct ChildServer {
    process: Child,
    address: String,
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl ChildServer {
    /// Starts `claimdesk serve` on `database_url` and waits until it is ready.
    async fn start(database_url: &str) -> ChildServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let address = format!("127.0.0.1:{port}");
        let process = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args(["serve", "--database-url", database_url, "--bind", &address])
            .args(["--no-seed", "--rate-limit-per-minute", "1000000"])
            .env_remove("CLAIMDESK_DEV_OPEN")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let server = ChildServer { process, address };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let ready = client
                .get(format!("http://{}/readyz", server.address))
                .send()
                .await;
            if ready.is_ok_and(|response| response.status() == 200) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the child server did not become ready");
    }

    async fn send(&self, token: &str, query: &str, variables: Value) -> Value {
        let response: Value = reqwest::Client::new()
            .post(format!("http://{}/graphql", self.address))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the child answers")
            .json()
            .await
            .expect("a JSON response");
        assert!(response.get("errors").is_none(), "{response:#}");
        response["data"].clone()
    }
}

async fn subscribe(url: &str, token: &str) -> Subscriber {
    let mut subscriber = Subscriber::connect(url, Some(&format!("Bearer {token}")))
        .await
        .expect("acknowledged");
    subscriber
        .subscribe_registered("1", EVENTS, json!({}))
        .await;
    subscriber
}

/// The kinds and claims of the next `count` events, which must arrive, and that no more do.
async fn receive(subscriber: &mut Subscriber, count: usize) -> Vec<(String, String)> {
    let mut events = Vec::new();
    let mut previous = String::new();
    for _ in 0..count {
        let payload = subscriber
            .next(Duration::from_secs(10))
            .await
            .expect("an event arrives");
        let event = &payload["data"]["claimEvents"];
        let id = event["id"].as_str().unwrap().to_owned();
        assert_ne!(id, previous, "no duplicate");
        previous = id;
        let claim = event["claim"]["id"].as_str().unwrap().to_owned();
        events.push((claim, event["kind"].as_str().unwrap().to_owned()));
    }
    assert!(
        subscriber.next(Duration::from_millis(500)).await.is_none(),
        "every event exactly once"
    );
    events
}

#[tokio::test]
async fn two_server_processes_share_events_both_ways() {
    let Some(backend) = Backend::configured()
        .into_iter()
        .find(|backend| matches!(backend, Backend::Postgres(_)))
    else {
        eprintln!("skipped: set CLAIMDESK_TEST_POSTGRES to run the two-process test");
        return;
    };
    let a = TestApp::spawn(backend).await;
    let b = ChildServer::start(&a.database.url).await;
    let reviewer = a.token("reviewer").to_owned();
    let on_a = subscribe(&a.ws_url(), a.token("viewer")).await;
    let on_b = subscribe(&format!("ws://{}/graphql/ws", b.address), a.token("viewer")).await;
    let (mut on_a, mut on_b) = (on_a, on_b);

    let claims = b.send(&reviewer, FIND, json!({})).await;
    let ids = node_strings(&claims["claims"], "id");
    assert_eq!(ids.len(), 10);

    // Half the changes go through B, half through A, interleaved.
    let mut expected = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        if n % 2 == 0 {
            b.send(&reviewer, FLAG, json!({ "id": id })).await;
            b.send(&reviewer, NOTE, json!({ "id": id })).await;
        } else {
            a.as_user("reviewer").data(FLAG, json!({ "id": id })).await;
            a.as_user("reviewer").data(NOTE, json!({ "id": id })).await;
        }
        expected.push((id.clone(), "FLAGGED".to_owned()));
        expected.push((id.clone(), "NOTE_ADDED".to_owned()));
    }
    assert_eq!(receive(&mut on_a, expected.len()).await, expected);
    assert_eq!(receive(&mut on_b, expected.len()).await, expected);
}
