//! Matching among many claims that repeat one sentence with other amounts, on both backends:
//! the text's own copy is found, although every claim shares all its words.

use claimdesk_core::Role;
use claimdesk_test_database::on_each_database;

use crate::{IngestArticle, Store};

/// How many claims repeat the sentence with another amount: several times the candidates'
/// cut, so that the copy is found by its amount, not by luck.
const OTHER_AMOUNTS: usize = 300;
const COPY: &str = "Training Llama 4 cost about $861 million.";

#[tokio::test]
async fn a_copy_is_found_among_claims_that_differ_only_in_their_amounts() {
    on_each_database(|url| async move { buried_copy(&url).await }).await;
}

async fn buried_copy(url: &str) {
    let store = Store::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    let editor = store
        .ensure_user("editor", Role::Editor)
        .await
        .unwrap()
        .record;
    // The copy comes last, after every other amount: first among equals it would not be.
    let mut sentences: Vec<String> = (0..OTHER_AMOUNTS)
        .map(|n| format!("Training Llama 4 cost about ${} million.", 100 + n))
        .collect();
    sentences.push(COPY.to_owned());
    let article = IngestArticle::of_sentences("https://example.org/llama-costs", &sentences);
    let ingested = store.ingest_article(editor.id, article).await.unwrap();
    let copy = ingested.created.last().unwrap().id;

    let found = store.match_text(COPY, 3).await.unwrap();
    let best = found.first().expect("the copy is found");
    assert_eq!(best.claim.id, copy);
    assert_eq!(best.claim.text, COPY);
    assert!((best.score - 1.0).abs() < 1e-9, "{}", best.score);
    // The others are near-misses: the amount differs.
    assert_eq!(found.len(), 1, "{found:#?}");
    store.close().await.unwrap();
}
