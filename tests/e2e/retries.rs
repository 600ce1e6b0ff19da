//! Retried and concurrent creates by ingestion bots: nothing is created twice.

use claimdesk_tests::{TestApp, code, on_each_backend};
use futures::future::join_all;
use serde_json::{Value, json};

use crate::operations::*;

#[tokio::test]
async fn a_retried_create_claim_returns_the_first_one() {
    on_each_backend(idempotent_create).await;
}

async fn idempotent_create(app: TestApp) {
    let jefferies = jefferies_claim(&app).await;
    let article_id = jefferies["article"]["id"].clone();
    let input = json!({
        "articleId": article_id,
        "externalId": "bot-42",
        "text": "Meta's Llama model cost more than $56 million to train.",
        "quote": "Meta's Llama model",
        "span": { "start": jefferies["span"]["end"].as_i64().unwrap() - 19, "end": jefferies["span"]["end"].as_i64().unwrap() - 1 },
        "attribution": "UNATTRIBUTED",
    });
    let first = mutate(&app, CREATE_CLAIM, input.clone()).await;
    assert_eq!(first["created"], true);
    assert_eq!(first["claim"]["status"], "NEW");
    let again = mutate(&app, CREATE_CLAIM, input.clone()).await;
    assert_eq!(again["created"], false);
    assert_eq!(again["claim"]["id"], first["claim"]["id"]);
    assert_eq!(history_kinds(&again["claim"]), ["CREATED"]);

    let mut changed = input;
    changed["text"] = json!("Something else.");
    let error = refuse(&app, CREATE_CLAIM, changed).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "externalId");
}

const CREATE_SOURCE: &str = "mutation($input: CreateSourceInput!) {
    createSource(input: $input) { created source { id name kind } } }";
const CREATE_ARTICLE: &str = "mutation($input: CreateArticleInput!) {
    createArticle(input: $input) { created article { id } } }";

#[tokio::test]
async fn concurrent_identical_creates_make_one_record() {
    on_each_backend(concurrent_creates).await;
}

async fn concurrent_creates(app: TestApp) {
    let article = json!({
        "url": "https://example.org/news/2025/02/03/chips",
        "title": "Chips",
        "body": "Nvidia said the chips ship in March. Microsoft declined to comment.",
    });
    let articles =
        join_all((0..10).map(|_| app.data(CREATE_ARTICLE, json!({ "input": article })))).await;
    let article_id = the_one_created(&articles, "createArticle", "article");

    let names = ["Nvidia Corp", "NVIDIA CORP", "nvidia corp"];
    let sources = join_all((0..9).map(|n| {
        let input = json!({ "name": names[n % 3], "kind": "ORGANIZATION" });
        app.data(CREATE_SOURCE, json!({ "input": input }))
    }))
    .await;
    let source_id = the_one_created(&sources, "createSource", "source");

    let claim = json!({
        "articleId": article_id, "externalId": "ship-date", "sourceId": source_id,
        "text": "Nvidia's chips ship in March.", "quote": "Nvidia said the chips ship in March.",
        "span": { "start": 0, "end": 36 }, "attribution": "REPORTED",
    });
    let create_claim = with_fields(CREATE_CLAIM);
    let claims =
        join_all((0..10).map(|_| app.data(&create_claim, json!({ "input": claim })))).await;
    the_one_created(&claims, "createClaim", "claim");
    let filter = json!({ "articleId": article_id });
    assert_eq!(find_claims(&app, filter).await.len(), 1);
}

/// The ID of the one record that concurrent `mutation`s answered with, each as its `record`:
/// exactly one of them created it, and every answer names it.
fn the_one_created<'a>(results: &'a [Value], mutation: &str, record: &str) -> &'a Value {
    let created = results
        .iter()
        .filter(|data| data[mutation]["created"] == true)
        .count();
    assert_eq!(created, 1, "{results:#?}");
    let id = &results[0][mutation][record]["id"];
    assert!(
        results
            .iter()
            .all(|data| &data[mutation][record]["id"] == id),
        "{results:#?}"
    );
    id
}
