//! The Jefferies training-cost claim, taken through a full review: a reviewer does the review
//! work and an editor closes and reopens it, each with their own token.

use claimdesk_tests::{TestApp, on_each_backend};
use serde_json::{Value, json};

use crate::operations::*;

#[tokio::test]
async fn the_jefferies_claim_goes_through_a_full_review() {
    on_each_backend(full_review).await;
}

async fn full_review(app: TestApp) {
    let (id, versions) = review_until_closed(&app).await;
    reopen(&app, &id, versions[versions.len() - 1]).await;
}

/// Steps 1 to 7: returns the claim's ID and its version after each step.
pub(crate) async fn review_until_closed(app: &TestApp) -> (String, Vec<i64>) {
    // 1. Find it.
    let found = jefferies_claim(app).await;
    let id = found["id"].as_str().unwrap().to_owned();
    assert_eq!(found["status"], "NEW");
    assert_eq!(
        found["source"],
        json!({ "name": "Jefferies analysts", "kind": "ORGANIZATION" })
    );
    assert!(found["quote"].as_str().unwrap().contains("$5.6 million"));
    let mut versions = vec![found["version"].as_i64().unwrap()];

    // 2. Flag it HIGH, with a reason.
    let flagged = mutate_as(
        app,
        "reviewer",
        FLAG,
        json!({
            "claimId": id,
            "reason": "Widely repeated cost figure; the $5.6M covers only the final training run.",
            "priority": "HIGH",
            "expectedVersion": versions[0],
        }),
    )
    .await["claim"]
        .clone();
    assert_eq!(flagged["status"], "FLAGGED");
    assert_eq!(flagged["priority"], "HIGH");
    versions.push(flagged["version"].as_i64().unwrap());

    // 3. Assign it, then start the review.
    let me = user_id(app, "reviewer").await;
    let assign = json!({ "claimId": id, "assigneeId": me });
    let assigned = mutate_as(app, "reviewer", ASSIGN, assign).await["claim"].clone();
    assert_eq!(assigned["assignee"]["name"], "reviewer");
    assert_eq!(assigned["status"], "FLAGGED");
    versions.push(assigned["version"].as_i64().unwrap());
    let started = mutate_as(
        app,
        "reviewer",
        START,
        json!({ "claimId": id, "expectedVersion": versions[2] }),
    )
    .await["claim"]
        .clone();
    assert_eq!(started["status"], "IN_REVIEW");
    versions.push(started["version"].as_i64().unwrap());

    // 4. Attach the DeepSeek-V3 technical report as context.
    let attached = mutate_as(app, "reviewer", ATTACH, technical_report(&id)).await;
    assert_eq!(
        attached["evidence"]["url"],
        "https://arxiv.org/abs/2412.19437"
    );
    assert_eq!(attached["evidence"]["stance"], "CONTEXT");
    assert_eq!(attached["claim"]["evidence"].as_array().unwrap().len(), 1);
    versions.push(attached["claim"]["version"].as_i64().unwrap());

    // 5. Add a note.
    let noted = mutate_as(
        app,
        "reviewer",
        NOTE,
        json!({
            "claimId": id,
            "body": "The report's $5.576M assumes $2 per H800 GPU hour and excludes prior \
        research and ablations, so 'training cost' understates the total.",
        }),
    )
    .await;
    assert_eq!(noted["note"]["author"]["name"], "reviewer");
    versions.push(noted["claim"]["version"].as_i64().unwrap());

    // 6. Close the review as MISLEADING, with a summary.
    let summary = "The $5.6M figure is DeepSeek's own estimate for the final V3 training run \
at rented-GPU prices; it excludes research, ablations and hardware, so comparing it with the \
full cost of Llama is misleading.";
    let closed = mutate(
        app,
        CLOSE,
        json!({
            "claimId": id,
            "verdict": "MISLEADING",
            "summary": summary,
            "expectedVersion": versions[5],
        }),
    )
    .await["claim"]
        .clone();
    assert_eq!(closed["status"], "CLOSED");
    assert_eq!(closed["verdict"], "MISLEADING");
    assert_eq!(closed["verdictSummary"], summary);
    assert!(closed["closedAt"].is_string());
    versions.push(closed["version"].as_i64().unwrap());

    check_history(&closed, &versions);
    (id, versions)
}

/// Step 7: the history shows every step in order, with its actor; the version grew each time.
fn check_history(closed: &Value, versions: &[i64]) {
    assert_eq!(history_kinds(closed), claimdesk_tests::REVIEW_KINDS);
    let history = closed["history"].as_array().unwrap();
    assert_eq!(history[0]["actor"]["name"], "claimdesk-seed");
    for event in &history[1..6] {
        assert_eq!(event["actor"]["name"], "reviewer", "{event:#}");
    }
    assert_eq!(history[6]["actor"]["name"], "editor");
    assert_eq!(
        (&history[1]["fromStatus"], &history[1]["toStatus"]),
        (&json!("NEW"), &json!("FLAGGED"))
    );
    assert_eq!(history[1]["detail"]["priority"], "HIGH");
    assert_eq!(history[6]["toStatus"], "CLOSED");
    assert_eq!(history[6]["detail"]["verdict"], "MISLEADING");
    for pair in versions.windows(2) {
        assert_eq!(
            pair[1],
            pair[0] + 1,
            "versions {versions:?} grow by one with each change"
        );
    }
}

/// Step 8: reopen it, and read it back.
async fn reopen(app: &TestApp, id: &str, version: i64) {
    let reopened = mutate(
        app,
        REOPEN,
        json!({ "claimId": id, "reason": "Jefferies published a revised note.", "expectedVersion": version }),
    )
    .await["claim"]
        .clone();
    assert_eq!(reopened["status"], "IN_REVIEW");
    assert_eq!(reopened["verdict"], json!(null));
    assert_eq!(reopened["version"], version + 1);
    let last = reopened["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "REOPENED");
    assert_eq!(last["detail"]["previousVerdict"], "MISLEADING");

    // And it reads back the same through `claim(id)`.
    let read = claim(app, id).await;
    assert_eq!(read["status"], "IN_REVIEW");
    assert_eq!(read["evidence"].as_array().unwrap().len(), 1);
    assert_eq!(read["notes"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_history_cannot_be_rewritten_even_in_the_database() {
    on_each_backend(append_only_history).await;
}

async fn append_only_history(app: TestApp) {
    use sea_orm::{ConnectionTrait, Database};

    let db = Database::connect(app.database.url.as_str()).await.unwrap();
    for statement in [
        "UPDATE claim_events SET kind = 'CLOSED'",
        "DELETE FROM claim_events",
    ] {
        let refused = db.execute_unprepared(statement).await.unwrap_err();
        assert!(
            refused.to_string().contains("append-only"),
            "{statement}: {refused}"
        );
    }
    db.close().await.unwrap();
    let claim = jefferies_claim(&app).await;
    assert_eq!(history_kinds(&claim), ["CREATED"]);
}
