//! `Claim.viewerActions` offers exactly what the server then accepts, for every role and
//! status; `users` lists the people a claim can be assigned to.

use claimdesk_tests::{TestApp, node_strings, on_each_backend};
use serde_json::json;

use crate::operations::*;

const ROLES: [&str; 5] = ["viewer", "ingest", "reviewer", "editor", "admin"];
const STATUSES: [&str; 4] = ["NEW", "FLAGGED", "IN_REVIEW", "CLOSED"];
const ACTIONS: [&str; 7] = [
    "FLAG",
    "ASSIGN",
    "START_REVIEW",
    "ATTACH_EVIDENCE",
    "ADD_NOTE",
    "CLOSE_REVIEW",
    "REOPEN_REVIEW",
];

#[tokio::test]
async fn the_offered_actions_are_exactly_the_accepted_ones() {
    on_each_backend(offered_actions_are_accepted).await;
}

async fn offered_actions_are_accepted(app: TestApp) {
    let mut n = 0;
    for status in STATUSES {
        for role in ROLES {
            n += 1;
            let offered = viewer_actions(&app, role, &claim_in(&app, n, status).await).await;
            for action in ACTIONS {
                n += 1;
                let claim = claim_in(&app, n, status).await;
                let accepted = attempt(&app, role, action, &claim, status).await;
                assert_eq!(
                    offered.contains(&action.to_owned()),
                    accepted,
                    "{role} on a {status} claim: {action} offered in {offered:?}, accepted: {accepted}"
                );
            }
        }
    }
}

#[tokio::test]
async fn users_are_listed_by_role_and_name() {
    on_each_backend(users_listed).await;
}

async fn users_listed(app: TestApp) {
    let list = "query($filter: UserFilter) {
        users(filter: $filter, first: 10) { totalCount edges { node { id name role } } }
    }";
    let reviewers = app
        .as_user("viewer")
        .data(
            list,
            json!({ "filter": { "role": ["REVIEWER", "EDITOR"] } }),
        )
        .await;
    let names = node_strings(&reviewers["users"], "name");
    assert!(names.contains(&"reviewer".to_owned()) && names.contains(&"editor".to_owned()));
    assert!(!names.contains(&"viewer".to_owned()) && !names.contains(&"admin".to_owned()));
    assert_eq!(reviewers["users"]["totalCount"], names.len());
    for edge in reviewers["users"]["edges"].as_array().unwrap() {
        let role = edge["node"]["role"].as_str().unwrap();
        assert!(role == "REVIEWER" || role == "EDITOR", "{role}");
    }
    let by_name = app
        .as_user("viewer")
        .data(list, json!({ "filter": { "name": "DITO" } }))
        .await;
    assert!(
        node_strings(&by_name["users"], "name")
            .iter()
            .all(|name| name.contains("dito"))
    );
    let editor_id = user_id(&app, "editor").await;
    let edges = by_name["users"]["edges"].as_array().unwrap();
    let editor = edges.iter().find(|edge| edge["node"]["name"] == "editor");
    assert_eq!(
        editor.unwrap()["node"]["id"].as_str(),
        Some(editor_id.as_str())
    );
    let everyone = app.as_user("viewer").data(list, json!({})).await;
    assert!(node_strings(&everyone["users"], "name").len() >= ROLES.len());
}

async fn viewer_actions(app: &TestApp, role: &str, claim: &str) -> Vec<String> {
    let data = app
        .as_user(role)
        .data(
            "query($id: ID!) { claim(id: $id) { viewerActions } }",
            json!({ "id": claim }),
        )
        .await;
    serde_json::from_value(data["claim"]["viewerActions"].clone()).unwrap()
}

/// A new claim on the seed article, moved to `status` by the editor.
async fn claim_in(app: &TestApp, n: usize, status: &str) -> String {
    let jefferies = jefferies_claim(app).await;
    let input = json!({
        "articleId": jefferies["article"]["id"], "externalId": format!("actions-{n}"),
        "text": "A claim.", "quote": jefferies["quote"], "span": jefferies["span"],
    });
    let id = mutate(app, CREATE_CLAIM, input).await["claim"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let to = |verdict: &str| json!({ "claimId": id, "verdict": verdict, "summary": "s" });
    if status != "NEW" {
        mutate(app, FLAG, json!({ "claimId": id, "reason": "r" })).await;
    }
    if status == "IN_REVIEW" || status == "CLOSED" {
        mutate(app, START, json!({ "claimId": id })).await;
    }
    if status == "CLOSED" {
        mutate(app, CLOSE, to("UNPROVEN")).await;
    }
    id
}

/// Sends `action` as `role` with input the workflow accepts in `status` (a closing of a claim
/// that was never reviewed as `NOT_CHECKABLE`, an assignment to oneself); whether it applied.
async fn attempt(app: &TestApp, role: &str, action: &str, claim: &str, status: &str) -> bool {
    let (operation, input) = match action {
        "FLAG" => (FLAG, json!({ "claimId": claim, "reason": "r" })),
        "ASSIGN" => (
            ASSIGN,
            json!({ "claimId": claim, "assigneeId": user_id(app, role).await }),
        ),
        "START_REVIEW" => (START, json!({ "claimId": claim })),
        "ATTACH_EVIDENCE" => (ATTACH, technical_report(claim)),
        "ADD_NOTE" => (NOTE, json!({ "claimId": claim, "body": "b" })),
        "CLOSE_REVIEW" => {
            let verdict = if status == "IN_REVIEW" {
                "UNPROVEN"
            } else {
                "NOT_CHECKABLE"
            };
            (
                CLOSE,
                json!({ "claimId": claim, "verdict": verdict, "summary": "s" }),
            )
        }
        "REOPEN_REVIEW" => (REOPEN, json!({ "claimId": claim, "reason": "r" })),
        other => panic!("no action {other}"),
    };
    let response = app
        .as_user(role)
        .graphql(&with_fields(operation), json!({ "input": input }))
        .await;
    response.get("errors").is_none()
}
