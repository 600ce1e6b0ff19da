//! `claimdesk demo-data`, run as the real binary into SQLite files and read back through the
//! GraphQL schema: every status, verdict, priority and attribution occurs, quotes stand at
//! their spans, histories match the claims, and the same seed gives the same claims.

use std::collections::BTreeSet;

use async_graphql::Request;
use claimdesk_core::{Role, publishing::Publisher};
use claimdesk_graphql::{Actor, Limits, build_schema};
use claimdesk_store::Store;
use claimdesk_tests::claimdesk_on;
use serde_json::{Value, json};

const CLAIMS: &str = "query($after: String) {
    claims(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
            text quote span { start end } status verdict verdictSummary priority attribution
            flagReason flaggedAt closedAt closedBy { id } assignee { id } version
            article { body } source { kind } evidenceCount latestNote { body }
            history { kind at fromStatus toStatus }
            verdicts { verdict publishedAt approvedBy { id } rejectedBy { id } correction }
        }
    }
}";

/// Fills a new SQLite file with `claimdesk demo-data` and returns its URL.
fn demo_database(dir: &tempfile::TempDir, file: &str, seed: &str) -> String {
    let url = format!("sqlite://{}?mode=rwc", dir.path().join(file).display());
    let args = [
        "demo-data",
        "--articles",
        "3",
        "--claims",
        "200",
        "--seed",
        seed,
    ];
    let summary = claimdesk_on(env!("CARGO_BIN_EXE_claimdesk"), &url, &args);
    assert!(summary.contains("claims           200"), "{summary}");
    url
}

/// Every claim of the database at `url`, as GraphQL gives it.
async fn all_claims(url: &str) -> Vec<Value> {
    let store = Store::connect(url).await.unwrap();
    let reader = store
        .ensure_user("demo-reader", Role::Viewer)
        .await
        .unwrap();
    let limits = Limits {
        max_complexity: 1_000_000,
        ..Limits::default()
    };
    let publisher = Publisher {
        name: "Test".into(),
        url: "https://test.example".into(),
        base_url: "https://test.example".into(),
    };
    let schema = build_schema(store.clone(), limits, publisher);
    let mut claims = Vec::new();
    let mut after = Value::Null;
    loop {
        let request = Request::new(CLAIMS)
            .variables(async_graphql::Variables::from_json(
                json!({ "after": after }),
            ))
            .data(Actor(reader.record.clone()));
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json().unwrap();
        let page = &data["claims"];
        claims.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    store.close().await.unwrap();
    claims
}

fn names(claims: &[Value], field: &str) -> BTreeSet<String> {
    claims
        .iter()
        .filter_map(|claim| claim[field].as_str().map(str::to_owned))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// The claim without the times, which follow the clock of the run.
fn timeless(claim: &Value) -> Value {
    let mut claim = claim.clone();
    for field in ["flaggedAt", "closedAt"] {
        claim[field] = Value::Bool(claim[field].is_string());
    }
    for event in claim["history"].as_array_mut().unwrap() {
        event["at"] = Value::Null;
    }
    for version in claim["verdicts"].as_array_mut().unwrap() {
        version["publishedAt"] = Value::Bool(version["publishedAt"].is_string());
    }
    claim
}

#[tokio::test]
async fn demo_data_covers_the_vocabularies_consistently_and_is_the_same_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    // Seed 7 gives all nine verdicts in 200 claims; MISATTRIBUTED is rare enough that not
    // every seed does.
    let claims = all_claims(&demo_database(&dir, "a.db", "7")).await;
    assert_eq!(claims.len(), 200);

    assert_eq!(
        names(&claims, "status"),
        set(&["NEW", "FLAGGED", "IN_REVIEW", "AWAITING_APPROVAL", "CLOSED"])
    );
    let verdicts = [
        "TRUE",
        "MOSTLY_TRUE",
        "MIXED",
        "MISLEADING",
        "MOSTLY_FALSE",
        "FALSE",
        "MISATTRIBUTED",
        "UNPROVEN",
        "NOT_CHECKABLE",
    ];
    assert_eq!(names(&claims, "verdict"), set(&verdicts));
    assert_eq!(
        names(&claims, "priority"),
        set(&["LOW", "NORMAL", "HIGH", "URGENT"])
    );
    let attributions = ["DIRECT_QUOTE", "PARAPHRASE", "REPORTED", "UNATTRIBUTED"];
    assert_eq!(names(&claims, "attribution"), set(&attributions));
    let kinds: BTreeSet<String> = claims
        .iter()
        .filter_map(|claim| claim["source"]["kind"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        kinds,
        set(&["PERSON", "ORGANIZATION", "GOVERNMENT", "PUBLICATION"])
    );
    let events: BTreeSet<String> = claims
        .iter()
        .flat_map(|claim| claim["history"].as_array().unwrap())
        .map(|event| event["kind"].as_str().unwrap().to_owned())
        .collect();
    for kind in [
        "CREATED",
        "FLAGGED",
        "ASSIGNED",
        "REVIEW_STARTED",
        "EVIDENCE_ATTACHED",
        "NOTE_ADDED",
        "CLOSED",
        "REOPENED",
        "VERDICT_APPROVED",
        "VERDICT_REJECTED",
        "VERDICT_CORRECTED",
    ] {
        assert!(events.contains(kind), "some claim has a {kind} event");
    }
    assert!(claims.iter().any(|claim| claim["latestNote"].is_object()));
    for claim in &claims {
        check_consistent(claim);
    }

    let again = all_claims(&demo_database(&dir, "b.db", "7")).await;
    let timeless_claims: Vec<Value> = claims.iter().map(timeless).collect();
    let timeless_again: Vec<Value> = again.iter().map(timeless).collect();
    assert!(
        timeless_claims == timeless_again,
        "the same seed gives the same claims"
    );
    let other = all_claims(&demo_database(&dir, "c.db", "8")).await;
    assert_ne!(
        claims.iter().map(|c| &c["text"]).collect::<Vec<_>>(),
        other.iter().map(|c| &c["text"]).collect::<Vec<_>>(),
        "another seed gives other claims"
    );
}

/// Checks a claim's verdict versions against its history: one per close, the approved and
/// rejected ones as the history says, a CLOSED claim's verdict its latest published one.
fn check_versions(claim: &Value, history: &[Value]) {
    let versions = claim["verdicts"].as_array().unwrap();
    let count = |kind: &str| history.iter().filter(|e| e["kind"] == kind).count();
    assert_eq!(versions.len(), count("CLOSED"), "{claim:#}");
    let with = |field: &str| versions.iter().filter(|v| v[field].is_object()).count();
    assert_eq!(with("approvedBy"), count("VERDICT_APPROVED"), "{claim:#}");
    assert_eq!(with("rejectedBy"), count("VERDICT_REJECTED"), "{claim:#}");
    let corrections = versions
        .iter()
        .filter(|v| v["correction"].is_string())
        .count();
    assert_eq!(corrections, count("VERDICT_CORRECTED"), "{claim:#}");
    if claim["status"] == "CLOSED" {
        let latest = versions.last().unwrap();
        assert!(latest["publishedAt"].is_string(), "{claim:#}");
        assert_eq!(latest["verdict"], claim["verdict"], "{claim:#}");
    }
    if claim["status"] == "AWAITING_APPROVAL" {
        assert!(
            versions.last().unwrap()["publishedAt"].is_null(),
            "{claim:#}"
        );
    }
}

/// Checks one claim against its article and its history.
fn check_consistent(claim: &Value) {
    let body: Vec<char> = claim["article"]["body"].as_str().unwrap().chars().collect();
    let offset = |name: &str| usize::try_from(claim["span"][name].as_u64().unwrap()).unwrap();
    let at_span: String = body[offset("start")..offset("end")].iter().collect();
    assert_eq!(at_span, claim["quote"].as_str().unwrap(), "{claim:#}");
    assert_eq!(
        claim["source"].is_null(),
        claim["attribution"] == "UNATTRIBUTED",
        "{claim:#}"
    );

    let history = claim["history"].as_array().unwrap();
    // A correction's event comes with the change that publishes it, in the same version.
    let changes = history
        .iter()
        .filter(|e| e["kind"] != "VERDICT_CORRECTED")
        .count();
    assert_eq!(claim["version"].as_u64().unwrap(), changes as u64);
    assert_eq!(history[0]["kind"], "CREATED");
    let times: Vec<&str> = history.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let parsed: Vec<chrono::DateTime<chrono::FixedOffset>> = times
        .iter()
        .map(|at| chrono::DateTime::parse_from_rfc3339(at).unwrap())
        .collect();
    assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    let mut status = "NEW";
    for event in history {
        if let Some(to) = event["toStatus"].as_str() {
            assert_eq!(event["fromStatus"], status, "{claim:#}");
            status = to;
        }
    }
    assert_eq!(claim["status"], status, "{claim:#}");

    check_versions(claim, history);
    let closed = claim["status"] == "CLOSED" || claim["status"] == "AWAITING_APPROVAL";
    assert_eq!(claim["verdict"].is_string(), closed, "{claim:#}");
    assert_eq!(claim["verdictSummary"].is_string(), closed);
    assert_eq!(claim["closedAt"].is_string(), closed);
    assert_eq!(claim["closedBy"].is_object(), closed);
    let flagged = history.iter().any(|e| e["kind"] == "FLAGGED");
    assert_eq!(claim["flaggedAt"].is_string(), flagged, "{claim:#}");
    assert_eq!(claim["flagReason"].is_string(), flagged);
    if claim["status"] == "IN_REVIEW" {
        assert!(claim["assignee"].is_object(), "{claim:#}");
    }
    let evidence = history
        .iter()
        .filter(|e| e["kind"] == "EVIDENCE_ATTACHED")
        .count();
    assert_eq!(claim["evidenceCount"].as_u64().unwrap(), evidence as u64);
    if let Some(verdict) = claim["verdict"].as_str()
        && !matches!(verdict, "UNPROVEN" | "NOT_CHECKABLE")
    {
        assert!(
            evidence > 0,
            "a verdict on the facts has evidence: {claim:#}"
        );
    }
}
