//! Matching on both backends: among many claims that repeat one sentence with other amounts,
//! the text's own copy is found, although every claim shares all its words; the claims
//! recorded while a lookup ran are found in the write that follows it; and the claims
//! recorded before the candidate index are keyed by its migration.

use std::sync::Arc;

use claimdesk_core::{Role, matching::Fingerprint, records::Claim};
use claimdesk_test_database::on_each_database;
use sea_orm::{EntityTrait, QueryOrder};

use super::Candidate;
use crate::{IngestArticle, Store, entities::claim_match_key};

/// How many claims repeat the sentence with another amount: several times the candidates'
/// cut, so that the copy is found by its amount, not by luck.
const OTHER_AMOUNTS: usize = 300;
const COPY: &str = "Training Llama 4 cost about $861 million.";

/// A migrated store at `url` with one article whose claims are `sentences`, and the claims.
async fn store_with_article(url: &str, sentences: &[String]) -> (Store, Vec<Claim>) {
    let store = Store::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    let editor = store
        .ensure_user("editor", Role::Editor)
        .await
        .unwrap()
        .record;
    let article = IngestArticle::of_sentences("https://example.org/llama-costs", sentences);
    let created = store
        .ingest_article(editor.id, article)
        .await
        .unwrap()
        .created;
    (store, created)
}

#[tokio::test]
async fn a_copy_is_found_among_claims_that_differ_only_in_their_amounts() {
    on_each_database(|url| async move { buried_copy(&url).await }).await;
}

async fn buried_copy(url: &str) {
    // The copy comes last, after every other amount: first among equals it would not be.
    let mut sentences: Vec<String> = (0..OTHER_AMOUNTS)
        .map(|n| format!("Training Llama 4 cost about ${} million.", 100 + n))
        .collect();
    sentences.push(COPY.to_owned());
    let (store, created) = store_with_article(url, &sentences).await;
    let copy = created.last().unwrap().id;

    let found = store.match_text(COPY, 3).await.unwrap();
    let best = found.first().expect("the copy is found");
    assert_eq!(best.claim.id, copy);
    assert_eq!(best.claim.text, COPY);
    assert!((best.score - 1.0).abs() < 1e-9, "{}", best.score);
    // The others are near-misses: the amount differs.
    assert_eq!(found.len(), 1, "{found:#?}");
    store.close().await.unwrap();
}

/// The migrations before the candidate index's.
const BEFORE_MATCH_KEYS: u32 = 18;

#[tokio::test]
async fn claims_recorded_before_the_candidate_index_are_keyed_by_its_migration() {
    on_each_database(|url| async move { backfilled(&url).await }).await;
}

async fn backfilled(url: &str) {
    let sentences: Vec<String> = (0..5)
        .map(|n| format!("Training Llama {n} cost about ${} million.", 100 + n))
        .collect();
    let (store, _) = store_with_article(url, &sentences).await;
    let keys = || async {
        claim_match_key::Entity::find()
            .order_by_asc(claim_match_key::Column::ClaimId)
            .order_by_asc(claim_match_key::Column::Key)
            .all(&store.db)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.claim_id, row.key))
            .collect::<Vec<_>>()
    };
    let recorded = keys().await;
    assert!(recorded.len() >= 5 * 3, "{recorded:?}");

    store.migrate_again_after(BEFORE_MATCH_KEYS).await;
    assert_eq!(keys().await, recorded);
    let found = store
        .match_text("Training Llama 3 cost about $103 million.", 3)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    store.close().await.unwrap();
}

#[tokio::test]
async fn claims_recorded_while_a_lookup_ran_are_found_in_the_write() {
    on_each_database(|url| async move { recorded_meanwhile(&url).await }).await;
}

async fn recorded_meanwhile(url: &str) {
    let unrelated = ["Paris had its wettest spring since 1872.".to_owned()];
    let (store, before) = store_with_article(url, &unrelated).await;
    let after = before[0].id;
    // Recorded after the lookup of a new claim began (`after`), before its write.
    let editor = store.ensure_user("editor", Role::Editor).await.unwrap();
    let meanwhile = store
        .ingest_article(
            editor.record.id,
            IngestArticle::of_sentences("https://example.org/meanwhile", &[COPY.to_owned()]),
        )
        .await
        .unwrap()
        .created[0]
        .clone();
    // The new claims of the write, numbered after it, of a third article.
    let new = |text: &str| {
        Candidate::new(
            meanwhile.id + 1,
            meanwhile.article_id + 1,
            Arc::new(Fingerprint::new(text)),
        )
    };
    let found = |store: Store, text: &'static str| async move {
        let txn = store.begin_write().await.unwrap();
        let found = store
            .recent_candidates(&txn, &[new(text)], after)
            .await
            .unwrap();
        txn.rollback().await.unwrap();
        found
            .iter()
            .map(|candidate| candidate.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(found(store.clone(), COPY).await, [meanwhile.id]);
    assert!(
        found(store.clone(), "Rome had a dry spring.")
            .await
            .is_empty()
    );
    // Another instance, whose cache does not hold the claim, reads it.
    let other = Store::connect(url).await.unwrap();
    assert_eq!(found(other.clone(), COPY).await, [meanwhile.id]);
    other.close().await.unwrap();
    store.close().await.unwrap();
}
