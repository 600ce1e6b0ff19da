//! `articles(filter)` and `sources(filter)`: the same keyset paging as claims, with simple
//! filters and a `totalCount` that respects them.

use claimdesk_tests::{INGEST_OUTCOME, TestApp, code, node_strings, on_each_backend};
use serde_json::json;

const ARTICLES: &str = "query($filter: ArticleFilter, $first: Int, $after: String) {
    articles(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { title publisher } }
    }
}";

const SOURCES: &str = "query($filter: SourceFilter, $first: Int, $after: String) {
    sources(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { name kind } }
    }
}";

async fn ingest(app: &TestApp, url: &str, title: &str, publisher: &str, published_at: &str) {
    let input = json!({
        "url": url, "title": title, "publisher": publisher, "publishedAt": published_at,
        "body": "Nothing to check here.", "claims": [],
    });
    app.ingest(INGEST_OUTCOME, input).await;
}

#[tokio::test]
async fn articles_and_sources_filter_and_count() {
    on_each_backend(filtered_lists).await;
}

async fn filtered_lists(app: TestApp) {
    ingest(
        &app,
        "https://example.org/a",
        "Chips and tariffs",
        "Example News",
        "2025-03-01T00:00:00Z",
    )
    .await;
    ingest(
        &app,
        "https://example.org/b",
        "More on DeepSeek",
        "Other Daily",
        "2025-04-01T00:00:00Z",
    )
    .await;
    let viewer = app.as_user("viewer");

    let deepseek = viewer
        .data(ARTICLES, json!({ "filter": { "title": "deepseek" } }))
        .await["articles"]
        .clone();
    assert_eq!(
        node_strings(&deepseek, "title"),
        [
            "DeepSeek: Pioneering Innovation Amidst Challenges",
            "More on DeepSeek"
        ]
    );
    assert_eq!(deepseek["totalCount"], 2);
    let from_example = json!({ "filter": { "publisher": "EXAMPLE NEWS" } });
    let example = viewer.data(ARTICLES, from_example).await["articles"].clone();
    assert_eq!(node_strings(&example, "title"), ["Chips and tariffs"]);
    let range = json!({ "filter": {
        "publishedAfter": "2025-02-15T00:00:00Z", "publishedBefore": "2025-04-01T00:00:00Z" } });
    let march = viewer.data(ARTICLES, range).await["articles"].clone();
    assert_eq!(node_strings(&march, "title"), ["Chips and tariffs"]);
    // LIKE wildcards match themselves.
    let wildcard = json!({ "filter": { "title": "%" } });
    assert_eq!(
        viewer.data(ARTICLES, wildcard).await["articles"]["totalCount"],
        0
    );

    let people = viewer
        .data(SOURCES, json!({ "filter": { "kind": ["PERSON"] } }))
        .await["sources"]
        .clone();
    assert_eq!(people["totalCount"], 3);
    assert!(
        node_strings(&people, "kind")
            .iter()
            .all(|kind| kind == "PERSON")
    );
    let pan = viewer
        .data(SOURCES, json!({ "filter": { "name": "PAN h" } }))
        .await["sources"]
        .clone();
    assert_eq!(node_strings(&pan, "name"), ["Pan Helin"]);

    // Filtered pages follow one another without gaps or repeats.
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let variables =
            json!({ "filter": { "kind": ["ORGANIZATION", "PERSON"] }, "first": 2, "after": after });
        let page = viewer.data(SOURCES, variables).await["sources"].clone();
        paged.extend(node_strings(&page, "name"));
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(paged.len(), 8, "{paged:?}");

    let wrong = json!({ "filter": { "kind": ["ROBOT"] } });
    let error = viewer.graphql(SOURCES, wrong).await;
    assert!(error["errors"].is_array(), "{error}");
    let long = json!({ "filter": { "name": "x".repeat(500) } });
    assert_eq!(code(&viewer.error(SOURCES, long).await), "BAD_USER_INPUT");
}
