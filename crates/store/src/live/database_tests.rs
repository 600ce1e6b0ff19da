//! The fan-out's reads of the event log, counted on both backends: each commit costs one read
//! (not two on PostgreSQL, where both the commit's NOTIFY and its in-process poke wake the
//! fan-out), and a commit of many events costs one read per batch of 500.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use claimdesk_core::{AttributionKind, EventKind, Priority, Role, TextSpan};
use claimdesk_test_database::on_each_database;
use tokio::sync::broadcast::Receiver;

use super::SAFETY_NET;
use crate::{ClaimRef, IngestArticle, LiveEvent, NewArticle, NewClaim, Store};

const WAIT: Duration = Duration::from_secs(5);
const QUIET: Duration = Duration::from_millis(300);

/// How many times the safety net can have read the log in `elapsed`: once per tick, and the
/// tick that may fall at either end.
fn safety_net_ticks(elapsed: Duration) -> u64 {
    u64::try_from(elapsed.as_millis() / SAFETY_NET.as_millis()).unwrap_or(u64::MAX) + 1
}

/// The next event the fan-out broadcasts, which must arrive.
async fn received(events: &mut Receiver<Arc<LiveEvent>>) -> Arc<LiveEvent> {
    tokio::time::timeout(WAIT, events.recv())
        .await
        .expect("an event arrives")
        .expect("nothing is missed")
}

#[tokio::test]
async fn a_burst_of_events_costs_one_read_of_the_log_per_batch() {
    on_each_database(|url| async move { log_reads(&url).await }).await;
}

/// A claim to change, made through the store.
async fn a_claim(store: &Store, editor: i64) -> i64 {
    let article = NewArticle {
        url: "https://example.com/log-reads".into(),
        title: "Log reads".into(),
        publisher: None,
        published_at: None,
        body: "A claim.".into(),
    };
    let article = store.create_article(article).await.unwrap().record.id;
    let claim = NewClaim {
        article_id: article,
        external_id: None,
        text: "A claim".into(),
        quote: "A claim".into(),
        span: TextSpan { start: 0, end: 7 },
        source_id: None,
        attribution: AttributionKind::Unattributed,
        priority: Priority::Normal,
    };
    store.create_claim(editor, claim).await.unwrap().record.id
}

/// A fan-out on a fresh database, whose reads of the log are counted.
async fn log_reads(url: &str) {
    let store = Store::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    store.start_live_events().await.unwrap();
    let mut events = store.subscribe();
    let editor = store
        .ensure_user("editor", Role::Editor)
        .await
        .unwrap()
        .record;
    let target = ClaimRef {
        claim_id: a_claim(&store, editor.id).await,
        expected_version: None,
    };
    assert_eq!(received(&mut events).await.event.kind, EventKind::Created);
    // Let the first safety-net read and the listener's catch-up pass.
    tokio::time::sleep(QUIET).await;

    let commits = 20;
    let started = Instant::now();
    let before = store.live_log_reads();
    for n in 0..commits {
        store
            .add_note(editor.id, target, format!("note {n}"))
            .await
            .unwrap();
        assert_eq!(received(&mut events).await.event.kind, EventKind::NoteAdded);
    }
    // Late wake-ups, such as a NOTIFY after its poke, would read now.
    tokio::time::sleep(QUIET).await;
    let reads = store.live_log_reads() - before;
    // And the safety net's reads, one per tick meanwhile.
    let allowed = commits + safety_net_ticks(started.elapsed());
    assert!(reads <= allowed, "{reads} reads for {commits} commits");

    // One commit of 1,000 events: two full batches and the empty read that ends them.
    let started = Instant::now();
    let before = store.live_log_reads();
    let sentences: Vec<String> = (0..1_000)
        .map(|n| format!("Claim number {n} is made."))
        .collect();
    let ingest = IngestArticle::of_sentences("https://example.org/burst", &sentences);
    let ingested = store.ingest_article(editor.id, ingest).await.unwrap();
    assert_eq!(ingested.created.len(), 1_000);
    for _ in 0..1_000 {
        assert_eq!(received(&mut events).await.event.kind, EventKind::Created);
    }
    tokio::time::sleep(QUIET).await;
    let reads = store.live_log_reads() - before;
    // Two batches of 500 and the read that finds nothing more, plus one wake-up to spare, and
    // the safety net's reads: an ingestion of 1,000 matched claims on a loaded machine can
    // outlast several of its ticks.
    let allowed = 3 + 1 + safety_net_ticks(started.elapsed());
    assert!(
        reads <= allowed,
        "{reads} reads for one commit of 1,000 events"
    );
    store.close().await.unwrap();
}

#[tokio::test]
async fn with_nobody_subscribed_the_log_is_not_read_and_a_later_subscriber_gets_what_follows() {
    on_each_database(|url| async move {
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        store.start_live_events().await.unwrap();
        let editor = store
            .ensure_user("editor", Role::Editor)
            .await
            .unwrap()
            .record;
        let before = store.live_log_reads();
        let target = ClaimRef {
            claim_id: a_claim(&store, editor.id).await,
            expected_version: None,
        };
        for n in 0..3 {
            store
                .add_note(editor.id, target, format!("unheard {n}"))
                .await
                .unwrap();
        }
        tokio::time::sleep(QUIET).await;
        assert_eq!(store.live_log_reads(), before, "nobody listens");
        // Whoever needs only to know that events were committed learns of the newest.
        let unheard = store.latest_event_id().await.unwrap();
        assert_eq!(*store.committed_events().borrow(), unheard);

        let mut events = store.subscribe();
        store
            .add_note(editor.id, target, "heard".into())
            .await
            .unwrap();
        let first = received(&mut events).await;
        assert_eq!(first.event.kind, EventKind::NoteAdded);
        assert!(
            first.event.id > unheard,
            "only what follows the subscription"
        );
        store.close().await.unwrap();
    })
    .await;
}
