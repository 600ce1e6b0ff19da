//! Outbound webhooks against a real receiver: signatures checked by the reference library,
//! rotation, a receiver that is down for a while, 410 Gone, an endpoint failing for too long,
//! the `webhookDisabled` subscription that tells admins, private destinations, the roles that
//! may manage webhooks, and secrets that never show again.

use std::time::Duration;

use claimdesk_tests::{
    Receiver, Subscriber, TestApp, code, node_strings, on_each_backend, on_each_backend_with,
    verify_with_reference,
};
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateWebhookInput!) {
    createWebhook(input: $input) { webhook { id url events enabled } secret } }";
const ROTATE: &str = "mutation($id: ID!) {
    rotateWebhookSecret(input: {webhookId: $id}) { webhook { id previousSecretValidUntil } secret } }";
const CLAIMS: &str = "{ claims(first: 3) { edges { node { id } } } }";
const FLAG: &str = "mutation($id: ID!) {
    flagClaim(input: {claimId: $id, reason: \"check\"}) { claim { id } } }";
const NOTE: &str = "mutation($id: ID!, $body: String!) {
    addNote(input: {claimId: $id, body: $body}) { note { id } } }";
const CLOSE: &str = "mutation($id: ID!) {
    closeReview(input: {claimId: $id, verdict: NOT_CHECKABLE, summary: \"An opinion.\"}) { claim { id } } }";
const WEBHOOK: &str = "query($id: ID!) { webhook(id: $id) {
    id url events enabled disabledReason failingSince
    stats { attempts successes failures backlog }
    deliveries(first: 100) { edges { node { id messageId status attemptCount nextAttemptAt
        event { id kind } attempts { attemptedAt httpStatus durationMs response succeeded } } } } } }";

const DISABLED: &str = "subscription { webhookDisabled { id enabled disabledReason disabledAt } }";

/// An admin's socket, subscribed to `webhookDisabled`.
async fn told_of_disabling(app: &TestApp) -> Subscriber {
    let mut admin = app.subscriber("admin").await;
    admin
        .subscribe_registered("disabled", DISABLED, json!({}))
        .await;
    admin
}

/// The next endpoint `webhookDisabled` tells of, within `wait`.
async fn next_disabled(admin: &mut Subscriber, wait: Duration) -> Value {
    let payload = admin.next(wait).await.expect("an endpoint disabled");
    payload["data"]["webhookDisabled"].clone()
}

/// Creates a webhook to `url` for `events` as the admin; returns its ID and secret.
async fn create(app: &TestApp, url: &str, events: Value) -> (String, String) {
    let data = app
        .as_user("admin")
        .data(
            CREATE,
            json!({ "input": { "url": url, "events": events, "description": "tests" } }),
        )
        .await;
    let payload = &data["createWebhook"];
    (
        payload["webhook"]["id"].as_str().expect("an ID").to_owned(),
        payload["secret"].as_str().expect("a secret").to_owned(),
    )
}

async fn claim_ids(app: &TestApp) -> Vec<String> {
    node_strings(&app.data(CLAIMS, json!({})).await["claims"], "id")
}

fn cases(
    secret: &str,
    received: &[claimdesk_tests::Received],
) -> Vec<(String, String, String, String, String)> {
    received
        .iter()
        .map(|r| {
            (
                secret.to_owned(),
                r.id.clone(),
                r.timestamp.clone(),
                r.signature.clone(),
                r.body.clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn deliveries_are_signed_as_the_standard_says_and_carry_the_claim() {
    on_each_backend(|app| async move {
        let receiver = Receiver::start().await;
        let (webhook, secret) = create(&app, &receiver.url(), json!([])).await;
        assert!(secret.starts_with("whsec_"));
        let claim = claim_ids(&app).await.remove(0);
        app.data(FLAG, json!({ "id": claim })).await;
        app.data(NOTE, json!({ "id": claim, "body": "seen" })).await;
        app.data(CLOSE, json!({ "id": claim })).await;
        receiver
            .wait_until(Duration::from_secs(20), |got| got.len() >= 3)
            .await;
        let got = receiver.accepted();
        let types: Vec<String> = got
            .iter()
            .map(|r| r.json()["type"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(types, ["claim.flagged", "note.added", "claim.closed"]);
        let closed = got[2].json();
        assert_eq!(closed["data"]["claim"]["status"], "CLOSED");
        assert_eq!(closed["data"]["claim"]["verdict"], "NOT_CHECKABLE");
        assert_eq!(closed["data"]["claimReview"]["@type"], "ClaimReview");
        assert_eq!(got[0].json()["data"]["claim"]["status"], "FLAGGED");

        if let Some(results) = verify_with_reference(&cases(&secret, &got)) {
            assert_eq!(results, ["ok", "ok", "ok"]);
            // A tampered body, a timestamp past the tolerance and a wrong secret all fail.
            let mut tampered = cases(&secret, &got[..1]);
            tampered[0].4 = tampered[0].4.replace("FLAGGED", "CLOSED");
            let mut old = cases(&secret, &got[..1]);
            let stale: i64 = old[0].2.parse::<i64>().unwrap() - 600;
            old[0].2 = stale.to_string();
            let mut future = cases(&secret, &got[..1]);
            future[0].2 = (stale + 1_200).to_string();
            let mut wrong = cases(&secret, &got[..1]);
            wrong[0].0 = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into();
            let refused = [tampered, old, future, wrong].concat();
            for result in verify_with_reference(&refused).unwrap() {
                assert_ne!(result, "ok");
            }
        }

        // The API shows each delivery with its attempt, and never the secret again. An
        // attempt is recorded when its answer is back, just after the receiver has it.
        let mut shown = Value::Null;
        for _ in 0..200 {
            shown = app
                .as_user("admin")
                .data(WEBHOOK, json!({ "id": webhook }))
                .await;
            if shown["webhook"]["stats"]["backlog"] == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let text = shown.to_string();
        assert!(
            !text.contains(&secret) && !text.contains("whsec_"),
            "{text}"
        );
        let stats = &shown["webhook"]["stats"];
        assert_eq!(stats["successes"], 3, "{stats}");
        assert_eq!(stats["backlog"], 0, "{stats}");
        let edges = shown["webhook"]["deliveries"]["edges"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(edges.len(), 3);
        for edge in &edges {
            let delivery = &edge["node"];
            assert_eq!(delivery["status"], "SUCCEEDED");
            assert_eq!(delivery["attempts"][0]["httpStatus"], 200);
            assert!(delivery["nextAttemptAt"].is_null());
        }
        let listed = app
            .as_user("admin")
            .data("{ webhooks { id url events enabled } }", json!({}))
            .await;
        assert!(!listed.to_string().contains("whsec_"));
    })
    .await;
}

#[tokio::test]
async fn during_a_rotation_both_secrets_verify() {
    on_each_backend(|app| async move {
        let receiver = Receiver::start().await;
        let (webhook, old) = create(&app, &receiver.url(), json!(["NOTE_ADDED"])).await;
        let rotated = app
            .as_user("admin")
            .data(ROTATE, json!({ "id": webhook }))
            .await;
        let new = rotated["rotateWebhookSecret"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_ne!(new, old);
        assert!(!rotated["rotateWebhookSecret"]["webhook"]["previousSecretValidUntil"].is_null());
        let claim = claim_ids(&app).await.remove(0);
        app.data(NOTE, json!({ "id": claim, "body": "after the rotation" }))
            .await;
        receiver
            .wait_until(Duration::from_secs(20), |got| !got.is_empty())
            .await;
        let got = receiver.accepted();
        assert_eq!(
            got[0].signature.split(' ').count(),
            2,
            "{}",
            got[0].signature
        );
        if let Some(results) =
            verify_with_reference(&[cases(&old, &got), cases(&new, &got)].concat())
        {
            assert_eq!(results, ["ok", "ok"]);
        }
    })
    .await;
}

#[tokio::test]
async fn a_receiver_that_is_down_for_a_while_gets_every_event_in_order_per_claim() {
    on_each_backend(|app| async move {
        let receiver = Receiver::start().await;
        receiver.answer(500);
        create(&app, &receiver.url(), json!(["NOTE_ADDED"])).await;
        let claims = claim_ids(&app).await;
        for round in 0..5 {
            for claim in &claims {
                app.data(
                    NOTE,
                    json!({ "id": claim, "body": format!("note {round}") }),
                )
                .await;
            }
        }
        let expected = 5 * claims.len();
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        assert!(receiver.accepted().is_empty());
        assert!(!receiver.received().is_empty(), "attempts were made");
        receiver.answer(200);
        receiver
            .wait_until(Duration::from_secs(30), |got| {
                let mut ids: Vec<&str> = got.iter().map(|r| r.id.as_str()).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len() == expected
            })
            .await;
        // In arrival order, attempts included, each claim's events never go backwards.
        let mut last_per_claim = std::collections::HashMap::new();
        for received in receiver.received() {
            let last = last_per_claim.entry(received.claim_id()).or_insert(0);
            assert!(received.event_id() >= *last, "out of order");
            *last = received.event_id();
        }
    })
    .await;
}

#[tokio::test]
async fn an_endpoint_that_answers_410_is_disabled() {
    on_each_backend(|app| async move {
        let receiver = Receiver::start().await;
        receiver.answer(410);
        let mut admin_socket = told_of_disabling(&app).await;
        let (webhook, _) = create(&app, &receiver.url(), json!([])).await;
        let claim = claim_ids(&app).await.remove(0);
        app.data(NOTE, json!({ "id": claim, "body": "gone?" }))
            .await;
        let admin = app.as_user("admin");
        let mut shown = Value::Null;
        for _ in 0..200 {
            shown = admin.data(WEBHOOK, json!({ "id": webhook })).await;
            if shown["webhook"]["enabled"] == false {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let webhook = &shown["webhook"];
        assert_eq!(webhook["enabled"], false, "{webhook}");
        assert!(webhook["disabledReason"].as_str().unwrap().contains("410"));
        // The delivery waits for the endpoint to be enabled again.
        assert_eq!(webhook["stats"]["backlog"], 1);
        assert_eq!(receiver.received().len(), 1);
        // Admins following `webhookDisabled` are told, once.
        let told = next_disabled(&mut admin_socket, Duration::from_secs(5)).await;
        assert_eq!(told["id"], webhook["id"]);
        assert_eq!(told["enabled"], false);
        assert_eq!(told["disabledReason"], webhook["disabledReason"]);
        assert!(
            admin_socket
                .next(Duration::from_millis(2_500))
                .await
                .is_none()
        );
    })
    .await;
}

#[tokio::test]
async fn an_endpoint_failing_for_longer_than_the_limit_is_disabled_and_admins_are_told() {
    let limit = |config: &mut claimdesk_server::ServeConfig| {
        config.webhooks.webhook_disable_after_secs = 2;
    };
    on_each_backend_with(limit, |app| async move {
        let receiver = Receiver::start().await;
        receiver.answer(500);
        let mut admin_socket = told_of_disabling(&app).await;
        let (webhook, _) = create(&app, &receiver.url(), json!(["NOTE_ADDED"])).await;
        let (other, _) = create(&app, &receiver.url(), json!(["CLOSED"])).await;
        let claim = claim_ids(&app).await.remove(0);
        app.data(NOTE, json!({ "id": claim, "body": "down?" }))
            .await;

        // Retried at once and then every second, it has failed for 2 s by the third attempt.
        let told = next_disabled(&mut admin_socket, Duration::from_secs(15)).await;
        assert_eq!(told["id"], webhook.as_str());
        assert_eq!(told["enabled"], false);
        let reason = told["disabledReason"].as_str().unwrap();
        assert!(
            reason.starts_with("every delivery failed since"),
            "{reason}"
        );
        assert!(told["disabledAt"].is_string());
        assert!(receiver.received().len() >= 3, "it was retried");
        let shown = app
            .as_user("admin")
            .data(WEBHOOK, json!({ "id": webhook }))
            .await;
        assert_eq!(shown["webhook"]["enabled"], false);
        assert_eq!(shown["webhook"]["disabledReason"], reason);

        // An admin disabling the other endpoint on another instance is told of too.
        let another = app.spawn_another_instance().await;
        another
            .as_user("admin")
            .data(
                "mutation($id: ID!) { disableWebhook(input: {webhookId: $id}) { webhook { id } } }",
                json!({ "id": other }),
            )
            .await;
        let told = next_disabled(&mut admin_socket, Duration::from_secs(5)).await;
        assert_eq!(told["id"], other.as_str());
        another.stop().await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn private_destinations_are_refused_by_default() {
    for backend in claimdesk_tests::Backend::configured() {
        let app = TestApp::spawn_with(backend, |config| {
            config.webhooks.webhook_allow_private = false;
        })
        .await;
        for url in [
            "http://127.0.0.1:9/hook",
            "http://localhost/hook",
            "http://10.0.0.7/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/",
            "http://[fd00:ec2::254]/",
        ] {
            let error = app
                .as_user("admin")
                .error(CREATE, json!({ "input": { "url": url } }))
                .await;
            assert_eq!(code(&error), "BAD_USER_INPUT", "{url}: {error}");
            assert_eq!(error["extensions"]["field"], "url", "{error}");
        }
        let error = app
            .as_user("admin")
            .error(CREATE, json!({ "input": { "url": "ftp://example.com/" } }))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        app.stop().await;
    }
}

#[tokio::test]
async fn only_admins_manage_webhooks() {
    on_each_backend(|app| async move {
        let receiver = Receiver::start().await;
        let (webhook, _) = create(&app, &receiver.url(), json!([])).await;
        let operations = [
            (CREATE, json!({ "input": { "url": receiver.url() } })),
            ("{ webhooks { id } }", json!({})),
            (WEBHOOK, json!({ "id": webhook })),
            (ROTATE, json!({ "id": webhook })),
            (
                "mutation($id: ID!) { updateWebhook(input: {webhookId: $id, enabled: true}) { webhook { id } } }",
                json!({ "id": webhook }),
            ),
            (
                "mutation($id: ID!) { disableWebhook(input: {webhookId: $id}) { webhook { id } } }",
                json!({ "id": webhook }),
            ),
            (
                "mutation($id: ID!) { deleteWebhook(input: {webhookId: $id}) { webhook { id } } }",
                json!({ "id": webhook }),
            ),
            (
                "mutation($id: ID!) { redeliver(input: {deliveryId: $id}) { delivery { id } } }",
                json!({ "id": "V2ViaG9va0RlbGl2ZXJ5OjE" }),
            ),
        ];
        for user in ["viewer", "ingest", "reviewer", "editor"] {
            for (operation, variables) in &operations {
                let error = app.as_user(user).error(operation, variables.clone()).await;
                assert_eq!(code(&error), "FORBIDDEN", "{user}: {operation}");
            }
        }
        let admin = app.as_user("admin");
        for (operation, variables) in &operations[..operations.len() - 1] {
            admin.data(operation, variables.clone()).await;
        }
        for user in ["viewer", "ingest", "reviewer", "editor"] {
            let mut socket = app.subscriber(user).await;
            socket.subscribe("disabled", DISABLED, json!({})).await;
            let refused = socket.next(Duration::from_secs(5)).await.expect("an answer");
            // A `next` with the errors, or an `error` message that holds them.
            let errors = refused.get("errors").unwrap_or(&refused["payload"]);
            assert_eq!(code(&errors[0]), "FORBIDDEN", "{user}: {refused}");
        }
    })
    .await;
}
