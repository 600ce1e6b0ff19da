//! Hostile requests: each gets a clear error with a code, the server stays up, and the data
//! is unchanged afterwards.

use claimdesk_tests::{TestApp, code, on_each_backend, on_each_backend_with};
use serde_json::{Value, json};

use crate::operations::*;

/// Everything a client can read about the claims, to compare before and after.
async fn snapshot(app: &TestApp) -> Value {
    let claims = find_claims(app, json!({})).await;
    let sources = app
        .data(
            "{ sources(first: 100) { totalCount edges { node { name } } } }",
            json!({}),
        )
        .await;
    json!({ "claims": claims, "sources": sources })
}

/// POSTs `body` with `content_type` and returns the status and the decoded body.
async fn post_raw(app: &TestApp, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let response = app
        .http()
        .post(app.url("/graphql"))
        .bearer_auth(app.token("editor"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn first_code(body: &Value) -> &str {
    code(&body["errors"][0])
}

/// Runs `attack`, then checks that the server is up and no data changed.
async fn unchanged_after(app: &TestApp, attack: impl std::future::Future<Output = ()>) {
    let before = snapshot(app).await;
    attack.await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(snapshot(app).await, before);
}

#[tokio::test]
async fn oversized_documents_are_refused() {
    on_each_backend(|app| async move { unchanged_after(&app, oversized_documents(&app)).await })
        .await;
}

async fn oversized_documents(app: &TestApp) {
    // Deeply nested queries: past the depth limit, and far past what a parser should recurse.
    let levels = "claims(first: 1) { edges { node { article { ".repeat(4);
    let nested = format!("{{ {levels} title {} }}", "} } } } ".repeat(4));
    assert_eq!(code(&app.error(&nested, json!({})).await), "QUERY_TOO_DEEP");
    let nested = format!("{}{}", "{ viewer ".repeat(50_000), "}".repeat(50_000));
    assert_eq!(code(&app.error(&nested, json!({})).await), "QUERY_TOO_DEEP");

    // 10,000 aliases.
    let aliases: Vec<String> = (0..10_000)
        .map(|n| format!("a{n}: viewer {{ name }}"))
        .collect();
    let aliases = format!("{{ {} }}", aliases.join(" "));
    assert_eq!(
        code(&app.error(&aliases, json!({})).await),
        "TOO_MANY_ALIASES"
    );

    // Just over the limit, short enough for the server to keep the parsed document: sent
    // again, it is refused again.
    let aliases: Vec<String> = (0..51)
        .map(|n| format!("a{n}: viewer {{ name }}"))
        .collect();
    let aliases = format!("{{ {} }}", aliases.join(" "));
    for _ in 0..2 {
        assert_eq!(
            code(&app.error(&aliases, json!({})).await),
            "TOO_MANY_ALIASES"
        );
    }

    // Lists that would multiply into millions of rows.
    let wide = "{ articles(first: 100) { edges { node { claims(first: 100) { edges { node { history { actor { name } } } } } } } } }";
    assert_eq!(code(&app.error(wide, json!({})).await), "QUERY_TOO_COMPLEX");

    // A huge `first`.
    for first in [101, 1_000_000, i64::from(i32::MAX)] {
        let query = "query($n: Int) { claims(first: $n) { totalCount } }";
        let error = app.error(query, json!({ "n": first })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "first: {first}");
        assert_eq!(error["extensions"]["field"], "first");
    }
    let error = app
        .error("{ claims(first: 99999999999) { totalCount } }", json!({}))
        .await;
    assert_eq!(code(&error), "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn malformed_http_requests_are_refused() {
    on_each_backend(|app| async move { unchanged_after(&app, malformed_http(&app)).await }).await;
}

async fn malformed_http(app: &TestApp) {
    let huge = format!(
        r#"{{"query": "{{ viewer {{ name }} }}", "x": "{}"}}"#,
        "x".repeat(5 * 1024 * 1024)
    );
    let (status, body) = post_raw(app, "application/json", huge.into_bytes()).await;
    assert_eq!((status, first_code(&body)), (413, "PAYLOAD_TOO_LARGE"));
    let (status, body) =
        post_raw(app, "application/json", b"{\"query\": \"{ viewer".to_vec()).await;
    assert_eq!((status, first_code(&body)), (400, "BAD_REQUEST"));
    let (status, body) = post_raw(app, "text/plain", b"{ viewer { name } }".to_vec()).await;
    assert_eq!((status, first_code(&body)), (415, "UNSUPPORTED_MEDIA_TYPE"));
    let batch: Vec<Value> = (0..11)
        .map(|_| json!({ "query": "{ viewer { name } }" }))
        .collect();
    let (status, body) =
        post_raw(app, "application/json", serde_json::to_vec(&batch).unwrap()).await;
    assert_eq!((status, first_code(&body)), (400, "BATCH_TOO_LARGE"));
}

#[tokio::test]
async fn hostile_values_are_data_or_refused() {
    on_each_backend(|app| async move { unchanged_after(&app, hostile_values(&app)).await }).await;
}

async fn hostile_values(app: &TestApp) {
    // SQL metacharacters are data; NUL bytes are refused.
    for name in ["'; DROP TABLE claims; --", "%' OR '1'='1", "\\", "_%"] {
        assert!(
            find_claims(app, json!({ "sourceName": name }))
                .await
                .is_empty(),
            "{name}"
        );
    }
    let filter = json!({ "filter": { "sourceName": "Pan\u{0}Helin" } });
    assert_eq!(
        code(&app.error(&with_fields(FIND_CLAIMS), filter).await),
        "BAD_USER_INPUT"
    );
    let jefferies = jefferies_claim(app).await;
    let error = refuse(
        app,
        NOTE,
        json!({ "claimId": jefferies["id"], "body": "a\u{0}b" }),
    )
    .await;
    assert_eq!(
        (code(&error), &error["extensions"]["field"]),
        ("BAD_USER_INPUT", &json!("body"))
    );

    // Invalid enum values, and IDs of the wrong or a foreign type.
    let flag = json!({ "claimId": jefferies["id"], "reason": "x", "priority": "CRITICAL" });
    assert_eq!(code(&refuse(app, FLAG, flag).await), "BAD_USER_INPUT");
    let unknown_claim = "Q2xhaW06LTE"; // Claim:-1
    for id in [
        "QXJ0aWNsZTox",
        "1",
        unknown_claim,
        "Q2xhaW06OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
        "' OR 1=1 --",
    ] {
        let error = refuse(app, FLAG, json!({ "claimId": id, "reason": "x" })).await;
        let expected = if id == unknown_claim {
            "NOT_FOUND"
        } else {
            "BAD_USER_INPUT"
        };
        assert_eq!(code(&error), expected, "{id}");
    }
}

#[tokio::test]
async fn responses_follow_the_graphql_over_http_spec() {
    on_each_backend(content_negotiation).await;
}

async fn content_negotiation(app: TestApp) {
    let editor = &app.as_user("editor");
    let send = |accept: &'static str, query: &'static str| async move {
        editor
            .post_with(&[("accept", accept)], &json!({ "query": query }))
            .await
    };
    let response = send("application/graphql-response+json", "{ viewer { name } }").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/graphql-response+json"
    );
    let response = send("application/graphql-response+json", "{ viewer { ").await;
    assert_eq!(response.status(), 400);
    let response = send("application/graphql-response+json", "{ nope }").await;
    assert_eq!(response.status(), 400);
    let response = send("application/json", "{ nope }").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let response = send("text/html", "{ viewer { name } }").await;
    assert_eq!(response.status(), 406);
    // A field error is not a request error: the status stays 200.
    let response = send(
        "application/graphql-response+json",
        r#"{ claim(id: "Q2xhaW06OTk5OQ") { id } }"#,
    )
    .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn unicode_is_stored_and_returned_exactly() {
    on_each_backend(unicode_round_trip).await;
}

async fn unicode_round_trip(app: TestApp) {
    let jefferies = jefferies_claim(&app).await;
    let text = "مرحبا بالعالم — שלום 👋🏽 e\u{301} \u{202E}reversed\u{202C} 🇨🇳 ㊙️ 𝔘𝔫𝔦";
    let note = mutate(
        &app,
        NOTE,
        json!({ "claimId": jefferies["id"], "body": text }),
    )
    .await;
    assert_eq!(note["note"]["body"], text);
    let read = claim(&app, jefferies["id"].as_str().unwrap()).await;
    assert_eq!(read["notes"][0]["body"], text);
}

#[tokio::test]
async fn hostile_free_text_is_stored_exactly_or_refused() {
    on_each_backend(hostile_free_text).await;
}

/// Text full of SQL metacharacters.
const SQL_TEXTS: [&str; 5] = [
    "'; DROP TABLE claims; --",
    "Robert'); DELETE FROM notes WHERE ('1'='1",
    "%_\\' OR \"1\"=\"1\" /* */ `x`",
    "$1 ? :name @p0 ;",
    "'' || (SELECT token_hash FROM api_tokens) || ''",
];

const CREATE_SOURCE: &str = "mutation($input: CreateSourceInput!) {
    createSource(input: $input) { created source { name description } } }";

const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { outcome claims { text source { name } } } }";

fn ingest_input(n: usize, source: &str) -> Value {
    json!({
        "url": format!("https://example.org/hostile/{n}"), "title": "Hostile",
        "body": "The mayor said the budget doubled.",
        "claims": [{ "text": "The budget doubled.", "quote": "the budget doubled",
                     "source": { "name": source } }],
    })
}

async fn hostile_free_text(app: TestApp) {
    let claim_id = &jefferies_claim_id(&app).await;
    let claims_before = find_claims(&app, json!({})).await.len();

    // SQL metacharacters are data: stored and returned exactly, as notes, source names and
    // the names of sources an ingest creates.
    for (n, text) in SQL_TEXTS.into_iter().enumerate() {
        let note = mutate(&app, NOTE, json!({ "claimId": claim_id, "body": text })).await;
        assert_eq!(note["note"]["body"], text);

        let name = format!("{text} {n}");
        let input = json!({ "input": { "name": name, "description": text } });
        let source = app.as_user("ingest").data(CREATE_SOURCE, input).await;
        assert_eq!(
            source["createSource"],
            json!({ "created": true, "source": { "name": name, "description": text } })
        );

        let source = format!("{text} ingested {n}");
        let input = json!({ "input": ingest_input(n, &source) });
        let ingested = app.as_user("ingest").data(INGEST, input).await;
        assert_eq!(ingested["ingestArticle"]["outcome"], "CREATED");
        assert_eq!(
            ingested["ingestArticle"]["claims"][0]["source"]["name"],
            source
        );
        let found = find_claims(&app, json!({ "sourceName": source })).await;
        assert_eq!(found.len(), 1, "{source}");
    }
    let notes: Vec<Value> = claim(&app, claim_id).await["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["body"].clone())
        .collect();
    assert_eq!(notes, SQL_TEXTS.map(Value::from));
    assert_eq!(
        find_claims(&app, json!({})).await.len(),
        claims_before + SQL_TEXTS.len(),
        "each ingest added its one claim, and nothing else changed"
    );

    // A NUL byte is refused, wherever it is, and nothing is written.
    unchanged_after(&app, async {
        let note = json!({ "claimId": claim_id, "body": "'; --\u{0}" });
        assert_eq!(code(&refuse(&app, NOTE, note).await), "BAD_USER_INPUT");
        let ingest = app.as_user("ingest");
        let input = json!({ "input": { "name": "Nul\u{0}'; DROP TABLE sources; --" } });
        let error = ingest.error(CREATE_SOURCE, input).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        let input = json!({ "input": { "name": "Fine", "description": "nul\u{0}" } });
        let error = ingest.error(CREATE_SOURCE, input).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        let input = json!({ "input": ingest_input(99, "Nul\u{0}source") });
        let error = ingest.error(INGEST, input).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        let input = json!({ "input": ingest_input(98, "A source") });
        let mut input = input;
        input["input"]["title"] = json!("Title\u{0}'--");
        let error = ingest.error(INGEST, input).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    })
    .await;
    let articles = app
        .data(
            "{ articles(first: 100) { edges { node { url } } } }",
            json!({}),
        )
        .await;
    let urls = articles.to_string();
    assert!(!urls.contains("hostile/99") && !urls.contains("hostile/98"));
}

#[tokio::test]
async fn the_page_size_cap_is_configurable() {
    let cap = |config: &mut claimdesk_server::ServeConfig| config.limits.max_page_size = 5;
    on_each_backend_with(cap, |app| async move {
        let query = "query($n: Int) { claims(first: $n) { edges { node { id } } } }";
        let page = app.data(query, json!({ "n": 5 })).await;
        assert_eq!(page["claims"]["edges"].as_array().unwrap().len(), 5);
        let error = app.error(query, json!({ "n": 6 })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "first");
        // Without `first` or `last`, a page holds the default of 20, cut to the cap.
        let unpaged = app.data(query, json!({})).await;
        assert_eq!(unpaged["claims"]["edges"].as_array().unwrap().len(), 5);
        let sources = "{ sources(last: 6) { edges { node { id } } } }";
        assert_eq!(code(&app.error(sources, json!({})).await), "BAD_USER_INPUT");
    })
    .await;
}
