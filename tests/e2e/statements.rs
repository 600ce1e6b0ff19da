//! A dashboard page costs a bounded number of SQL statements, however large the page.
//!
//! The schema runs in-process on a store that counts every statement it executes; the page
//! asks for what an editorial dashboard shows for each claim.

use async_graphql::Request;
use claimdesk_core::{
    AttributionKind, EvidenceStance, Priority, Role, SourceKind, TextSpan, publishing::Publisher,
};
use claimdesk_graphql::{Actor, Limits, build_schema};
use claimdesk_store::{
    AssignClaim, ClaimRef, FlagClaim, NewArticle, NewClaim, NewEvidence, NewSource, Store,
};
use claimdesk_tests::{Backend, TestDatabase};

/// The desk's page: open claims of two statuses, counted, with what a dashboard shows beside
/// each claim. `$filter` is left out for the bare page.
const DASHBOARD: &str = "query($first: Int, $filter: ClaimFilter) {
    claims(first: $first, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
            id text status priority
            article { title }
            source { name kind }
            assignee { name }
            evidenceCount
            latestNote { body author { name } }
            history(last: 3) { kind at actor { name } }
        } }
    }
}";

/// The most statements one dashboard page may cost.
const BUDGET: usize = 8;

#[tokio::test]
async fn a_dashboard_page_costs_a_bounded_number_of_statements() {
    for backend in Backend::configured() {
        let database = TestDatabase::create(&backend).await;
        let mut store = Store::connect(&database.url).await.unwrap();
        let statements = store.count_statements();
        store.migrate().await.unwrap();
        let editor = fill(&store, 100).await;
        let publisher = Publisher {
            name: "Desk".into(),
            url: "https://desk.example".into(),
            base_url: "https://desk.example".into(),
        };
        let schema = build_schema(store.clone(), Limits::default(), publisher);
        let desk = serde_json::json!({ "status": ["FLAGGED", "IN_REVIEW"] });
        for (first, filter) in [
            (10, None),
            (100, None),
            (10, Some(&desk)),
            (100, Some(&desk)),
        ] {
            let before = statements.load(std::sync::atomic::Ordering::SeqCst);
            let variables = async_graphql::Variables::from_json(
                serde_json::json!({ "first": first, "filter": filter }),
            );
            let request = Request::new(DASHBOARD)
                .variables(variables)
                .data(Actor(editor.clone()));
            let response = schema.execute(request).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            let data = response.data.into_json().unwrap();
            let edges = data["claims"]["edges"].as_array().unwrap();
            assert_eq!(edges.len(), first);
            assert_eq!(data["claims"]["totalCount"], 100);
            assert_eq!(edges[0]["node"]["evidenceCount"], 1);
            assert_eq!(edges[0]["node"]["latestNote"]["body"], "note 0");
            assert_eq!(edges[1]["node"]["evidenceCount"], 0);
            assert_eq!(edges[1]["node"]["latestNote"], serde_json::Value::Null);
            assert_eq!(edges[1]["node"]["history"][2]["actor"]["name"], "editor");
            assert_eq!(edges[1]["node"]["assignee"]["name"], "editor");
            assert_eq!(edges[2]["node"]["assignee"], serde_json::Value::Null);
            assert_eq!(edges[0]["node"]["history"].as_array().unwrap().len(), 3);
            let spent = statements.load(std::sync::atomic::Ordering::SeqCst) - before;
            eprintln!("{backend:?}: a page of {first} claims ({filter:?}) cost {spent} statements");
            assert!(
                spent <= BUDGET,
                "{backend:?}: a page of {first} ({filter:?}) cost {spent} statements"
            );
        }
    }
}

/// Records `count` claims, each with a source and a history, two in three with an assignee,
/// and every other one with evidence and a note (a claim with none must not cost a statement
/// of its own); returns the editor who did it.
async fn fill(store: &Store, count: usize) -> claimdesk_core::records::User {
    let editor = store
        .ensure_user("editor", Role::Editor)
        .await
        .unwrap()
        .record;
    let sentence = "Nvidia said its revenue rose 20 percent. ";
    let body = sentence.repeat(count);
    let article = NewArticle {
        url: "https://example.org/page".into(),
        title: "A page".into(),
        publisher: None,
        published_at: None,
        body: body.clone(),
    };
    let article = store.create_article(article).await.unwrap().record;
    let length = sentence.chars().count();
    for n in 0..count {
        let source = NewSource {
            name: format!("Source {}", n % 7),
            kind: SourceKind::Organization,
            description: None,
        };
        let source = store.create_source(source).await.unwrap().record;
        let claim = NewClaim {
            article_id: article.id,
            external_id: None,
            text: format!("Claim {n}"),
            quote: sentence.trim_end().into(),
            span: TextSpan {
                start: n * length,
                end: n * length + length - 1,
            },
            source_id: Some(source.id),
            attribution: AttributionKind::Reported,
            priority: Priority::Normal,
        };
        let claim = store.create_claim(editor.id, claim).await.unwrap().record;
        let target = ClaimRef {
            claim_id: claim.id,
            expected_version: None,
        };
        let flag = FlagClaim {
            target,
            reason: "check".into(),
            priority: Some(Priority::High),
        };
        store.flag_claim(editor.id, flag).await.unwrap();
        if n % 3 != 2 {
            let assign = AssignClaim {
                target,
                assignee_id: editor.id,
            };
            store.assign_claim(editor.id, assign).await.unwrap();
        }
        if n % 2 == 1 {
            continue;
        }
        let evidence = NewEvidence {
            target,
            url: format!("https://example.org/evidence/{n}"),
            title: "Evidence".into(),
            publisher: None,
            excerpt: None,
            stance: EvidenceStance::Context,
            published_at: None,
        };
        store.attach_evidence(editor.id, evidence).await.unwrap();
        store
            .add_note(editor.id, target, format!("note {n}"))
            .await
            .unwrap();
    }
    editor
}
