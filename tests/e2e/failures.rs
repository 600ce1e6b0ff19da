//! Refused changes: each answers with a precise code and leaves the claim exactly as it was.

use claimdesk_tests::{TestApp, code, on_each_backend};
use serde_json::{Value, json};

use crate::operations::*;

/// Moves the seeded claim mentioning `words` to `status` and returns it.
async fn claim_in(app: &TestApp, words: &str, status: &str) -> Value {
    let claim = seeded_claim(app, words).await;
    let id = claim["id"].as_str().unwrap().to_owned();
    let steps: &[(&str, Value)] = &[
        (
            FLAG,
            json!({ "claimId": id, "reason": "worth a check", "priority": "NORMAL" }),
        ),
        (START, json!({ "claimId": id })),
        (ATTACH, technical_report(&id)),
        (
            CLOSE,
            json!({ "claimId": id, "verdict": "TRUE", "summary": "Checked." }),
        ),
    ];
    let count = match status {
        "NEW" => 0,
        "FLAGGED" => 1,
        "IN_REVIEW" => 2,
        "CLOSED" => 4,
        other => panic!("unknown status {other}"),
    };
    for (operation, input) in &steps[..count] {
        mutate(app, operation, input.clone()).await;
    }
    let claim = self::claim(app, &id).await;
    assert_eq!(claim["status"], status);
    claim
}

/// Sends `operation` and checks that it fails with `expected_code` and changes nothing.
async fn refused(
    app: &TestApp,
    before: &Value,
    operation: &str,
    input: Value,
    expected_code: &str,
) -> Value {
    let error = refuse(app, operation, input).await;
    assert_eq!(code(&error), expected_code, "{error:#}");
    let after = claim(app, before["id"].as_str().unwrap()).await;
    assert_eq!(&after, before, "a refused change left the claim untouched");
    error
}

#[tokio::test]
async fn every_invalid_transition_is_refused_and_names_the_way_forward() {
    on_each_backend(invalid_transitions).await;
}

async fn invalid_transitions(app: TestApp) {
    let me = user_id(&app, "editor").await;
    let new = claim_in(&app, "278", "NEW").await;
    let flagged = claim_in(&app, "Microsoft", "FLAGGED").await;
    let in_review = claim_in(&app, "Nvidia made", "IN_REVIEW").await;
    let closed = claim_in(&app, "Jefferies", "CLOSED").await;
    let id = |claim: &Value| claim["id"].as_str().unwrap().to_owned();
    let close_as = |claim: &Value, verdict: &str| json!({ "claimId": id(claim), "verdict": verdict, "summary": "Done." });
    let flag = |claim: &Value| json!({ "claimId": id(claim), "reason": "again" });
    let reopen = |claim: &Value| json!({ "claimId": id(claim), "reason": "again" });
    let start = |claim: &Value| json!({ "claimId": id(claim) });

    let cases: Vec<(&Value, &str, Value, &str, &[&str])> = vec![
        (&new, START, start(&new), "NEW", &["FLAGGED", "CLOSED"]),
        (&new, REOPEN, reopen(&new), "NEW", &["FLAGGED", "CLOSED"]),
        (
            &flagged,
            FLAG,
            flag(&flagged),
            "FLAGGED",
            &["IN_REVIEW", "CLOSED"],
        ),
        (
            &flagged,
            REOPEN,
            reopen(&flagged),
            "FLAGGED",
            &["IN_REVIEW", "CLOSED"],
        ),
        (&in_review, FLAG, flag(&in_review), "IN_REVIEW", &["CLOSED"]),
        (
            &in_review,
            START,
            start(&in_review),
            "IN_REVIEW",
            &["CLOSED"],
        ),
        (
            &in_review,
            REOPEN,
            reopen(&in_review),
            "IN_REVIEW",
            &["CLOSED"],
        ),
        (&closed, FLAG, flag(&closed), "CLOSED", &["IN_REVIEW"]),
        (&closed, START, start(&closed), "CLOSED", &["IN_REVIEW"]),
        (
            &closed,
            CLOSE,
            close_as(&closed, "FALSE"),
            "CLOSED",
            &["IN_REVIEW"],
        ),
        (
            &closed,
            ASSIGN,
            json!({ "claimId": id(&closed), "assigneeId": me }),
            "CLOSED",
            &["IN_REVIEW"],
        ),
        (
            &closed,
            ATTACH,
            technical_report(&id(&closed)),
            "CLOSED",
            &["IN_REVIEW"],
        ),
    ];
    for (before, operation, input, current, allowed) in cases {
        let error = refused(&app, before, operation, input, "INVALID_TRANSITION").await;
        assert_eq!(error["extensions"]["currentStatus"], current, "{error:#}");
        assert_eq!(
            error["extensions"]["allowedStatuses"],
            json!(allowed),
            "{error:#}"
        );
        assert!(error["message"].as_str().unwrap().contains(current));
    }

    // An unreviewed claim can only be dismissed as NOT_CHECKABLE.
    for before in [&new, &flagged] {
        let error = refused(
            &app,
            before,
            CLOSE,
            close_as(before, "FALSE"),
            "INVALID_TRANSITION",
        )
        .await;
        assert_eq!(error["extensions"]["reason"], "REVIEW_REQUIRED");
    }
    let dismissed = mutate(&app, CLOSE, close_as(&new, "NOT_CHECKABLE")).await["claim"].clone();
    assert_eq!(
        (&dismissed["status"], &dismissed["verdict"]),
        (&json!("CLOSED"), &json!("NOT_CHECKABLE"))
    );
    assert_eq!(
        dismissed["history"].as_array().unwrap().last().unwrap()["fromStatus"],
        "NEW"
    );
}

#[tokio::test]
async fn closing_needs_evidence_unless_the_facts_cannot_be_established() {
    on_each_backend(closing_without_evidence).await;
}

async fn closing_without_evidence(app: TestApp) {
    let before = claim_in(&app, "Jefferies", "IN_REVIEW").await;
    let id = before["id"].as_str().unwrap();
    for verdict in ["TRUE", "MISLEADING", "FALSE", "MISATTRIBUTED"] {
        let input = json!({ "claimId": id, "verdict": verdict, "summary": "Looks wrong." });
        let error = refused(&app, &before, CLOSE, input, "INVALID_TRANSITION").await;
        assert_eq!(error["extensions"]["reason"], "EVIDENCE_REQUIRED");
    }
    let blank = json!({ "claimId": id, "verdict": "UNPROVEN", "summary": "   " });
    let error = refused(&app, &before, CLOSE, blank, "BAD_USER_INPUT").await;
    assert_eq!(error["extensions"]["field"], "summary");

    let input = json!({ "claimId": id, "verdict": "UNPROVEN", "summary": "No public data." });
    let closed = mutate(&app, CLOSE, input).await["claim"].clone();
    assert_eq!(closed["verdict"], "UNPROVEN");
}

#[tokio::test]
async fn a_stale_expected_version_is_a_conflict() {
    on_each_backend(stale_version).await;
}

async fn stale_version(app: TestApp) {
    let before = claim_in(&app, "Jefferies", "FLAGGED").await;
    let id = before["id"].as_str().unwrap();
    let stale = before["version"].as_i64().unwrap() - 1;
    let error = refused(
        &app,
        &before,
        START,
        json!({ "claimId": id, "expectedVersion": stale }),
        "CONFLICT",
    )
    .await;
    assert_eq!(error["extensions"]["currentVersion"], before["version"]);
    let note = json!({ "claimId": id, "body": "late", "expectedVersion": stale });
    refused(&app, &before, NOTE, note, "CONFLICT").await;
}

#[tokio::test]
async fn evidence_is_checked_before_it_is_attached() {
    on_each_backend(evidence_checks).await;
}

async fn evidence_checks(app: TestApp) {
    let before = claim_in(&app, "Jefferies", "IN_REVIEW").await;
    let id = before["id"].as_str().unwrap();
    for url in [
        "ftp://example.org/report.pdf",
        "javascript:alert(1)",
        "arxiv.org/abs/2412.19437",
        "",
    ] {
        let mut input = technical_report(id);
        input["url"] = json!(url);
        let error = refused(&app, &before, ATTACH, input, "BAD_USER_INPUT").await;
        assert_eq!(error["extensions"]["field"], "url", "{url}");
    }

    let attached = mutate(&app, ATTACH, technical_report(id)).await["claim"].clone();
    let error = refused(
        &app,
        &attached,
        ATTACH,
        technical_report(id),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(error["extensions"]["field"], "url");
    assert!(error["message"].as_str().unwrap().contains("already"));
}

#[tokio::test]
async fn unknown_and_mistyped_ids_are_refused() {
    on_each_backend(unknown_ids).await;
}

async fn unknown_ids(app: TestApp) {
    let jefferies = jefferies_claim(&app).await;
    let unknown_claim = "Q2xhaW06OTk5OTk"; // Claim:99999
    let error = app
        .error(&with_fields(CLAIM), json!({ "id": unknown_claim }))
        .await;
    assert_eq!(code(&error), "NOT_FOUND");
    let flag = json!({ "claimId": unknown_claim, "reason": "x" });
    assert_eq!(code(&refuse(&app, FLAG, flag).await), "NOT_FOUND");

    let source_id = "U291cmNlOjE"; // Source:1
    let error = app
        .error(&with_fields(CLAIM), json!({ "id": source_id }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("expected the ID of a Claim")
    );
    let error = app
        .error(&with_fields(CLAIM), json!({ "id": "not-an-id" }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");

    let unknown_user = "VXNlcjo5OTk"; // User:999
    let assign = json!({ "claimId": jefferies["id"], "assigneeId": unknown_user });
    refused(&app, &jefferies, ASSIGN, assign, "NOT_FOUND").await;

    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": unknown_claim }),
        )
        .await;
    assert_eq!(data["node"], json!(null));
}

#[tokio::test]
async fn a_quote_must_match_the_article_at_its_span() {
    on_each_backend(quote_mismatch).await;
}

async fn quote_mismatch(app: TestApp) {
    let jefferies = jefferies_claim(&app).await;
    let article = app
        .data(
            "query($id: ID!) { claim(id: $id) { article { id body } } }",
            json!({ "id": jefferies["id"] }),
        )
        .await["claim"]["article"]
        .clone();
    let count = || async {
        app.data("{ claims { totalCount } }", json!({})).await["claims"]["totalCount"]
            .as_i64()
            .unwrap()
    };
    let before = count().await;
    let start = jefferies["span"]["start"].as_i64().unwrap();
    let end = jefferies["span"]["end"].as_i64().unwrap();
    let body_length = i64::try_from(article["body"].as_str().unwrap().chars().count()).unwrap();
    let attempts = [
        (
            jefferies["quote"].as_str().unwrap().replace("$5.6", "$6.5"),
            start,
            end,
        ),
        (
            jefferies["quote"].as_str().unwrap().to_owned(),
            start + 1,
            end + 1,
        ),
        ("Llama".to_owned(), body_length - 2, body_length + 3),
        ("Llama".to_owned(), 10, 5),
    ];
    for (quote, start, end) in attempts {
        let input = json!({
            "articleId": article["id"], "text": "A claim.", "quote": quote,
            "span": { "start": start, "end": end },
        });
        let error = refuse(&app, CREATE_CLAIM, input).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error:#}");
        assert_eq!(error["extensions"]["field"], "quote");
    }
    assert_eq!(count().await, before, "no claim was created");
}
