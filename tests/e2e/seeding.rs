//! The seed article: loaded into an empty database on start, and idempotently by `seed`.

use claimdesk_server::seed::{self, Seed, SeedReport};
use claimdesk_store::Store;
use claimdesk_tests::{TestApp, on_each_backend};
use serde_json::json;

const ARTICLE_CLAIMS: &str = "{
    articles(first: 10) {
        totalCount
        edges { node { url title publishedAt body
            claims(first: 100) { totalCount edges { node { quote span { start end } source { name } } } } } }
    }
    sources(first: 100) { totalCount }
}";

#[tokio::test]
async fn the_server_seeds_an_empty_database_and_every_quote_anchors() {
    on_each_backend(seeded_on_start).await;
}

async fn seeded_on_start(app: TestApp) {
    let data = app.data(ARTICLE_CLAIMS, json!({})).await;
    assert_eq!(data["articles"]["totalCount"], 1);
    let article = &data["articles"]["edges"][0]["node"];
    assert_eq!(
        article["title"],
        "DeepSeek: Pioneering Innovation Amidst Challenges"
    );
    assert_eq!(article["publishedAt"], "2025-02-03T00:00:00+00:00");
    let body: Vec<char> = article["body"].as_str().unwrap().chars().collect();
    let claims = article["claims"]["edges"].as_array().unwrap();
    assert!(claims.len() >= 12, "{} claims", claims.len());
    assert_eq!(article["claims"]["totalCount"], claims.len());
    for edge in claims {
        let claim = &edge["node"];
        let start = usize::try_from(claim["span"]["start"].as_u64().unwrap()).unwrap();
        let end = usize::try_from(claim["span"]["end"].as_u64().unwrap()).unwrap();
        let at_span: String = body[start..end].iter().collect();
        assert_eq!(at_span, claim["quote"].as_str().unwrap());
        assert!(
            claim["source"]["name"].is_string(),
            "every seeded claim has a source"
        );
    }
    let sources: Vec<&str> = claims
        .iter()
        .map(|e| e["node"]["source"]["name"].as_str().unwrap())
        .collect();
    for expected in [
        "Jefferies analysts",
        "Pan Helin",
        "Wang Peng",
        "Liu Zhiyuan",
        "Nvidia",
        "Microsoft",
    ] {
        assert!(
            sources.contains(&expected),
            "a claim is attributed to {expected}"
        );
    }
}

#[tokio::test]
async fn seeding_again_adds_nothing() {
    on_each_backend(seed_twice).await;
}

async fn seed_twice(app: TestApp) {
    let before = app.data(ARTICLE_CLAIMS, json!({})).await;
    let store = Store::connect(&app.database.url).await.unwrap();
    let report = seed::load(&store, &Seed::bundled().unwrap()).await.unwrap();
    assert_eq!(report, SeedReport::default(), "nothing new was created");
    store.close().await.unwrap();
    assert_eq!(app.data(ARTICLE_CLAIMS, json!({})).await, before);
}
