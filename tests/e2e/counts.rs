//! `totalCount` is exact for every filter field, alone and combined, while claims change:
//! after each round of reviews (flags, assignments, closings, reopenings), run while the
//! counts are being read, every `totalCount` equals a plain `count(*)` of the claims table.
//! The tallied fields (status, verdict, priority, assignee) are counted from the tallies, the
//! others from the claims; this test holds both to the table itself.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use claimdesk_core::{Clock, SystemClock};
use claimdesk_tests::{Backend, INGEST_OUTCOME, TestApp, on_each_backend, row_number};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement, Value as SqlValue};
use serde_json::{Map, Value, json};

use crate::operations::*;

const COUNT: &str = "query($filter: ClaimFilter) {
    claims(filter: $filter, first: 100) { totalCount pageInfo { hasNextPage } edges { node { id } } }
}";

const PRIORITIES: [&str; 4] = ["LOW", "NORMAL", "HIGH", "URGENT"];
const VERDICTS: [&str; 3] = ["TRUE", "FALSE", "MISLEADING"];

/// A filter as the API takes it, and the same as SQL over `claims`, with its parameters
/// (`?`). A search has no plain SQL: its count is the number of claims it lists.
struct Filter {
    api: Map<String, Value>,
    sql: Option<(String, Vec<SqlValue>)>,
}

#[tokio::test]
async fn total_counts_equal_a_plain_count_for_every_filter_while_claims_change() {
    on_each_backend(counts_stay_exact).await;
}

async fn counts_stay_exact(app: TestApp) {
    let db = Database::connect(app.database.url.as_str()).await.unwrap();
    let created_since = SystemClock.now();
    add_claims(&app).await;
    let mut claims: Vec<(String, String)> = find_claims(&app, json!({}))
        .await
        .into_iter()
        .map(|claim| (id(&claim), claim["status"].as_str().unwrap().to_owned()))
        .collect();
    assert!(claims.len() > 30, "{} claims", claims.len());
    let mut flagged_since = SystemClock.now();
    for round in 0..4 {
        let filters = filters(&app, created_since, flagged_since).await;
        let writes = review_round(&app, &mut claims, round);
        let reads = async {
            for filter in &filters {
                total_count(&app, filter).await;
            }
        };
        tokio::join!(writes, reads);
        for filter in &filters {
            let total = total_count(&app, filter).await;
            let plain = plain_count(&app, &db, filter).await;
            assert_eq!(
                total,
                plain,
                "{:?}, round {round}: totalCount of {}",
                app.backend,
                Value::Object(filter.api.clone())
            );
        }
        if round == 0 {
            flagged_since = SystemClock.now();
        }
    }
    db.close().await.unwrap();
}

/// Records a dozen claims by hand and a few the detector scores, on top of the seeded ones.
async fn add_claims(app: &TestApp) {
    let seeded = find_claims(app, json!({ "sourceName": "Jefferies" })).await;
    for number in 0..12 {
        let input = json!({
            "articleId": seeded[0]["article"]["id"],
            "text": format!("A counted claim, number {number}."),
            "quote": seeded[0]["quote"],
            "span": seeded[0]["span"],
            "priority": PRIORITIES[number % 4],
        });
        mutate(app, CREATE_CLAIM, input).await;
    }
    let body = "The city said on Monday that its budget rose 12 percent to $4.2 billion in 2024. \
        Officials reported that unemployment fell from 7 percent to 5 percent last year. \
        The mayor said the new stadium will cost $900 million.";
    let input = json!({
        "url": "https://example.org/news/counted", "title": "Counted",
        "publisher": "Example News", "body": body, "claims": [], "detectClaims": true,
    });
    app.ingest(INGEST_OUTCOME, input).await;
}

/// Moves every claim one step along its review, according to its number and the round:
/// flags (of every priority), dismissals, assignments, reviews, closings with and without
/// evidence, reopenings.
async fn review_round(app: &TestApp, claims: &mut [(String, String)], round: usize) {
    let reviewer = user_id(app, "reviewer").await;
    let editor = user_id(app, "editor").await;
    for (number, (claim_id, status)) in claims.iter_mut().enumerate() {
        let id = claim_id.as_str();
        let assignee = if number % 2 == 1 { &reviewer } else { &editor };
        let close = |verdict: &str| json!({ "claimId": id, "verdict": verdict, "summary": "Counted and checked." });
        match (round, status.as_str()) {
            (0, "NEW") if number % 5 != 0 => {
                let priority = PRIORITIES[number % 4];
                let input = json!({ "claimId": id, "reason": "check", "priority": priority });
                mutate(app, FLAG, input).await;
                *status = "FLAGGED".into();
            }
            (0, "NEW") if number % 2 == 0 => {
                mutate(app, CLOSE, close("NOT_CHECKABLE")).await;
                *status = "CLOSED".into();
            }
            (1, "FLAGGED") => {
                if number % 3 != 2 {
                    let input = json!({ "claimId": id, "assigneeId": assignee });
                    mutate(app, ASSIGN, input).await;
                }
                if number % 2 == 0 {
                    mutate(app, START, json!({ "claimId": id })).await;
                    *status = "IN_REVIEW".into();
                }
            }
            (2, "IN_REVIEW") => {
                let verdict = if number % 4 == 0 {
                    let mut evidence = technical_report(id);
                    evidence["url"] = json!(format!("https://example.org/evidence/{number}"));
                    mutate(app, ATTACH, evidence).await;
                    VERDICTS[number % 3]
                } else {
                    "UNPROVEN"
                };
                mutate(app, CLOSE, close(verdict)).await;
                *status = "CLOSED".into();
            }
            (2, "FLAGGED") if number % 3 == 1 => {
                mutate(app, CLOSE, close("NOT_CHECKABLE")).await;
                *status = "CLOSED".into();
            }
            (3, "CLOSED") if number % 8 == 0 => {
                let input = json!({ "claimId": id, "reason": "A second look." });
                mutate(app, REOPEN, input).await;
                *status = "IN_REVIEW".into();
            }
            (3, "NEW" | "FLAGGED" | "IN_REVIEW") if number % 7 == 0 => {
                let input = json!({ "claimId": id, "assigneeId": editor });
                mutate(app, ASSIGN, input).await;
            }
            _ => {}
        }
    }
}

/// Every filter field alone, then each combined with a list of statuses and with a list of
/// priorities, then the four tallied fields together.
async fn filters(app: &TestApp, created: DateTime<Utc>, flagged: DateTime<Utc>) -> Vec<Filter> {
    let single = single_filters(app, created, flagged).await;
    let open_or_closed = Filter {
        api: json!({ "status": ["FLAGGED", "IN_REVIEW", "CLOSED"] })
            .as_object()
            .unwrap()
            .clone(),
        sql: Some((
            "status IN ('FLAGGED', 'IN_REVIEW', 'CLOSED')".to_owned(),
            vec![],
        )),
    };
    let mut all = Vec::new();
    for filter in &single[1..] {
        for other in [&open_or_closed, &single[4]] {
            if let Some(combined) = combine(filter, other) {
                all.push(combined);
            }
        }
    }
    let tallied = [&single[3], &single[4], &single[5]]
        .into_iter()
        .fold(open_or_closed, |sum, filter| combine(&sum, filter).unwrap());
    all.push(tallied);
    let mut filters = single;
    filters.extend(all);
    filters
}

/// Every filter field alone (and no filter first): 1 and 2 are statuses, 3 verdicts, 4
/// priorities, 5 an assignee.
#[allow(clippy::too_many_lines, reason = "a table of filters, one row each")]
async fn single_filters(
    app: &TestApp,
    created: DateTime<Utc>,
    flagged: DateTime<Utc>,
) -> Vec<Filter> {
    let reviewer = user_id(app, "reviewer").await;
    let jefferies = find_claims(app, json!({ "sourceName": "Jefferies" })).await;
    let article = jefferies[0]["article"]["id"].as_str().unwrap().to_owned();
    let sources = app
        .data(
            "{ sources(filter: { name: \"Jefferies\" }) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let source = sources["sources"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let with_evidence = "id IN (SELECT claim_id FROM evidence)";
    let single: Vec<(Value, &str, Vec<SqlValue>)> = vec![
        (json!({}), "1 = 1", vec![]),
        (
            json!({ "status": ["FLAGGED"] }),
            "status IN ('FLAGGED')",
            vec![],
        ),
        (
            json!({ "status": ["FLAGGED", "IN_REVIEW"] }),
            "status IN ('FLAGGED', 'IN_REVIEW')",
            vec![],
        ),
        (
            json!({ "verdict": VERDICTS }),
            "verdict IN ('TRUE', 'FALSE', 'MISLEADING')",
            vec![],
        ),
        (
            json!({ "priority": ["HIGH", "URGENT"] }),
            "priority IN ('HIGH', 'URGENT')",
            vec![],
        ),
        (
            json!({ "assigneeId": reviewer }),
            "assignee_id = ?",
            vec![row_number(&reviewer).into()],
        ),
        (json!({ "unassigned": true }), "assignee_id IS NULL", vec![]),
        (
            json!({ "unassigned": false }),
            "assignee_id IS NOT NULL",
            vec![],
        ),
        (
            json!({ "articleId": article }),
            "article_id = ?",
            vec![row_number(&article).into()],
        ),
        (
            json!({ "sourceId": source }),
            "source_id = ?",
            vec![row_number(&source).into()],
        ),
        (
            json!({ "sourceName": "jeff" }),
            "source_id IN (SELECT id FROM sources WHERE LOWER(name) LIKE '%jeff%')",
            vec![],
        ),
        (json!({ "anchorLost": false }), "NOT anchor_lost", vec![]),
        (
            json!({ "minCheckWorthiness": 0.5 }),
            "check_worthiness >= ?",
            vec![0.5.into()],
        ),
        (
            json!({ "category": ["STATISTIC"] }),
            "category IN ('STATISTIC')",
            vec![],
        ),
        (
            json!({ "flaggedBefore": flagged }),
            "flagged_at < ?",
            vec![flagged.into()],
        ),
        (
            json!({ "flaggedAfter": flagged }),
            "flagged_at >= ?",
            vec![flagged.into()],
        ),
        (
            json!({ "createdBefore": created }),
            "created_at < ?",
            vec![created.into()],
        ),
        (
            json!({ "createdAfter": created }),
            "created_at >= ?",
            vec![created.into()],
        ),
        (json!({ "hasEvidence": true }), with_evidence, vec![]),
        (
            json!({ "hasEvidence": false }),
            "id NOT IN (SELECT claim_id FROM evidence)",
            vec![],
        ),
    ];
    single
        .into_iter()
        .map(|(api, sql, values)| Filter {
            api: api.as_object().unwrap().clone(),
            sql: Some((sql.to_owned(), values)),
        })
        .chain([Filter {
            api: json!({ "search": "deepseek" }).as_object().unwrap().clone(),
            sql: None,
        }])
        .collect()
}

/// Both filters at once; `None` when they filter the same field.
fn combine(one: &Filter, other: &Filter) -> Option<Filter> {
    if one.api.keys().any(|key| other.api.contains_key(key)) {
        return None;
    }
    let mut api = one.api.clone();
    api.extend(other.api.clone());
    let sql = match (&one.sql, &other.sql) {
        (Some((a, a_values)), Some((b, b_values))) => {
            let mut values = a_values.clone();
            values.extend(b_values.iter().cloned());
            Some((format!("({a}) AND ({b})"), values))
        }
        _ => None,
    };
    Some(Filter { api, sql })
}

/// The filter's `totalCount`, as the API gives it.
async fn total_count(app: &TestApp, filter: &Filter) -> u64 {
    let variables = json!({ "filter": Value::Object(filter.api.clone()) });
    let data = app.as_user("viewer").data(COUNT, variables).await;
    data["claims"]["totalCount"].as_u64().unwrap()
}

/// The filter's count by the book: `count(*)` of the claims table, or for a search the claims
/// it lists.
async fn plain_count(app: &TestApp, db: &DatabaseConnection, filter: &Filter) -> u64 {
    let Some((condition, values)) = &filter.sql else {
        let variables = json!({ "filter": Value::Object(filter.api.clone()) });
        let data = app.as_user("viewer").data(COUNT, variables).await;
        assert_eq!(data["claims"]["pageInfo"]["hasNextPage"], false);
        return data["claims"]["edges"].as_array().unwrap().len() as u64;
    };
    let mut sql = format!("SELECT COUNT(*) AS claims FROM claims WHERE {condition}");
    if matches!(app.backend, Backend::Postgres(_)) {
        let mut numbered = String::new();
        for (number, part) in sql.split('?').enumerate() {
            if number > 0 {
                write!(numbered, "${number}").unwrap();
            }
            numbered.push_str(part);
        }
        sql = numbered;
    }
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), sql, values.iter().cloned());
    let row = db.query_one_raw(statement).await.unwrap().unwrap();
    u64::try_from(row.try_get::<i64>("", "claims").unwrap()).unwrap()
}

fn id(claim: &Value) -> String {
    claim["id"].as_str().unwrap().to_owned()
}
