//! A subscriber that falls behind is closed with a way to resume, and loses nothing.

use std::time::Duration;

use async_graphql::Request;
use claimdesk_core::{AttributionKind, Priority, Role, TextSpan, publishing::Publisher};
use claimdesk_graphql::{Actor, Limits, build_schema};
use claimdesk_store::{ClaimRef, NewArticle, NewClaim, Store};
use futures::StreamExt;
use serde_json::json;

const EVENTS: &str = "subscription($after: ID) { claimEvents(after: $after) { id kind } }";

#[tokio::test]
async fn a_subscriber_that_falls_behind_is_closed_and_resumes_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("slow.db").display());
    let store = Store::connect(&url)
        .await
        .unwrap()
        .with_subscriber_window(4);
    store.migrate().await.unwrap();
    store.start_live_events().await.unwrap();
    let user = store
        .ensure_user("editor", Role::Editor)
        .await
        .unwrap()
        .record;
    let article = NewArticle {
        url: "https://example.org/a".into(),
        title: "A".into(),
        publisher: None,
        published_at: None,
        body: "Nvidia said so.".into(),
    };
    let article = store.create_article(article).await.unwrap().record;
    let claim = NewClaim {
        article_id: article.id,
        external_id: None,
        text: "Nvidia said so.".into(),
        quote: "Nvidia said so.".into(),
        span: TextSpan { start: 0, end: 15 },
        source_id: None,
        attribution: AttributionKind::Unattributed,
        priority: Priority::Normal,
    };
    let claim = store.create_claim(user.id, claim).await.unwrap().record;
    let publisher = Publisher {
        name: "Desk".into(),
        url: "https://desk.example".into(),
        base_url: "https://desk.example".into(),
    };
    let schema = build_schema(store.clone(), Limits::default(), publisher);

    let mut slow = schema.execute_stream(Request::new(EVENTS).data(Actor(user.clone())));
    // The first poll starts the subscription; nothing has happened yet.
    assert!(
        tokio::time::timeout(Duration::from_millis(200), slow.next())
            .await
            .is_err()
    );
    let target = ClaimRef {
        claim_id: claim.id,
        expected_version: None,
    };
    for n in 0..20 {
        store
            .add_note(user.id, target, format!("note {n}"))
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The slow subscriber gets what fit in its window, then the error, then the end.
    let mut received = Vec::new();
    let resume_after = loop {
        let response = slow.next().await.expect("an item");
        if let Some(error) = response.errors.first() {
            let extensions = serde_json::to_value(&error.extensions).unwrap();
            assert_eq!(extensions["code"], "SUBSCRIBER_TOO_SLOW", "{extensions}");
            break extensions["resumeAfter"].as_str().unwrap().to_owned();
        }
        let data = response.data.into_json().unwrap();
        received.push(data["claimEvents"]["id"].as_str().unwrap().to_owned());
    };
    assert!(received.len() < 20, "it fell behind");
    assert!(slow.next().await.is_none(), "the stream ended");

    // Resuming from where it was told covers the rest, exactly.
    let request = Request::new(EVENTS)
        .variables(async_graphql::Variables::from_json(
            json!({ "after": resume_after }),
        ))
        .data(Actor(user));
    let mut resumed = schema.execute_stream(request);
    while received.len() < 20 {
        let response = tokio::time::timeout(Duration::from_secs(2), resumed.next())
            .await
            .expect("the missed events are replayed")
            .unwrap();
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json().unwrap();
        assert_eq!(data["claimEvents"]["kind"], "NOTE_ADDED");
        received.push(data["claimEvents"]["id"].as_str().unwrap().to_owned());
    }
    let mut unique = received.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        20,
        "every note's event exactly once, in order"
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(200), resumed.next())
            .await
            .is_err()
    );
}
