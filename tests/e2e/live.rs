//! Live claim events over graphql-transport-ws: committed events only, in commit order, with
//! resumption, and across server instances on PostgreSQL.

use std::time::Duration;

use claimdesk_tests::{
    Backend, REVIEW_KINDS, Subscriber, TestApp, code, on_each_backend, row_number,
};
use serde_json::{Value, json};

use crate::operations::*;

const EVENTS: &str = "subscription($filter: ClaimEventFilter, $after: ID) {
    claimEvents(filter: $filter, after: $after) {
        id kind actor { name } fromStatus toStatus claim { id status }
    }
}";

const WAIT: Duration = Duration::from_secs(5);
const QUIET: Duration = Duration::from_millis(300);

/// A viewer's subscription `1` to claim events, with `variables`.
async fn event_subscriber(app: &TestApp, variables: Value) -> Subscriber {
    let mut subscriber = app.subscriber("viewer").await;
    subscriber
        .subscribe_registered("1", EVENTS, variables)
        .await;
    subscriber
}

/// The next event of subscription `1`, which must arrive.
async fn next_event(subscriber: &mut Subscriber) -> Value {
    let payload = subscriber.next(WAIT).await.expect("an event arrives");
    assert!(payload.get("errors").is_none(), "{payload:#}");
    payload["data"]["claimEvents"].clone()
}

/// Takes the Jefferies claim to CLOSED through HTTP, with a refused change on the way, and
/// returns the kinds of the events that must have been committed.
async fn review(app: &TestApp, id: &str) -> Vec<&'static str> {
    mutate_as(
        app,
        "reviewer",
        FLAG,
        json!({ "claimId": id, "reason": "live" }),
    )
    .await;
    // Refused: nothing is committed, so nothing may be delivered.
    let refused = refuse(
        app,
        CLOSE,
        json!({ "claimId": id, "verdict": "FALSE", "summary": "x" }),
    )
    .await;
    assert_eq!(code(&refused), "INVALID_TRANSITION");
    let me = user_id(app, "reviewer").await;
    mutate_as(
        app,
        "reviewer",
        ASSIGN,
        json!({ "claimId": id, "assigneeId": me }),
    )
    .await;
    mutate_as(app, "reviewer", START, json!({ "claimId": id })).await;
    mutate_as(app, "reviewer", ATTACH, technical_report(id)).await;
    mutate_as(
        app,
        "reviewer",
        NOTE,
        json!({ "claimId": id, "body": "live note" }),
    )
    .await;
    let close = json!({ "claimId": id, "verdict": "MISLEADING", "summary": "Excludes research." });
    mutate(app, CLOSE, close).await;
    // Every kind of the README's review but CREATED, which came before.
    REVIEW_KINDS[1..].to_vec()
}

#[tokio::test]
async fn subscribers_receive_committed_events_in_order() {
    on_each_backend(committed_events_in_order).await;
}

async fn committed_events_in_order(app: TestApp) {
    let id = &jefferies_claim_id(&app).await;
    let mut subscriber = event_subscriber(&app, json!({ "filter": { "claimId": id } })).await;
    let mut everything = event_subscriber(&app, json!({})).await;
    // A change to another claim is not for the filtered subscriber.
    let other = seeded_claim(&app, "278").await;
    mutate_as(
        &app,
        "reviewer",
        FLAG,
        json!({ "claimId": other["id"], "reason": "other" }),
    )
    .await;

    let expected = review(&app, id).await;
    let mut received = Vec::new();
    for _ in &expected {
        let event = next_event(&mut subscriber).await;
        assert_eq!(event["claim"]["id"], id.as_str());
        received.push(event);
    }
    let kinds: Vec<&str> = received
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, expected);
    assert_eq!(received[0]["actor"]["name"], "reviewer");
    assert_eq!(
        (&received[0]["fromStatus"], &received[0]["toStatus"]),
        (&json!("NEW"), &json!("FLAGGED"))
    );
    assert_eq!(received[5]["actor"]["name"], "editor");
    assert!(
        subscriber.next(QUIET).await.is_none(),
        "nothing else, and nothing for the refusal"
    );

    let first = next_event(&mut everything).await;
    assert_eq!(first["claim"]["id"], other["id"]);
    for kind in expected {
        assert_eq!(next_event(&mut everything).await["kind"], kind);
    }
}

#[tokio::test]
async fn a_resumed_subscription_replays_exactly_the_missed_events() {
    on_each_backend(resume).await;
}

async fn resume(app: TestApp) {
    let id = &jefferies_claim_id(&app).await;
    let expected = review(&app, id).await;
    let history = claim(&app, id).await["history"].clone();
    let ids: Vec<String> = app
        .data(
            "query($id: ID!) { claim(id: $id) { history { id } } }",
            json!({ "id": id }),
        )
        .await["claim"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(history.as_array().unwrap().len(), ids.len());
    // The client saw up to ASSIGNED (index 2: CREATED, FLAGGED, ASSIGNED), then dropped.
    let filter = json!({ "claimId": id });
    let mut subscriber = event_subscriber(&app, json!({ "filter": filter, "after": ids[2] })).await;
    for (n, kind) in expected[2..].iter().enumerate() {
        let event = next_event(&mut subscriber).await;
        assert_eq!(event["kind"], *kind);
        assert_eq!(event["id"], ids[3 + n]);
    }
    // Then it carries on live, with no duplicate at the seam.
    let reopen = json!({ "claimId": id, "reason": "more" });
    mutate(&app, REOPEN, reopen).await;
    assert_eq!(next_event(&mut subscriber).await["kind"], "REOPENED");
    assert!(subscriber.next(QUIET).await.is_none());
}

#[tokio::test]
async fn a_subscription_from_the_latest_event_receives_every_later_change_once() {
    on_each_backend(from_latest).await;
}

async fn from_latest(app: TestApp) {
    const LATEST: &str = "{ latestEventId }";
    let id = &jefferies_claim_id(&app).await;
    let last_seeded = app
        .data(
            "query($id: ID!) { claim(id: $id) { history(last: 1) { id } } }",
            json!({ "id": id }),
        )
        .await["claim"]["history"][0]["id"]
        .clone();
    let before = app.data(LATEST, json!({})).await["latestEventId"].clone();
    assert!(before.is_string(), "the seeded log has events: {before}");
    assert!(
        row_number(before.as_str().unwrap()) >= row_number(last_seeded.as_str().unwrap()),
        "{before} is not before {last_seeded}"
    );
    // A client reads where the log stands, then its data; a change lands before it subscribes.
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "between" })).await;
    let after_flag = app.data(LATEST, json!({})).await["latestEventId"].clone();
    assert_eq!(
        row_number(after_flag.as_str().unwrap()),
        row_number(before.as_str().unwrap()) + 1
    );
    let mut subscriber = event_subscriber(&app, json!({ "after": before })).await;
    let event = next_event(&mut subscriber).await;
    assert_eq!(
        (&event["kind"], &event["id"]),
        (&json!("FLAGGED"), &after_flag)
    );
    mutate(&app, NOTE, json!({ "claimId": id, "body": "live" })).await;
    assert_eq!(next_event(&mut subscriber).await["kind"], "NOTE_ADDED");
    assert!(subscriber.next(QUIET).await.is_none());
}

#[tokio::test]
async fn a_mutation_that_fails_validation_delivers_no_event() {
    on_each_backend(refused_input).await;
}

async fn refused_input(app: TestApp) {
    let id = &jefferies_claim_id(&app).await;
    let mut subscriber = event_subscriber(&app, json!({})).await;
    let bad_input = |error: &Value, field: &str| {
        assert_eq!(
            (code(error), error["extensions"]["field"].as_str()),
            ("BAD_USER_INPUT", Some(field)),
            "{error:#}"
        );
    };

    let mut not_web = technical_report(id);
    not_web["url"] = json!("ftp://arxiv.org/abs/2412.19437");
    bad_input(&refuse(&app, ATTACH, not_web).await, "url");
    let too_long = json!({ "claimId": id, "body": "x".repeat(10_001) });
    bad_input(&refuse(&app, NOTE, too_long).await, "body");
    assert!(
        subscriber.next(QUIET).await.is_none(),
        "no event for refused input"
    );

    // The stream is live: a valid change arrives, and is the first event.
    mutate(&app, ATTACH, technical_report(id)).await;
    let attached = next_event(&mut subscriber).await;
    assert_eq!(
        (&attached["kind"], &attached["claim"]["id"]),
        (&json!("EVIDENCE_ATTACHED"), &json!(id))
    );
    // Refused inside the transaction, after it read the claim: rolled back, never announced.
    bad_input(&refuse(&app, ATTACH, technical_report(id)).await, "url");
    mutate(&app, NOTE, json!({ "claimId": id, "body": "still live" })).await;
    assert_eq!(next_event(&mut subscriber).await["kind"], "NOTE_ADDED");
    assert!(subscriber.next(QUIET).await.is_none());
}

#[tokio::test]
async fn subscriptions_need_a_valid_token() {
    on_each_backend(subscription_auth).await;
}

async fn subscription_auth(app: TestApp) {
    assert!(Subscriber::connect(&app.ws_url(), None).await.is_err());
    assert!(
        Subscriber::connect(&app.ws_url(), Some("Bearer cdk_nope"))
            .await
            .is_err()
    );
    let bearer = format!("Bearer {}", app.token("viewer"));
    assert!(
        Subscriber::connect(&app.ws_url(), Some(&bearer))
            .await
            .is_ok()
    );
}

/// Two server instances on one PostgreSQL database: events committed through B reach a
/// subscriber of A exactly once and in order; optionally, A's listener is killed midway.
async fn across_instances(kill_listener: bool) {
    let Some(backend) = Backend::configured()
        .into_iter()
        .find(|b| matches!(b, Backend::Postgres(_)))
    else {
        eprintln!("skipped: set CLAIMDESK_TEST_POSTGRES to run the two-instance test");
        return;
    };
    let a = TestApp::spawn(backend).await;
    let b = a.spawn_another_instance().await;
    let mut subscriber = event_subscriber(&a, json!({})).await;

    let claims = find_claims(&b, json!({})).await;
    let mut expected = Vec::new();
    for (n, claim) in claims.iter().take(10).enumerate() {
        let id = claim["id"].as_str().unwrap();
        if kill_listener && n == 5 {
            terminate_listeners(&a).await;
        }
        let flagged = mutate_as(
            &b,
            "reviewer",
            FLAG,
            json!({ "claimId": id, "reason": "x" }),
        )
        .await;
        let last = flagged["claim"]["history"].as_array().unwrap().len();
        expected.push((id.to_owned(), "FLAGGED", last));
        mutate_as(&b, "reviewer", NOTE, json!({ "claimId": id, "body": "y" })).await;
        expected.push((id.to_owned(), "NOTE_ADDED", last + 1));
    }
    let mut previous = String::new();
    for (claim_id, kind, _) in &expected {
        let event = next_event(&mut subscriber).await;
        assert_eq!(
            (
                event["claim"]["id"].as_str().unwrap(),
                event["kind"].as_str().unwrap()
            ),
            (claim_id.as_str(), *kind)
        );
        let id = event["id"].as_str().unwrap().to_owned();
        assert_ne!(id, previous, "no duplicate");
        previous = id;
    }
    assert!(
        subscriber.next(QUIET).await.is_none(),
        "every event exactly once"
    );
    let ready = a.http().get(a.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200, "the listener is back");
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready["eventListener"], "ok");
}

/// Terminates the PostgreSQL sessions that LISTEN for events, as a network fault would.
async fn terminate_listeners(app: &TestApp) {
    use sea_orm::{ConnectionTrait, Database};
    let db = Database::connect(app.database.url.as_str()).await.unwrap();
    let killed = db
        .execute_unprepared(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
        )
        .await
        .unwrap();
    assert!(killed.rows_affected() >= 1, "a listener was running");
    db.close().await.unwrap();
}

#[tokio::test]
async fn events_cross_instances_exactly_once_and_in_order() {
    across_instances(false).await;
}

#[tokio::test]
async fn a_killed_listener_reconnects_and_loses_nothing() {
    across_instances(true).await;
}
