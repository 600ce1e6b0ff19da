//! Every order of `claims` is the one its documentation promises, and pages both ways by
//! keyset: walking forward or backward a few claims at a time visits every claim once, even
//! while new claims are being recorded.

use std::{cmp::Ordering, collections::HashSet};

use chrono::{DateTime, Utc};
use claimdesk_tests::{TestApp, code, node_strings, on_each_backend, row_number};
use serde_json::{Value, json};

use crate::operations::*;

const LIST: &str = "query List($filter: ClaimFilter, $orderBy: ClaimOrder, $first: Int,
    $last: Int, $after: String, $before: String) {
    claims(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after,
        before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id createdAt updatedAt flaggedAt priority checkWorthiness } }
    }
}";

const FIELDS: [&str; 5] = [
    "CREATED_AT",
    "UPDATED_AT",
    "FLAGGED_AT",
    "PRIORITY",
    "CHECK_WORTHINESS",
];

const PRIORITIES: [&str; 4] = ["LOW", "NORMAL", "HIGH", "URGENT"];

#[tokio::test]
async fn each_order_sorts_as_documented() {
    on_each_backend(orders_sort_as_documented).await;
}

async fn orders_sort_as_documented(app: TestApp) {
    let flagged = prepare(&app).await;
    for field in FIELDS {
        for direction in ["ASC", "DESC"] {
            let order = json!({ "orderBy": { "field": field, "direction": direction } });
            let claims = list(&app, &order, json!({ "first": 100 })).await;
            let mut expected = claims.clone();
            expected.sort_by(|a, b| compare(field, direction, a, b));
            assert_eq!(ids(&claims), ids(&expected), "{field} {direction}");
        }
    }

    // By hand: the flagged claims in the order they were flagged, the others after them.
    let by_flag = list(
        &app,
        &json!({ "orderBy": { "field": "FLAGGED_AT" } }),
        json!({ "first": 100 }),
    )
    .await;
    assert_eq!(ids(&by_flag)[..flagged.len()], flagged[..]);
    assert!(
        by_flag[flagged.len()..]
            .iter()
            .all(|c| c["flaggedAt"].is_null())
    );
    // The URGENT claim leads the most urgent first; the LOW one flagged first ends it.
    let by_priority = list(
        &app,
        &json!({ "orderBy": { "field": "PRIORITY", "direction": "DESC" } }),
        json!({ "first": 100 }),
    )
    .await;
    assert_eq!(id(&by_priority[0]), flagged[1]);
    assert_eq!(by_priority[0]["priority"], "URGENT");
    assert_eq!(by_priority.last().unwrap()["priority"], "LOW");
    // Scored claims come first in either direction.
    for direction in ["ASC", "DESC"] {
        let order = json!({ "orderBy": { "field": "CHECK_WORTHINESS", "direction": direction } });
        let by_score = list(&app, &order, json!({ "first": 100 })).await;
        assert!(!by_score[0]["checkWorthiness"].is_null(), "{direction}");
        assert!(by_score.last().unwrap()["checkWorthiness"].is_null());
    }
}

#[tokio::test]
async fn each_order_pages_both_ways_without_gaps_or_repeats() {
    on_each_backend(orders_page_both_ways).await;
}

async fn orders_page_both_ways(app: TestApp) {
    prepare(&app).await;
    for field in FIELDS {
        for direction in ["ASC", "DESC"] {
            let order = json!({ "orderBy": { "field": field, "direction": direction } });
            let all = ids(&list(&app, &order, json!({ "first": 100 })).await);
            assert_eq!(walk(&app, &order, Walk::Forward, false).await, all);
            assert_eq!(walk(&app, &order, Walk::Backward, false).await, all);
        }
    }
    // A filter on the sort field itself leaves no claim without a value: the same walks hold.
    let filtered = [
        (
            "FLAGGED_AT",
            json!({ "flaggedBefore": "2100-01-01T00:00:00Z" }),
        ),
        ("CHECK_WORTHINESS", json!({ "minCheckWorthiness": 0.0 })),
    ];
    for (field, filter) in filtered {
        for direction in ["ASC", "DESC"] {
            let order =
                json!({ "orderBy": { "field": field, "direction": direction }, "filter": filter });
            let all = listed_in_order(&app, &order, field, direction).await;
            assert!(all.len() >= 2, "{field}: {all:?}");
        }
    }
}

#[tokio::test]
async fn lists_of_values_keep_every_order_and_page_both_ways() {
    on_each_backend(lists_of_values_page_both_ways).await;
}

/// A filter on several statuses or priorities is read as one walk per value and the walks
/// merged; the merged list must be the documented order, and page as any other.
async fn lists_of_values_page_both_ways(app: TestApp) {
    prepare(&app).await;
    let lists = [
        json!({ "status": ["FLAGGED", "NEW"] }),
        json!({ "status": ["NEW", "FLAGGED", "NEW"], "priority": ["URGENT", "LOW", "NORMAL"] }),
        json!({ "priority": ["HIGH", "URGENT"] }),
    ];
    for filter in lists {
        for field in FIELDS {
            for direction in ["ASC", "DESC"] {
                let order = json!({
                    "orderBy": { "field": field, "direction": direction },
                    "filter": filter,
                });
                let all = listed_in_order(&app, &order, field, direction).await;
                assert!(!all.is_empty(), "{filter} {field}");
                let unique: HashSet<&String> = all.iter().collect();
                assert_eq!(unique.len(), all.len(), "{filter} {field}: a claim twice");
            }
        }
    }
}

#[tokio::test]
async fn paging_while_claims_are_recorded_loses_and_repeats_nothing() {
    on_each_backend(paging_while_recording).await;
}

async fn paging_while_recording(app: TestApp) {
    prepare(&app).await;
    for field in FIELDS {
        for direction in ["ASC", "DESC"] {
            let order = json!({ "orderBy": { "field": field, "direction": direction } });
            for way in [Walk::Forward, Walk::Backward] {
                let before: HashSet<String> =
                    ids(&list(&app, &order, json!({ "first": 100 })).await)
                        .into_iter()
                        .collect();
                let seen = walk(&app, &order, way, true).await;
                let unique: HashSet<String> = seen.iter().cloned().collect();
                assert_eq!(
                    unique.len(),
                    seen.len(),
                    "{field} {direction}: a claim twice"
                );
                assert!(
                    before.is_subset(&unique),
                    "{field} {direction}: a claim was skipped"
                );
            }
        }
    }
}

#[tokio::test]
async fn bad_orders_and_cursors_are_refused() {
    on_each_backend(bad_orders).await;
}

async fn bad_orders(app: TestApp) {
    let viewer = app.as_user("viewer");
    let relevance = json!({ "orderBy": { "field": "RELEVANCE" } });
    let error = viewer.error(LIST, relevance).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");

    let by_priority = json!({ "orderBy": { "field": "PRIORITY" } });
    let page = list(&app, &by_priority, json!({ "first": 2 })).await;
    let cursor = page_cursor(&app, &by_priority).await;
    assert_eq!(page.len(), 2);
    // A cursor of another order is refused, not silently misread.
    let other = json!({ "orderBy": { "field": "CREATED_AT" }, "first": 2, "after": cursor });
    assert_eq!(code(&viewer.error(LIST, other).await), "BAD_USER_INPUT");
    let garbage = with_order(
        &by_priority,
        json!({ "first": 2, "after": "bm90IGEgY3Vyc29y" }),
    );
    assert_eq!(code(&viewer.error(LIST, garbage).await), "BAD_USER_INPUT");
}

/// Flags some seeded claims and ingests a few scored ones; returns the IDs of the flagged
/// claims in the order they were flagged.
async fn prepare(app: &TestApp) -> Vec<String> {
    let seeded = find_claims(app, json!({})).await;
    let mut flagged = Vec::new();
    for (index, priority) in [(4, "LOW"), (9, "URGENT"), (2, "HIGH"), (14, "HIGH")] {
        let claim = &seeded[index];
        let input = json!({ "claimId": claim["id"], "reason": "check", "priority": priority });
        mutate(app, FLAG, input).await;
        flagged.push(claim["id"].as_str().unwrap().to_owned());
    }
    let body = "The city said on Monday that its budget rose 12 percent to $4.2 billion in 2024. \
        Officials reported that unemployment fell from 7 percent to 5 percent last year. \
        The mayor said the new stadium will cost $900 million.";
    let input = json!({
        "url": "https://example.org/news/scored",
        "title": "Scored",
        "publisher": "Example News",
        "publishedAt": "2025-02-03T08:00:00Z",
        "body": body,
        "claims": [],
        "detectClaims": true,
    });
    let ingested = app
        .ingest(
            "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { claims { id } } }",
            input,
        )
        .await;
    assert!(
        ingested["claims"].as_array().unwrap().len() >= 2,
        "the detector scores some claims"
    );
    flagged
}

/// How many claims a walk records while it reads, one after each of its first pages.
const RECORDED_PER_WALK: usize = 6;

#[derive(Clone, Copy)]
enum Walk {
    Forward,
    Backward,
}

/// Every claim in `order`, read three at a time from the start or from the end; with
/// `recording`, a new claim is recorded after each of the first pages.
async fn walk(app: &TestApp, order: &Value, way: Walk, recording: bool) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for page_number in 0..200 {
        let args = match way {
            Walk::Forward => json!({ "first": 3, "after": cursor }),
            Walk::Backward => json!({ "last": 3, "before": cursor }),
        };
        let variables = with_order(order, args);
        let data = app.as_user("viewer").data(LIST, variables).await;
        let connection = &data["claims"];
        let page = node_strings(connection, "id");
        let info = &connection["pageInfo"];
        let (more, next) = match way {
            Walk::Forward => (info["hasNextPage"].as_bool(), &info["endCursor"]),
            Walk::Backward => (info["hasPreviousPage"].as_bool(), &info["startCursor"]),
        };
        match way {
            Walk::Forward => seen.extend(page),
            Walk::Backward => {
                seen.splice(0..0, page);
            }
        }
        if recording && page_number < RECORDED_PER_WALK {
            record_claim(app, page_number).await;
        }
        if more != Some(true) {
            return seen;
        }
        cursor = next.as_str().map(str::to_owned);
    }
    panic!(
        "the walk in {order} did not end: {} claims seen",
        seen.len()
    );
}

/// Records a new claim, flagged for every other page so that it lands among the flagged.
async fn record_claim(app: &TestApp, number: usize) {
    let seeded = find_claims(app, json!({ "sourceName": "Jefferies" })).await;
    let article_id = &seeded[0]["article"]["id"];
    let quote = seeded[0]["quote"].as_str().unwrap();
    let span = &seeded[0]["span"];
    let input = json!({
        "articleId": article_id,
        "text": format!("A new claim, number {number}."),
        "quote": quote,
        "span": span,
        "priority": PRIORITIES[number % 4],
    });
    let created = mutate(app, CREATE_CLAIM, input).await;
    if number.is_multiple_of(2) {
        let input = json!({ "claimId": created["claim"]["id"], "reason": "new" });
        mutate(app, FLAG, input).await;
    }
}

/// The IDs of the claims `order` lists (by `field` in `direction`), after checking that they
/// come in the documented order and that a walk a page at a time, either way, gives the same.
async fn listed_in_order(
    app: &TestApp,
    order: &Value,
    field: &str,
    direction: &str,
) -> Vec<String> {
    let all = list(app, order, json!({ "first": 100 })).await;
    let mut expected = all.clone();
    expected.sort_by(|a, b| compare(field, direction, a, b));
    assert_eq!(ids(&all), ids(&expected), "{order}");
    let all = ids(&all);
    assert_eq!(walk(app, order, Walk::Forward, false).await, all, "{order}");
    assert_eq!(
        walk(app, order, Walk::Backward, false).await,
        all,
        "{order}"
    );
    all
}

async fn list(app: &TestApp, order: &Value, args: Value) -> Vec<Value> {
    let data = app
        .as_user("viewer")
        .data(LIST, with_order(order, args))
        .await;
    claim_nodes(&data)
}

async fn page_cursor(app: &TestApp, order: &Value) -> String {
    let data = app
        .as_user("viewer")
        .data(LIST, with_order(order, json!({ "first": 2 })))
        .await;
    data["claims"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The paging `args` with the listing's own variables: its `orderBy`, and a `filter` if any.
fn with_order(listing: &Value, args: Value) -> Value {
    let mut variables = args;
    for (name, value) in listing.as_object().expect("variables") {
        variables[name] = value.clone();
    }
    variables
}

fn ids(claims: &[Value]) -> Vec<String> {
    claims.iter().map(id).collect()
}

fn id(claim: &Value) -> String {
    claim["id"].as_str().unwrap().to_owned()
}

/// A claim's value for an order.
#[derive(PartialEq, PartialOrd)]
enum Key {
    Time(DateTime<Utc>),
    Number(f64),
}

/// The documented order, written out: the value in `direction`, claims without one last,
/// ties by ID in the same direction.
fn compare(field: &str, direction: &str, a: &Value, b: &Value) -> Ordering {
    let time = |value: &Value| {
        value
            .as_str()
            .map(|text| Key::Time(text.parse().expect("an RFC 3339 time")))
    };
    let key = |claim: &Value| -> Option<Key> {
        match field {
            "CREATED_AT" => time(&claim["createdAt"]),
            "UPDATED_AT" => time(&claim["updatedAt"]),
            "FLAGGED_AT" => time(&claim["flaggedAt"]),
            "PRIORITY" => PRIORITIES
                .iter()
                .position(|p| claim["priority"] == *p)
                .map(|rank| Key::Number(f64::from(u8::try_from(rank).unwrap()))),
            "CHECK_WORTHINESS" => claim["checkWorthiness"].as_f64().map(Key::Number),
            _ => unreachable!("not an order the test uses"),
        }
    };
    let in_direction = |ordering: Ordering| {
        if direction == "DESC" {
            ordering.reverse()
        } else {
            ordering
        }
    };
    match (key(a), key(b)) {
        (Some(x), Some(y)) => {
            let by_value = x.partial_cmp(&y).expect("values of one kind");
            in_direction(by_value.then(row_number(&id(a)).cmp(&row_number(&id(b)))))
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => in_direction(row_number(&id(a)).cmp(&row_number(&id(b)))),
    }
}
