//! Two `claimdesk serve` processes on one PostgreSQL database: events committed through either
//! reach the subscribers of the other exactly once and in commit order, over LISTEN/NOTIFY.
//!
//! Instance A runs in this test's process; instance B is the real binary, started as a child
//! process on a port of its own. Runs when `CLAIMDESK_TEST_POSTGRES` names a server.

use std::time::Duration;

use claimdesk_tests::{Backend, ChildServer, Subscriber, TestApp, node_strings};
use serde_json::{Value, json};

const EVENTS: &str = "subscription { claimEvents { id kind claim { id } } }";
const FIND: &str = "{ claims(first: 10) { edges { node { id } } } }";
const FLAG: &str = "mutation($id: ID!) {
    flagClaim(input: {claimId: $id, reason: \"check\"}) { claim { id } } }";
const NOTE: &str = "mutation($id: ID!) {
    addNote(input: {claimId: $id, body: \"seen\"}) { note { id } } }";

/// Sends `query` to `server` with `token`; its data, which must come without errors.
async fn send(server: &ChildServer, token: &str, query: &str, variables: Value) -> Value {
    let response: Value = reqwest::Client::new()
        .post(format!("http://{}/graphql", server.address))
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
    let Some(backend) = Backend::postgres_or_skip("the two-process test") else {
        return;
    };
    let a = TestApp::spawn(backend).await;
    let b = ChildServer::start(env!("CARGO_BIN_EXE_claimdesk"), &a.database.url, |_| {}).await;
    let reviewer = a.token("reviewer").to_owned();
    let on_a = subscribe(&a.ws_url(), a.token("viewer")).await;
    let on_b = subscribe(&format!("ws://{}/graphql/ws", b.address), a.token("viewer")).await;
    let (mut on_a, mut on_b) = (on_a, on_b);

    let claims = send(&b, &reviewer, FIND, json!({})).await;
    let ids = node_strings(&claims["claims"], "id");
    assert_eq!(ids.len(), 10);

    // Half the changes go through B, half through A, interleaved.
    let mut expected = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        if n % 2 == 0 {
            send(&b, &reviewer, FLAG, json!({ "id": id })).await;
            send(&b, &reviewer, NOTE, json!({ "id": id })).await;
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
