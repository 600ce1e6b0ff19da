//! `claims(filter: {search})`: full-text search over claim text, quote and source name, best
//! match first, paged by keyset, the same on both backends.

use claimdesk_tests::{TestApp, code, node_strings, on_each_backend};
use serde_json::{Value, json};

const SEARCH: &str = "query Search($filter: ClaimFilter, $orderBy: ClaimOrder, $first: Int,
    $last: Int, $after: String, $before: String) {
    claims(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after,
        before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { node { text source { name } } }
    }
}";

const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { claims { id } } }";

/// An article whose claims mention the Kestrel model: the first in its text, its quote and its
/// source's name; the second only in its quote; the third not at all.
const BODY: &str = "Kestrel Labs said its Kestrel model beat Llama on every benchmark. \
    A rival noted that a Kestrel demo crashed twice. \
    Nvidia reported record data-centre revenue.";

async fn ingest(app: &TestApp) {
    let input = json!({
        "url": "https://example.org/news/kestrel",
        "title": "Kestrel",
        "publisher": "Example News",
        "publishedAt": "2025-02-03T08:00:00Z",
        "body": BODY,
        "claims": [
            { "text": "The Kestrel model beat Llama on every benchmark.",
              "quote": "Kestrel Labs said its Kestrel model beat Llama on every benchmark.",
              "source": { "name": "Kestrel Labs", "kind": "ORGANIZATION" },
              "attribution": "REPORTED" },
            { "text": "A demo crashed twice.",
              "quote": "A rival noted that a Kestrel demo crashed twice.",
              "attribution": "UNATTRIBUTED" },
            { "text": "Record data-centre revenue.",
              "quote": "Nvidia reported record data-centre revenue.",
              "source": { "name": "Nvidia", "kind": "ORGANIZATION" },
              "attribution": "REPORTED" },
        ],
    });
    app.ingest(INGEST, input).await;
}

async fn search(app: &TestApp, variables: Value) -> Value {
    app.as_user("viewer").data(SEARCH, variables).await["claims"].clone()
}

#[tokio::test]
async fn search_finds_text_quote_and_source_best_match_first() {
    on_each_backend(finds_best_match_first).await;
}

async fn finds_best_match_first(app: TestApp) {
    ingest(&app).await;
    // Best match first by default: three mentions rank above one; the third claim is not
    // found, and neither is any seeded claim.
    let found = search(&app, json!({ "filter": { "search": "kestrel" } })).await;
    assert_eq!(
        node_strings(&found, "text"),
        [
            "The Kestrel model beat Llama on every benchmark.",
            "A demo crashed twice."
        ]
    );
    assert_eq!(found["totalCount"], 2);
    // The explicit order is the same; ASC turns it round.
    let ascending = json!({ "field": "RELEVANCE", "direction": "ASC" });
    let reversed = search(
        &app,
        json!({ "filter": { "search": "KESTREL" }, "orderBy": ascending }),
    )
    .await;
    assert_eq!(node_strings(&reversed, "text")[0], "A demo crashed twice.");
    // A source's name, prefixes in any case, and every word required.
    let by_source = search(
        &app,
        json!({ "filter": { "search": "nvid", "sourceName": "nvidia" } }),
    )
    .await;
    assert!(node_strings(&by_source, "text").contains(&"Record data-centre revenue.".to_owned()));
    let both = search(&app, json!({ "filter": { "search": "kestrel LLAMA" } })).await;
    assert_eq!(
        node_strings(&both, "text"),
        ["The Kestrel model beat Llama on every benchmark."]
    );
    // The seed article mentions Llama too: "anything about Llama" finds both articles' claims.
    let llama = search(&app, json!({ "filter": { "search": "Llama" } })).await;
    assert!(llama["totalCount"].as_u64().unwrap() >= 2);
    // Search combines with the other filters.
    let combined = json!({ "filter": { "search": "kestrel", "sourceName": "labs" } });
    let combined = search(&app, combined).await;
    assert_eq!(combined["totalCount"], 1);
    assert_eq!(node_strings(&combined, "text").len(), 1);
    let none = search(&app, json!({ "filter": { "search": "kestrels" } })).await;
    assert_eq!(none["totalCount"], 0);
}

#[tokio::test]
async fn search_results_page_both_ways() {
    on_each_backend(search_pages_both_ways).await;
}

async fn search_pages_both_ways(app: TestApp) {
    ingest(&app).await;
    // The seed article and the new one both have many claims that hold "the". The second
    // filter keeps every claim, but is read from the claims rather than the index alone.
    for filter in [
        json!({ "search": "the" }),
        json!({ "search": "the", "anchorLost": false }),
    ] {
        let all = json!({ "filter": filter, "first": 100 });
        let all = node_strings(&search(&app, all).await, "text");
        assert!(all.len() > 4, "{all:?}");
        let mut forward = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let variables = json!({ "filter": filter, "first": 2, "after": after });
            let page = search(&app, variables).await;
            forward.extend(node_strings(&page, "text"));
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        }
        assert_eq!(forward, all, "{filter}");
        let mut backward = Vec::new();
        let mut before: Option<String> = None;
        loop {
            let variables = json!({ "filter": filter, "last": 2, "before": before });
            let page = search(&app, variables).await;
            backward.splice(0..0, node_strings(&page, "text"));
            if page["pageInfo"]["hasPreviousPage"] != true {
                break;
            }
            before = page["pageInfo"]["startCursor"].as_str().map(str::to_owned);
        }
        assert_eq!(backward, all, "{filter}");
    }
}

#[tokio::test]
async fn hostile_and_empty_searches_are_harmless() {
    on_each_backend(hostile_searches).await;
}

async fn hostile_searches(app: TestApp) {
    ingest(&app).await;
    let viewer = app.as_user("viewer");
    for input in ["", "  -- ; '\"* ", "\0"] {
        let error = viewer
            .error(SEARCH, json!({ "filter": { "search": input } }))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{input:?}");
        assert_eq!(error["extensions"]["field"], "filter.search");
    }
    for input in [
        "kestrel' OR 1=1; --",
        "kestrel\") OR (\"1",
        "kestrel\0",
        "NEAR(kestrel demo)",
        "kestrel:* | !x",
    ] {
        // Either refused as bad input (a NUL byte is) or read as plain words.
        let response = viewer
            .graphql(SEARCH, json!({ "filter": { "search": input } }))
            .await;
        if let Some(error) = response["errors"].get(0) {
            assert_eq!(code(error), "BAD_USER_INPUT", "{input:?}");
        } else {
            let count = response["data"]["claims"]["totalCount"].as_u64().unwrap();
            assert!(count <= 2, "{input:?} found {count}");
        }
    }
    let long = "kestrel ".repeat(100);
    let error = viewer
        .error(SEARCH, json!({ "filter": { "search": long } }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    // Nothing was changed: the claims are still found as before.
    let found = search(&app, json!({ "filter": { "search": "kestrel" } })).await;
    assert_eq!(found["totalCount"], 2);
}
