//! `articles(filter)` and `sources(filter)`: the same keyset paging as claims, with simple
//! filters and a `totalCount` that respects them.

use claimdesk_tests::{TestApp, code, on_each_backend};
use serde_json::{Value, json};

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

const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { outcome } }";

async fn ingest(app: &TestApp, url: &str, title: &str, publisher: &str, published_at: &str) {
    let input = json!({
        "url": url, "title": title, "publisher": publisher, "publishedAt": published_at,
        "body": "Nothing to check here.", "claims": [],
    });
    app.as_user("ingest")
        .data(INGEST, json!({ "input": input }))
        .await;
}

fn names(connection: &Value, field: &str) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"][field].as_str().unwrap().to_owned())
        .collect()
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
        names(&deepseek, "title"),
        [
            "DeepSeek: Pioneering Innovation Amidst Challenges",
            "More on DeepSeek"
        ]
    );
    assert_eq!(deepseek["totalCount"], 2);
    let from_example = json!({ "filter": { "publisher": "EXAMPLE NEWS" } });
    let example = viewer.data(ARTICLES, from_example).await["articles"].clone();
    assert_eq!(names(&example, "title"), ["Chips and tariffs"]);
    let range = json!({ "filter": {
        "publishedAfter": "2025-02-15T00:00:00Z", "publishedBefore": "2025-04-01T00:00:00Z" } });
    let march = viewer.data(ARTICLES, range).await["articles"].clone();
    assert_eq!(names(&march, "title"), ["Chips and tariffs"]);
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
    assert!(names(&people, "kind").iter().all(|kind| kind == "PERSON"));
    let pan = viewer
        .data(SOURCES, json!({ "filter": { "name": "PAN h" } }))
        .await["sources"]
        .clone();
    assert_eq!(names(&pan, "name"), ["Pan Helin"]);

    // Filtered pages follow one another without gaps or repeats.
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let variables =
            json!({ "filter": { "kind": ["ORGANIZATION", "PERSON"] }, "first": 2, "after": after });
        let page = viewer.data(SOURCES, variables).await["sources"].clone();
        paged.extend(names(&page, "name"));
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
