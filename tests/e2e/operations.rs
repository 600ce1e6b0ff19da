//! The GraphQL operations the tests send, and small readers of their results.

use claimdesk_tests::TestApp;
use serde_json::{Value, json};

/// The fields of a claim the tests look at.
pub const CLAIM_FIELDS: &str = "
    fragment ClaimFields on Claim {
        id text quote span { start end } status priority flagReason version
        verdict verdictSummary closedAt
        article { id }
        assignee { id name }
        source { name kind }
        evidence { url stance }
        notes { body }
        history { kind actor { name } fromStatus toStatus detail }
    }";

pub const FIND_CLAIMS: &str = "
    query Find($filter: ClaimFilter) {
        claims(filter: $filter, first: 100) { totalCount edges { node { ...ClaimFields } } }
    }";

pub const CLAIM: &str = "query Claim($id: ID!) { claim(id: $id) { ...ClaimFields } }";

pub const FLAG: &str = "mutation Flag($input: FlagClaimInput!) {
    flagClaim(input: $input) { claim { ...ClaimFields } } }";
pub const ASSIGN: &str = "mutation Assign($input: AssignClaimInput!) {
    assignClaim(input: $input) { claim { ...ClaimFields } } }";
pub const START: &str = "mutation Start($input: StartReviewInput!) {
    startReview(input: $input) { claim { ...ClaimFields } } }";
pub const ATTACH: &str = "mutation Attach($input: AttachEvidenceInput!) {
    attachEvidence(input: $input) { claim { ...ClaimFields } evidence { id url title stance } } }";
pub const NOTE: &str = "mutation Note($input: AddNoteInput!) {
    addNote(input: $input) { claim { ...ClaimFields } note { id body author { name } } } }";
pub const CLOSE: &str = "mutation Close($input: CloseReviewInput!) {
    closeReview(input: $input) { claim { ...ClaimFields } } }";
pub const REOPEN: &str = "mutation Reopen($input: ReopenReviewInput!) {
    reopenReview(input: $input) { claim { ...ClaimFields } } }";
pub const CREATE_CLAIM: &str = "mutation Create($input: CreateClaimInput!) {
    createClaim(input: $input) { created claim { ...ClaimFields } } }";

/// `operation` with the claim fragment appended.
pub fn with_fields(operation: &str) -> String {
    format!("{operation}\n{CLAIM_FIELDS}")
}

/// Runs a mutation as the editor that must succeed and returns the payload of its only field.
pub async fn mutate(app: &TestApp, operation: &str, input: Value) -> Value {
    mutate_as(app, "editor", operation, input).await
}

/// Runs a mutation as the test user `user` that must succeed and returns its payload.
pub async fn mutate_as(app: &TestApp, user: &str, operation: &str, input: Value) -> Value {
    let data = app
        .as_user(user)
        .data(&with_fields(operation), json!({ "input": input }))
        .await;
    data.as_object()
        .and_then(|fields| fields.values().next())
        .cloned()
        .expect("a payload")
}

/// Runs a mutation that must fail and returns its error.
pub async fn refuse(app: &TestApp, operation: &str, input: Value) -> Value {
    app.error(&with_fields(operation), json!({ "input": input }))
        .await
}

/// The claim with `id` as it is now.
pub async fn claim(app: &TestApp, id: &str) -> Value {
    app.data(&with_fields(CLAIM), json!({ "id": id })).await["claim"].clone()
}

/// The claims that pass `filter`.
pub async fn find_claims(app: &TestApp, filter: Value) -> Vec<Value> {
    let data = app
        .data(&with_fields(FIND_CLAIMS), json!({ "filter": filter }))
        .await;
    claim_nodes(&data)
}

/// The claims of a `claims` connection in `data`, in order.
pub fn claim_nodes(data: &Value) -> Vec<Value> {
    claimdesk_tests::nodes(&data["claims"])
}

/// The seeded Jefferies training-cost claim.
pub async fn jefferies_claim(app: &TestApp) -> Value {
    let claims = find_claims(app, json!({ "sourceName": "Jefferies" })).await;
    assert_eq!(
        claims.len(),
        1,
        "one claim is attributed to Jefferies analysts"
    );
    claims[0].clone()
}

/// The global ID of the seeded claim attributed to Jefferies analysts.
pub async fn jefferies_claim_id(app: &TestApp) -> String {
    jefferies_claim(app).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The seeded claim whose quote holds `words`.
pub async fn seeded_claim(app: &TestApp, words: &str) -> Value {
    let claims = find_claims(app, json!({})).await;
    claims
        .into_iter()
        .find(|claim| claim["quote"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no seeded claim mentions {words:?}"))
}

/// The ID of the test user `user`.
pub async fn user_id(app: &TestApp, user: &str) -> String {
    let data = app.as_user(user).data("{ viewer { id } }", json!({})).await;
    data["viewer"]["id"].as_str().unwrap().to_owned()
}

/// The event kinds of a claim's history, in order.
pub fn history_kinds(claim: &Value) -> Vec<&str> {
    each_text(&claim["history"], "kind")
}

/// The text in `field` of each item of `list`, in order.
pub fn each_text<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap())
        .collect()
}

/// The DeepSeek-V3 technical report, as evidence for the Jefferies claim.
pub fn technical_report(claim_id: &str) -> Value {
    json!({
        "claimId": claim_id,
        "url": "https://arxiv.org/abs/2412.19437",
        "title": "DeepSeek-V3 Technical Report",
        "publisher": "arXiv",
        "excerpt": "DeepSeek-V3 requires only 2.788M H800 GPU hours for its full training. \
    Assuming the rental price of the H800 GPU is $2 per GPU hour, our total training costs amount \
    to only $5.576M. Note that the aforementioned costs include only the official training of \
    DeepSeek-V3, excluding the costs associated with prior research and ablation experiments on \
    architectures, algorithms, or data.",
        "stance": "CONTEXT",
        "publishedAt": "2024-12-27T00:00:00Z",
    })
}
