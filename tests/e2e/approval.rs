//! A second approver before a verdict is published (`--require-approval`), verdict versions
//! and public corrections, on each backend: the Jefferies claim with the policy on, the role
//! matrix of `approveVerdict` and `rejectVerdict`, two approvers racing, a stale version, and
//! closing a published claim again without a correction.

use claimdesk_tests::{Backend, TestApp, code, row_number};
use futures::future::join_all;
use serde_json::{Value, json};

use crate::operations::*;

const APPROVE: &str = "mutation Approve($input: ApproveVerdictInput!) {
    approveVerdict(input: $input) { claim { ...ClaimFields } } }";
const REJECT: &str = "mutation Reject($input: RejectVerdictInput!) {
    rejectVerdict(input: $input) { claim { ...ClaimFields } } }";
const VERDICTS: &str = "query Verdicts($id: ID!) { claim(id: $id) {
    status viewerActions claimReview
    verdicts { verdict summary closedBy { name } closedAt approvedBy { name } approvedAt
               publishedAt correction rejectedBy { name } rejectionReason } } }";

/// Runs `test` on a server with the approval policy on, on every configured backend.
async fn with_approval<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in Backend::configured() {
        eprintln!("--- on {backend:?}");
        let app = TestApp::spawn_with(backend, |config| {
            config.publishing.require_approval = true;
        })
        .await;
        test(app).await;
    }
}

/// Runs `test` on a server with the policy off, as by default, on every backend.
async fn without_approval<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    claimdesk_tests::on_each_backend(test).await;
}

/// A second editor, B, with a token; returns the token.
async fn second_editor(app: &TestApp) -> String {
    app.create_user("editor-b", "EDITOR").await.1
}

/// Runs a mutation with `token` and returns the whole response.
async fn send_with(app: &TestApp, token: &str, operation: &str, input: Value) -> Value {
    app.with_token(Some(token.to_owned()))
        .graphql(&with_fields(operation), json!({ "input": input }))
        .await
}

/// The claim payload of a mutation sent with `token` that must succeed.
async fn mutate_with(app: &TestApp, token: &str, operation: &str, input: Value) -> Value {
    let response = send_with(app, token, operation, input).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    let data = response["data"].as_object().unwrap();
    data.values().next().unwrap()["claim"].clone()
}

/// `GET path` and its status and JSON body.
async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Takes the Jefferies claim to `IN_REVIEW` with evidence and a note, as the reviewer; returns
/// its ID.
async fn reviewed_jefferies(app: &TestApp) -> String {
    let id = jefferies_claim_id(app).await;
    let flag =
        json!({ "claimId": id, "reason": "Widely repeated cost figure.", "priority": "HIGH" });
    mutate_as(app, "reviewer", FLAG, flag).await;
    mutate_as(app, "reviewer", START, json!({ "claimId": id })).await;
    mutate_as(app, "reviewer", ATTACH, technical_report(&id)).await;
    let note = json!({ "claimId": id, "body": "$5.576M assumes $2 per GPU hour." });
    mutate_as(app, "reviewer", NOTE, note).await;
    id
}

fn close_input(id: &str, summary: &str, version: &Value) -> Value {
    json!({ "claimId": id, "verdict": "MISLEADING", "summary": summary, "expectedVersion": version })
}

#[tokio::test]
async fn the_jefferies_verdict_is_published_once_a_second_editor_approves_it() {
    with_approval(jefferies_with_approval).await;
}

async fn jefferies_with_approval(app: TestApp) {
    let editor_b = second_editor(&app).await;
    // 1. A reviewer does the review work.
    let id = reviewed_jefferies(&app).await;
    let row = row_number(&id);
    let review = format!("/claim-reviews/{row}.jsonld");

    // 2. Editor A closes it as MISLEADING: it awaits approval, and nothing is published.
    let version = claim(&app, &id).await["version"].clone();
    let summary = "The $5.6M covers only the final training run.";
    let closed = mutate(&app, CLOSE, close_input(&id, summary, &version)).await["claim"].clone();
    assert_eq!(closed["status"], "AWAITING_APPROVAL");
    assert_eq!(
        closed["history"].as_array().unwrap().last().unwrap()["toStatus"],
        "AWAITING_APPROVAL"
    );
    assert_eq!(get_json(&app, &review).await.0, 404);
    let seen = app.data(VERDICTS, json!({ "id": id })).await["claim"].clone();
    assert_eq!(seen["claimReview"], Value::Null);
    assert_eq!(
        seen["viewerActions"],
        json!(["ASSIGN", "ADD_NOTE", "REJECT_VERDICT"])
    );
    let seen_by_b = app
        .with_token(Some(editor_b.clone()))
        .data(VERDICTS, json!({ "id": id }))
        .await["claim"]
        .clone();
    assert_eq!(
        seen_by_b["viewerActions"],
        json!(["ASSIGN", "ADD_NOTE", "APPROVE_VERDICT", "REJECT_VERDICT"])
    );
    // A verdict awaiting approval is not counted as published, from the tallies or counted.
    assert_eq!(
        verdict_counts(&app, &id).await,
        [json!([]), json!([]), json!([])]
    );
    // Notes are allowed while it waits; evidence is not.
    let note = json!({ "claimId": id, "body": "Waiting for a second editor." });
    mutate_as(&app, "reviewer", NOTE, note).await;
    let mut more = technical_report(&id);
    more["url"] = json!("https://example.org/another-source");
    let refused = app
        .as_user("reviewer")
        .error(&with_fields(ATTACH), json!({ "input": more }))
        .await;
    assert_eq!(code(&refused), "INVALID_TRANSITION");

    // 3. Editor A's own approval is refused, with the reason.
    let version = claim(&app, &id).await["version"].clone();
    let own = refuse(
        &app,
        APPROVE,
        json!({ "claimId": id, "expectedVersion": version }),
    )
    .await;
    assert_eq!(code(&own), "FORBIDDEN");
    assert_eq!(own["extensions"]["reason"], "SELF_APPROVAL");
    assert!(
        own["message"]
            .as_str()
            .unwrap()
            .contains("another EDITOR or ADMIN")
    );

    // 4. Editor B rejects it with a reason: back in IN_REVIEW.
    let reason = "Say that the figure is DeepSeek's own estimate.";
    let reject = json!({ "claimId": id, "reason": reason, "expectedVersion": version });
    let rejected = mutate_with(&app, &editor_b, REJECT, reject).await;
    assert_eq!(rejected["status"], "IN_REVIEW");
    assert_eq!(rejected["verdict"], Value::Null);
    let last = rejected["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "VERDICT_REJECTED");
    assert_eq!(last["detail"]["reason"], reason);
    assert_eq!(last["actor"]["name"], "editor-b");

    // 5. Editor A closes it again and editor B approves it: published.
    let summary = "DeepSeek's own estimate of the final V3 run at rented-GPU prices.";
    let version = rejected["version"].clone();
    let closed = mutate(&app, CLOSE, close_input(&id, summary, &version)).await["claim"].clone();
    assert_eq!(closed["status"], "AWAITING_APPROVAL");
    let approve = json!({ "claimId": id, "expectedVersion": closed["version"] });
    let approved = mutate_with(&app, &editor_b, APPROVE, approve).await;
    assert_eq!(approved["status"], "CLOSED");
    assert_eq!(approved["verdict"], "MISLEADING");
    let kinds = history_kinds(&approved);
    assert_eq!(kinds.last(), Some(&"VERDICT_APPROVED"));
    let (status, published) = get_json(&app, &review).await;
    assert_eq!(status, 200);
    assert_eq!(published["reviewBody"], summary);
    assert!(published.get("correction").is_none());
    let misleading = json!([{ "verdict": "MISLEADING", "count": 1 }]);
    assert_eq!(
        verdict_counts(&app, &id).await,
        [misleading.clone(), misleading.clone(), misleading]
    );

    corrected(&app, &editor_b, &id, (reason, summary)).await;
    app.stop().await;
}

/// The published verdicts of the desk counted three ways: `stats` for every claim (from the
/// tallies), `stats` for the claim's article (counted from the claims), and its source's
/// `claimsByVerdict`.
async fn verdict_counts(app: &TestApp, id: &str) -> [Value; 3] {
    let read = "query($id: ID!) { claim(id: $id) {
        article { id } source { claimsByVerdict { verdict count } } } }";
    let claim = app.data(read, json!({ "id": id })).await["claim"].clone();
    let stats = "query($filter: ClaimFilter) { stats(filter: $filter) {
        byVerdict { verdict count } awaitingApproval } }";
    let all = app.data(stats, json!({})).await["stats"].clone();
    let filter = json!({ "filter": { "articleId": claim["article"]["id"] } });
    let article = app.data(stats, filter).await["stats"].clone();
    assert_eq!(all["awaitingApproval"], article["awaitingApproval"]);
    [
        all["byVerdict"].clone(),
        article["byVerdict"].clone(),
        claim["source"]["claimsByVerdict"].clone(),
    ]
}

/// Steps 6 and 7: the approved Jefferies claim `id` is reopened, closed again with a
/// correction and approved by editor B; `earlier` is the rejection's reason and the approved
/// summary.
async fn corrected(app: &TestApp, editor_b: &str, id: &str, earlier: (&str, &str)) {
    let (reason, summary) = earlier;
    let row = row_number(id);
    let review = format!("/claim-reviews/{row}.jsonld");
    // 6. Reopened, and closed as MISLEADING with another summary and a correction; B approves.
    let reopen = json!({ "claimId": id, "reason": "Jefferies published a revised note." });
    mutate(app, REOPEN, reopen).await;
    let version = claim(app, id).await["version"].clone();
    let corrected_summary = "The revised note puts the full cost far higher.";
    let correction = "Jefferies revised its note; the summary now cites the revision.";
    let mut close = close_input(id, corrected_summary, &version);
    close["correction"] = json!(correction);
    let closed = mutate(app, CLOSE, close).await["claim"].clone();
    assert_eq!(closed["status"], "AWAITING_APPROVAL");
    let approve = json!({ "claimId": id, "expectedVersion": closed["version"] });
    let approved = mutate_with(app, editor_b, APPROVE, approve).await;
    let kinds = history_kinds(&approved);
    assert_eq!(
        kinds[kinds.len() - 2..],
        ["VERDICT_APPROVED", "VERDICT_CORRECTED"]
    );
    let corrected = approved["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(corrected["detail"]["correction"], correction);

    // 7. Three verdict versions, and the JSON-LD shows the correction.
    let read = app.data(VERDICTS, json!({ "id": id })).await["claim"].clone();
    let versions = read["verdicts"].as_array().unwrap();
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[0]["rejectedBy"]["name"], "editor-b");
    assert_eq!(versions[0]["rejectionReason"], reason);
    assert_eq!(versions[0]["publishedAt"], Value::Null);
    assert_eq!(versions[1]["closedBy"]["name"], "editor");
    assert_eq!(versions[1]["approvedBy"]["name"], "editor-b");
    assert_eq!(versions[1]["summary"], summary);
    assert_eq!(versions[1]["correction"], Value::Null);
    assert_eq!(versions[2]["correction"], correction);
    assert_eq!(versions[2]["publishedAt"], versions[2]["approvedAt"]);
    let (_, published) = get_json(app, &review).await;
    assert_eq!(published["reviewBody"], corrected_summary);
    assert_eq!(published["correction"]["@type"], "CorrectionComment");
    assert_eq!(published["correction"]["text"], correction);
    assert_eq!(
        published["dateModified"],
        published["correction"]["datePublished"]
    );
    assert!(published["datePublished"].is_string());
    assert_eq!(read["claimReview"], published);

    let (status, corrections) = get_json(app, "/claim-reviews/corrections.jsonld").await;
    assert_eq!(status, 200);
    let listed = corrections["dataFeedElement"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["text"], correction);
    assert!(
        listed[0]["about"]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/{row}"))
    );

    let desk = app
        .data(
            "{ stats { awaitingApproval closeToApproval { approved medianSeconds p90Seconds } } }",
            json!({}),
        )
        .await;
    assert_eq!(desk["stats"]["awaitingApproval"], 0);
    assert_eq!(desk["stats"]["closeToApproval"]["approved"], 2);
    assert!(
        desk["stats"]["closeToApproval"]["medianSeconds"]
            .as_f64()
            .unwrap()
            >= 0.0
    );
}

/// A claim closed by the editor and awaiting approval; returns its ID and version.
async fn awaiting(app: &TestApp) -> (String, Value) {
    let id = reviewed_jefferies(app).await;
    let version = claim(app, &id).await["version"].clone();
    let closed =
        mutate(app, CLOSE, close_input(&id, "Misleading.", &version)).await["claim"].clone();
    assert_eq!(closed["status"], "AWAITING_APPROVAL");
    (id, closed["version"].clone())
}

#[tokio::test]
async fn only_editors_and_admins_approve_or_reject() {
    with_approval(role_matrix).await;
}

async fn role_matrix(app: TestApp) {
    let (id, version) = awaiting(&app).await;
    for user in ["viewer", "ingest", "reviewer"] {
        for (operation, input) in [
            (
                APPROVE,
                json!({ "claimId": id, "expectedVersion": version }),
            ),
            (
                REJECT,
                json!({ "claimId": id, "reason": "No.", "expectedVersion": version }),
            ),
        ] {
            let error = app
                .as_user(user)
                .error(&with_fields(operation), json!({ "input": input }))
                .await;
            assert_eq!(code(&error), "FORBIDDEN", "{user}");
            assert_eq!(error["extensions"]["requiredRole"], "EDITOR", "{user}");
        }
    }
    // An admin who did not close it may approve it.
    let approve = json!({ "claimId": id, "expectedVersion": version });
    let approved = mutate_as(&app, "admin", APPROVE, approve).await["claim"].clone();
    assert_eq!(approved["status"], "CLOSED");
    app.stop().await;
}

#[tokio::test]
async fn an_admin_who_closed_the_review_cannot_approve_it_either() {
    with_approval(admin_self_approval).await;
}

async fn admin_self_approval(app: TestApp) {
    let id = reviewed_jefferies(&app).await;
    let version = claim(&app, &id).await["version"].clone();
    let closed = mutate_as(
        &app,
        "admin",
        CLOSE,
        close_input(&id, "Misleading.", &version),
    )
    .await["claim"]
        .clone();
    let approve = json!({ "claimId": id, "expectedVersion": closed["version"] });
    let error = app
        .as_user("admin")
        .error(&with_fields(APPROVE), json!({ "input": approve }))
        .await;
    assert_eq!(code(&error), "FORBIDDEN");
    assert_eq!(error["extensions"]["reason"], "SELF_APPROVAL");
    app.stop().await;
}

#[tokio::test]
async fn of_two_racing_approvers_exactly_one_wins() {
    with_approval(racing_approvers).await;
}

async fn racing_approvers(app: TestApp) {
    let editor_b = second_editor(&app).await;
    let (id, version) = awaiting(&app).await;
    let approve = json!({ "claimId": id, "expectedVersion": version });
    let admin = app.token("admin").to_owned();
    let attempts = [editor_b, admin].into_iter().map(|token| {
        let approve = approve.clone();
        let app = &app;
        async move { send_with(app, &token, APPROVE, approve).await }
    });
    let responses = join_all(attempts).await;
    let won = responses
        .iter()
        .filter(|r| r.get("errors").is_none())
        .count();
    assert_eq!(won, 1, "{responses:#?}");
    for response in responses.iter().filter(|r| r.get("errors").is_some()) {
        let code = code(&response["errors"][0]);
        assert!(code == "CONFLICT" || code == "INVALID_TRANSITION", "{code}");
    }
    let read = app.data(VERDICTS, json!({ "id": id })).await["claim"].clone();
    assert_eq!(read["status"], "CLOSED");
    assert_eq!(read["verdicts"].as_array().unwrap().len(), 1);
    let approvals = history_kinds(&claim(&app, &id).await)
        .into_iter()
        .filter(|kind| *kind == "VERDICT_APPROVED")
        .count();
    assert_eq!(approvals, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_stale_expected_version_is_a_conflict() {
    with_approval(stale_version).await;
}

async fn stale_version(app: TestApp) {
    let editor_b = second_editor(&app).await;
    let (id, version) = awaiting(&app).await;
    let note = json!({ "claimId": id, "body": "A note moves the version on." });
    mutate_as(&app, "reviewer", NOTE, note).await;
    for (operation, input) in [
        (
            APPROVE,
            json!({ "claimId": id, "expectedVersion": version }),
        ),
        (
            REJECT,
            json!({ "claimId": id, "reason": "No.", "expectedVersion": version }),
        ),
    ] {
        let response = send_with(&app, &editor_b, operation, input).await;
        let error = &response["errors"][0];
        assert_eq!(code(error), "CONFLICT", "{response:#}");
        assert_eq!(
            error["extensions"]["currentVersion"],
            version.as_i64().unwrap() + 1
        );
    }
    assert_eq!(claim(&app, &id).await["status"], "AWAITING_APPROVAL");
    app.stop().await;
}

#[tokio::test]
async fn closing_a_published_claim_again_needs_a_correction() {
    without_approval(correction_required).await;
}

async fn correction_required(app: TestApp) {
    let id = reviewed_jefferies(&app).await;
    let version = claim(&app, &id).await["version"].clone();
    // Never published: a correction is refused, none is needed.
    let mut close = close_input(&id, "Misleading.", &version);
    close["correction"] = json!("Nothing to correct.");
    let error = refuse(&app, CLOSE, close).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "correction");
    let closed =
        mutate(&app, CLOSE, close_input(&id, "Misleading.", &version)).await["claim"].clone();
    assert_eq!(closed["status"], "CLOSED");
    let dismissed = seeded_claim(&app, "278").await;
    let close =
        json!({ "claimId": dismissed["id"], "verdict": "NOT_CHECKABLE", "summary": "Vague." });
    mutate(&app, CLOSE, close).await;
    let reopen = json!({ "claimId": id, "reason": "A revised note." });
    let reopened = mutate(&app, REOPEN, reopen).await["claim"].clone();
    assert_eq!(reopened["verdict"], Value::Null);

    let again = close_input(&id, "Still misleading.", &reopened["version"]);
    let error = refuse(&app, CLOSE, again.clone()).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "correction");
    assert!(error["message"].as_str().unwrap().contains("correction"));

    let mut corrected = again;
    corrected["correction"] = json!("The revised note changes the summary.");
    let closed = mutate(&app, CLOSE, corrected).await["claim"].clone();
    assert_eq!(closed["status"], "CLOSED");
    let kinds = history_kinds(&closed);
    assert_eq!(kinds[kinds.len() - 2..], ["CLOSED", "VERDICT_CORRECTED"]);
    let read = app.data(VERDICTS, json!({ "id": id })).await["claim"].clone();
    let versions = read["verdicts"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["publishedAt"], versions[0]["closedAt"]);
    assert_eq!(versions[0]["approvedBy"], Value::Null);
    assert_eq!(
        read["claimReview"]["correction"]["text"],
        "The revised note changes the summary."
    );

    // The feed orders by last publication: the corrected review comes after one published
    // between its first publication and its correction.
    let (_, feed) = get_json(&app, "/claim-reviews.jsonld").await;
    let reviewed = each_text(&feed["dataFeedElement"], "reviewBody");
    assert_eq!(reviewed, ["Vague.", "Still misleading."]);
    let (_, corrections) = get_json(&app, "/claim-reviews/corrections.jsonld?limit=1").await;
    assert_eq!(corrections["dataFeedElement"].as_array().unwrap().len(), 1);
    app.stop().await;
}
