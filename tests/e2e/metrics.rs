//! `/metrics`, parsed by Prometheus's own Python parser (`prometheus_client`), moves as
//! requests are made, and needs an ADMIN token; every request has an ID, echoed in its
//! response and in its errors, a WebSocket connection's errors included.

use std::{io::Write, process::Stdio};

use std::time::Duration;

use claimdesk_tests::{Receiver, Subscriber, TestApp, on_each_backend, row_number};
use serde_json::{Value, json};

const PARSE: &str = "import sys, json
from prometheus_client.parser import text_string_to_metric_families
samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        samples.append([sample.name, sample.labels, sample.value])
print(json.dumps(samples))";

/// The samples of the metrics text, as (name, labels, value), by Prometheus's parser.
fn parse(text: &str) -> Vec<(String, Value, f64)> {
    let mut python = std::process::Command::new("python3")
        .args(["-c", PARSE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (pip install prometheus_client)");
    python
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = python.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the Prometheus parser refused the metrics"
    );
    let samples: Vec<(String, Value, f64)> =
        serde_json::from_slice(&output.stdout).expect("the parser's JSON");
    samples
}

fn sum(samples: &[(String, Value, f64)], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|(sample, found, _)| {
            sample == name && labels.iter().all(|(key, value)| found[*key] == *value)
        })
        .map(|(_, _, value)| value)
        .sum()
}

async fn scrape(app: &TestApp) -> Vec<(String, Value, f64)> {
    let response = app.get_as("admin", "/metrics").await;
    assert_eq!(response.status(), 200);
    parse(&response.text().await.unwrap())
}

/// The attempts that succeeded in `samples`, to any endpoint.
fn succeeded_attempts(samples: &[(String, Value, f64)]) -> f64 {
    sum(
        samples,
        "claimdesk_webhook_attempts_total",
        &[("outcome", "succeeded")],
    )
}

/// Creates a webhook to a receiver, makes an event and waits until the metrics count its
/// delivery (an attempt is counted once its answer is recorded, just after the receiver has
/// it), counting from `before`; returns the webhook's number, as the metrics label it.
async fn delivered_once(app: &TestApp, before: &[(String, Value, f64)]) -> String {
    let receiver = Receiver::start().await;
    let created = app
        .as_user("admin")
        .data(
            "mutation($url: String!) { createWebhook(input: { url: $url, events: [NOTE_ADDED] }) \
             { webhook { id } } }",
            json!({ "url": receiver.url() }),
        )
        .await;
    let claims = app
        .data("{ claims(first: 1) { edges { node { id } } } }", json!({}))
        .await;
    let claim = claims["claims"]["edges"][0]["node"]["id"].clone();
    app.data(
        "mutation($id: ID!) { addNote(input: { claimId: $id, body: \"metered\" }) { note { id } } }",
        json!({ "id": claim }),
    )
    .await;
    receiver
        .wait_until(Duration::from_secs(10), |got| !got.is_empty())
        .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while succeeded_attempts(&scrape(app).await) - succeeded_attempts(before) < 1.0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the delivery was never counted"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let id = created["createWebhook"]["webhook"]["id"].as_str().unwrap();
    row_number(id).to_string()
}

#[tokio::test]
async fn metrics_move_with_requests_and_need_an_admin() {
    on_each_backend(|app| async move {
        let anonymous = app.get("/metrics").await;
        assert_eq!(anonymous.status(), 401);
        let viewer = app.get_as("viewer", "/metrics").await;
        assert_eq!(viewer.status(), 403);

        let before = scrape(&app).await;
        let as_viewer = &app.as_user("viewer");
        let named = |name: &str, query: &str| {
            let body = json!({ "query": query, "operationName": name });
            async move { as_viewer.post(&body).await.0 }
        };
        for _ in 0..3 {
            let probe = "query MetricsProbe { claims(first: 1) { totalCount } }";
            assert_eq!(named("MetricsProbe", probe).await, 200);
        }
        let miss = "query MetricsMiss { claim(id: \"not-an-id\") { id } }";
        assert_eq!(named("MetricsMiss", miss).await, 200);
        app.with_token(Some("cdk_wrong".into()))
            .send("{ viewer { id } }", json!({}))
            .await;
        let webhook = delivered_once(&app, &before).await;
        let after = scrape(&app).await;

        let moved = |name: &str, labels: &[(&str, &str)]| {
            sum(&after, name, labels) - sum(&before, name, labels)
        };
        for (operation, outcome, expected) in [
            ("MetricsProbe", "ok", 3.0),
            ("MetricsMiss", "BAD_USER_INPUT", 1.0),
        ] {
            let labels = [("operation", operation), ("outcome", outcome)];
            let counted = moved("claimdesk_graphql_operations_total", &labels);
            assert!(
                (counted - expected).abs() < 0.5,
                "{operation} {outcome}: {counted}"
            );
        }
        assert!(
            moved(
                "claimdesk_refused_requests_total",
                &[("code", "UNAUTHENTICATED")]
            ) >= 1.0
        );
        assert!(
            moved(
                "claimdesk_http_requests_total",
                &[("route", "/graphql"), ("status", "200")]
            ) >= 4.0
        );
        assert!(moved("claimdesk_sql_statements_total", &[("outcome", "ok")]) >= 3.0);
        assert!(succeeded_attempts(&after) - succeeded_attempts(&before) >= 1.0);
        assert!(
            after
                .iter()
                .any(|(name, labels, _)| name == "claimdesk_webhook_backlog"
                    && labels["webhook"] == webhook.as_str()),
            "no backlog for webhook {webhook}"
        );
        assert!(
            moved(
                "claimdesk_http_request_duration_seconds_count",
                &[("route", "/graphql")]
            ) >= 4.0
        );
        assert!(
            after
                .iter()
                .any(|(name, _, _)| name == "claimdesk_http_request_duration_seconds_bucket")
        );
        for gauge in [
            "claimdesk_live_subscribers",
            "claimdesk_event_listener_up",
            "claimdesk_db_connections",
        ] {
            assert!(after.iter().any(|(name, _, _)| name == gauge), "no {gauge}");
        }
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn each_request_has_an_id_in_its_response_and_errors() {
    on_each_backend(|app| async move {
        let response = app
            .as_user("viewer")
            .post_with(
                &[("x-request-id", "report-42")],
                &json!({ "query": "{ claim(id: \"Q2xhaW06OTk5OTk=\") { id } }" }),
            )
            .await;
        assert_eq!(response.headers()["x-request-id"], "report-42");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["requestId"], "report-42");

        let refused = app
            .with_token(None)
            .post_with(&[], &json!({ "query": "{ viewer { id } }" }))
            .await;
        let id = refused.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id.len(), 32);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["requestId"], id.as_str());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_socket_s_errors_carry_the_id_of_its_upgrade_request() {
    on_each_backend(|app| async move {
        let authorization = json!({ "authorization": format!("Bearer {}", app.token("viewer")) });
        let mut socket = Subscriber::connect_with_request_id(
            &app.ws_url(),
            authorization.clone(),
            Some("desk-7"),
        )
        .await
        .unwrap();
        assert_eq!(socket.request_id(), Some("desk-7"));

        // An operation the schema refuses.
        socket.subscribe("bad", "{ noSuchField }", json!({})).await;
        let refused = socket.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(
            refused["errors"][0]["extensions"]["requestId"], "desk-7",
            "{refused}"
        );
        let completed = socket.receive(Duration::from_secs(5)).await.unwrap();
        assert_eq!(completed["type"], "complete");

        // An operation that runs and fails: a `next` message with errors.
        let missing = "{ claim(id: \"Q2xhaW06OTk5OTk=\") { id } }";
        socket.subscribe("missing", missing, json!({})).await;
        let answer = socket.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(
            answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{answer}"
        );
        assert_eq!(answer["errors"][0]["extensions"]["requestId"], "desk-7");

        // Without an ID of its own, the connection has the one its upgrade answer names.
        let mut socket = Subscriber::connect_with(&app.ws_url(), authorization)
            .await
            .unwrap();
        let id = socket.request_id().unwrap().to_owned();
        assert_eq!(id.len(), 32);
        socket.subscribe("bad", "{ noSuchField }", json!({})).await;
        let refused = socket.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(refused["errors"][0]["extensions"]["requestId"], id.as_str());
        app.stop().await;
    })
    .await;
}
