//! Generated history is real history: a generated claim's path, replayed through the store by
//! the same users with the same inputs, leaves the same events (kind, actor, statuses and
//! detail) and the same claim, on each backend.

use claimdesk_core::{
    AttributionKind, EventKind, Priority, Role, TextSpan, Verdict,
    records::{ClaimEvent, User},
};
use claimdesk_store::{
    AssignClaim, ClaimRef, CloseReview, FlagClaim, NewArticle, NewClaim, NewEvidence, ReopenReview,
    Store,
};
use claimdesk_test_database::on_each_database;

use super::{
    random::Random,
    review::{Staff, review},
};
use claimdesk_store::demo_data::DemoClaim;

/// Every kind a review can leave, so that the path compared covers each detail builder.
const EVERY_STEP: [EventKind; 8] = [
    EventKind::Created,
    EventKind::Flagged,
    EventKind::Assigned,
    EventKind::ReviewStarted,
    EventKind::EvidenceAttached,
    EventKind::NoteAdded,
    EventKind::Closed,
    EventKind::Reopened,
];

#[tokio::test]
async fn a_generated_history_is_the_one_the_store_records() {
    on_each_database(|url| async move { compare(&url).await }).await;
}

fn text(value: &serde_json::Value) -> String {
    value.as_str().expect("a string").to_owned()
}

#[allow(clippy::too_many_lines, reason = "one replay, compared step by step")]
async fn compare(url: &str) {
    let store = Store::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    let user = |name: &'static str, role| {
        let store = store.clone();
        async move { store.ensure_user(name, role).await.unwrap().record }
    };
    let ingest: User = user("ingest", Role::Ingest).await;
    let staff = Staff {
        ingest: vec![ingest.clone()],
        reviewers: vec![user("reviewer", Role::Reviewer).await],
        editors: vec![user("editor", Role::Editor).await],
    };
    let article = NewArticle {
        url: "https://example.com/generated".into(),
        title: "Generated".into(),
        publisher: None,
        published_at: None,
        body: "A claim.".into(),
    };
    let article = store.create_article(article).await.unwrap().record.id;
    let claim = NewClaim {
        article_id: article,
        external_id: Some("c1".into()),
        text: "A claim".into(),
        quote: "A claim".into(),
        span: TextSpan { start: 0, end: 7 },
        source_id: None,
        attribution: AttributionKind::Unattributed,
        priority: Priority::Normal,
    };
    let recorded = store.create_claim(ingest.id, claim).await.unwrap().record;

    // The first seed whose path takes every step.
    let ids = store.next_ids().await.unwrap();
    let generated: DemoClaim = (0..10_000)
        .map(|seed| {
            let mut ids = ids;
            let now = recorded.created_at + chrono::Duration::days(30);
            review(
                &mut Random::new(seed),
                &staff,
                &mut ids,
                recorded.clone(),
                now,
            )
        })
        .find(|generated| {
            EVERY_STEP
                .iter()
                .all(|kind| generated.history.iter().any(|event| event.kind == *kind))
        })
        .expect("some seed takes every step");

    let target = ClaimRef {
        claim_id: recorded.id,
        expected_version: None,
    };
    for event in &generated.history[1..] {
        let (actor, detail) = (event.actor_id, &event.detail);
        match event.kind {
            EventKind::Flagged => {
                let flag = FlagClaim {
                    target,
                    reason: text(&detail["reason"]),
                    priority: Some(text(&detail["priority"]).parse().unwrap()),
                };
                store.flag_claim(actor, flag).await.unwrap();
            }
            EventKind::Assigned => {
                let assign = AssignClaim {
                    target,
                    assignee_id: detail["assigneeId"].as_i64().unwrap(),
                };
                store.assign_claim(actor, assign).await.unwrap();
            }
            EventKind::ReviewStarted => {
                store.start_review(actor, target).await.unwrap();
            }
            EventKind::EvidenceAttached => {
                let id = detail["evidenceId"].as_i64().unwrap();
                let evidence = generated.evidence.iter().find(|e| e.id == id).unwrap();
                let input = NewEvidence {
                    target,
                    url: evidence.url.clone(),
                    title: evidence.title.clone(),
                    publisher: evidence.publisher.clone(),
                    excerpt: evidence.excerpt.clone(),
                    stance: evidence.stance,
                    published_at: evidence.published_at,
                };
                store.attach_evidence(actor, input).await.unwrap();
            }
            EventKind::NoteAdded => {
                let id = detail["noteId"].as_i64().unwrap();
                let note = generated.notes.iter().find(|note| note.id == id).unwrap();
                store
                    .add_note(actor, target, note.body.clone())
                    .await
                    .unwrap();
            }
            EventKind::Closed => {
                let close = CloseReview {
                    target,
                    verdict: text(&detail["verdict"]).parse::<Verdict>().unwrap(),
                    summary: text(&detail["summary"]),
                };
                store.close_review(actor, close).await.unwrap();
            }
            EventKind::Reopened => {
                let reopen = ReopenReview {
                    target,
                    reason: text(&detail["reason"]),
                };
                store.reopen_review(actor, reopen).await.unwrap();
            }
            kind => panic!("a review does not generate {kind:?}"),
        }
    }

    let what = |event: &ClaimEvent| {
        (
            event.kind,
            event.actor_id,
            event.from_status,
            event.to_status,
            event.detail.clone(),
        )
    };
    let mut histories = store.history_by_claim(&[recorded.id]).await.unwrap();
    let real: Vec<_> = histories
        .remove(&recorded.id)
        .unwrap()
        .iter()
        .map(what)
        .collect();
    let made: Vec<_> = generated.history.iter().map(what).collect();
    assert_eq!(made, real);

    let now = store.claim(recorded.id).await.unwrap();
    let claim = generated.claim;
    assert_eq!(
        (now.status, now.priority, now.assignee_id, now.version),
        (
            claim.status,
            claim.priority,
            claim.assignee_id,
            claim.version
        )
    );
    assert_eq!(
        (
            &now.flag_reason,
            now.verdict,
            &now.verdict_summary,
            now.closed_by_id
        ),
        (
            &claim.flag_reason,
            claim.verdict,
            &claim.verdict_summary,
            claim.closed_by_id
        )
    );
    store.close().await.unwrap();
}
