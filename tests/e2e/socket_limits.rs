//! The WebSocket endpoint keeps HTTP's rules for every operation sent over it: the token's
//! rate limit, the size limit, and revocation, which reaches connections already open.

use std::{num::NonZeroU32, time::Duration};

use claimdesk_tests::{Subscriber, TestApp, code, on_each_backend, on_each_backend_with};
use serde_json::{Value, json};

use crate::operations::*;

const ADD_NOTE: &str =
    "mutation($input: AddNoteInput!) { addNote(input: $input) { note { body author { name } } } }";

const EVENTS: &str = "subscription { claimEvents { id kind } }";

const WAIT: Duration = Duration::from_secs(5);

/// Connects as the holder of `token`.
async fn connect(app: &TestApp, token: &str) -> Subscriber {
    Subscriber::connect(&app.ws_url(), Some(&format!("Bearer {token}")))
        .await
        .expect("acknowledged")
}

/// Sends `addNote` on `claim_id` as the operation `id`.
async fn add_note(subscriber: &mut Subscriber, id: &str, claim_id: &str, body: &str) {
    let input = json!({ "input": { "claimId": claim_id, "body": body } });
    subscriber.subscribe(id, ADD_NOTE, input).await;
}

/// The answer to operation `id`: its `next` payload or its `error` message, skipping the
/// other operations' messages and `complete`.
async fn answer(subscriber: &mut Subscriber, id: &str) -> Value {
    loop {
        let message = subscriber
            .receive(WAIT)
            .await
            .unwrap_or_else(|| panic!("no answer to {id}"));
        match message["type"].as_str() {
            Some("next" | "error") if message["id"] == id => return message,
            Some("closed") => panic!("closed before answering {id}: {message}"),
            _ => {}
        }
    }
}

/// The bodies of the notes on the claim.
async fn notes(app: &TestApp, claim_id: &str) -> Vec<String> {
    claim(app, claim_id).await["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["body"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits for the socket to close and returns the close reason (`"<code> <reason>"`).
async fn closed(subscriber: &mut Subscriber) -> String {
    loop {
        let message = subscriber.receive(WAIT).await.expect("the socket closes");
        if message["type"] == "closed" {
            return message["reason"].as_str().unwrap_or_default().to_owned();
        }
    }
}

#[tokio::test]
async fn operations_over_a_socket_count_against_the_token_rate() {
    on_each_backend_with(
        |config| config.rate_limit_per_minute = NonZeroU32::new(20).unwrap(),
        |app| async move { socket_rate_limit(&app).await },
    )
    .await;
}

async fn socket_rate_limit(app: &TestApp) {
    let claim_id = jefferies_claim_id(app).await;
    let (_, token) = app.create_user("busy", "REVIEWER").await;
    // `connection_init` uses one request of the 20.
    let mut socket = connect(app, &token).await;
    let socket_request = socket
        .request_id()
        .expect("the upgrade answer names its request")
        .to_owned();
    let mut answers = Vec::new();
    for n in 0..30 {
        let id = n.to_string();
        add_note(&mut socket, &id, &claim_id, &format!("note {n}")).await;
        answers.push(answer(&mut socket, &id).await);
    }
    let added = answers.iter().filter(|a| a["type"] == "next").count();
    // The bucket refills one request every 3 seconds.
    assert!((19..=20).contains(&added), "{added} notes added");
    for refused in answers.iter().filter(|a| a["type"] == "error") {
        let error = &refused["payload"][0];
        assert_eq!(code(error), "RATE_LIMITED", "{refused}");
        let retry_after = error["extensions"]["retryAfter"].as_u64().unwrap();
        assert!((1..=60).contains(&retry_after), "{refused}");
        // The refusal names the socket's upgrade request, as every error over it does.
        assert_eq!(
            error["extensions"]["requestId"],
            socket_request.as_str(),
            "{refused}"
        );
    }
    assert_eq!(notes(app, &claim_id).await.len(), added);
    // The socket and HTTP draw on one budget.
    let (status, body) = app
        .with_token(Some(token))
        .send("{ viewer { name } }", json!({}))
        .await;
    assert_eq!((status, code(&body["errors"][0])), (429, "RATE_LIMITED"));
}

#[tokio::test]
async fn a_socket_message_over_the_body_limit_is_refused() {
    on_each_backend(|app| async move { oversized_message(&app).await }).await;
}

async fn oversized_message(app: &TestApp) {
    let claim_id = jefferies_claim_id(app).await;
    let mut socket = app.subscriber("reviewer").await;
    // A valid mutation, padded to 3 MiB: HTTP refuses more than 1 MiB.
    let query = format!("{ADD_NOTE}{}", " ".repeat(3 * 1024 * 1024));
    let input = json!({ "input": { "claimId": claim_id, "body": "padded" } });
    let message = json!({ "id": "big", "type": "subscribe",
                          "payload": { "query": query, "variables": input } });
    // The server may close the socket while the message is still being written.
    if socket.try_send(&message).await.is_ok() {
        let reason = closed(&mut socket).await;
        assert!(
            reason.starts_with("1009") || !reason.starts_with(char::is_numeric),
            "closed with {reason}"
        );
    }
    assert!(notes(app, &claim_id).await.is_empty(), "nothing ran");

    // A message within the limit still runs, on a new connection.
    let mut socket = app.subscriber("reviewer").await;
    add_note(&mut socket, "small", &claim_id, "small").await;
    let answer = answer(&mut socket, "small").await;
    assert_eq!(answer["type"], "next", "{answer}");
    assert_eq!(notes(app, &claim_id).await, ["small"]);
}

#[tokio::test]
async fn a_revoked_token_can_start_nothing_more_on_an_open_socket() {
    on_each_backend(|app| async move { revoked_on_open_socket(&app).await }).await;
}

/// Revokes the token `token_id` as the admin.
async fn revoke(app: &TestApp, token_id: &str) {
    app.as_user("admin")
        .data(
            "mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { token { id } } }",
            json!({ "input": { "tokenId": token_id } }),
        )
        .await;
}

async fn revoked_on_open_socket(app: &TestApp) {
    let claim_id = jefferies_claim_id(app).await;
    let (token_id, token) = app.create_user("leaver", "REVIEWER").await;
    let mut socket = connect(app, &token).await;
    socket.subscribe("live", EVENTS, json!({})).await;
    add_note(&mut socket, "before", &claim_id, "before").await;
    let before = answer(&mut socket, "before").await;
    assert_eq!(
        before["payload"]["data"]["addNote"]["note"]["author"]["name"], "leaver",
        "{before}"
    );

    revoke(app, &token_id).await;
    add_note(&mut socket, "after", &claim_id, "after").await;
    let after = answer(&mut socket, "after").await;
    assert_eq!(after["type"], "error", "{after}");
    assert_eq!(code(&after["payload"][0]), "UNAUTHENTICATED");
    // The connection closes, and the live subscription with it.
    assert!(closed(&mut socket).await.starts_with("4401"));
    assert_eq!(notes(app, &claim_id).await, ["before"]);
}

#[tokio::test]
async fn a_revoked_token_loses_its_live_subscriptions() {
    on_each_backend_with(
        |config| config.limits.socket_recheck_secs = 1,
        |app| async move { revoked_while_listening(&app).await },
    )
    .await;
}

async fn revoked_while_listening(app: &TestApp) {
    let (token_id, token) = app.create_user("listener", "VIEWER").await;
    let mut socket = connect(app, &token).await;
    socket.subscribe("live", EVENTS, json!({})).await;
    let mut other = app.subscriber("viewer").await;
    other.subscribe("live", EVENTS, json!({})).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(socket.receive(Duration::ZERO).await.is_none(), "still open");

    revoke(app, &token_id).await;
    // Within a recheck period, with nothing sent on it.
    let reason = closed(&mut socket).await;
    assert!(reason.starts_with("4401"), "closed with {reason}");
    // Other tokens' connections stay open.
    let claim_id = jefferies_claim_id(app).await;
    mutate_as(
        app,
        "reviewer",
        FLAG,
        json!({ "claimId": claim_id, "reason": "still live" }),
    )
    .await;
    let event = other.next(WAIT).await.expect("an event arrives");
    assert_eq!(event["data"]["claimEvents"]["kind"], "FLAGGED", "{event}");
}
