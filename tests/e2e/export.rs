//! `GET /export/claims.csv` and `GET /export/claims.jsonl`: parsed back by a real CSV parser,
//! they give the rows the `claims` field gives for the same filter, with text that holds
//! quotes, commas, a line break and a formula defused; a token is needed and a bad filter is
//! refused as the `claims` field refuses it.

use claimdesk_server::export::defuse_formula;
use claimdesk_tests::{TestApp, code, nodes, on_each_backend};
use serde_json::{Value, json};

use crate::operations::{FLAG, mutate};

/// A claim's text that a spreadsheet would run, with everything CSV must quote.
const TRICKY: &str = "=HYPERLINK(\"https://evil.example\", \"steel\"), said \"the minister\",\n\
    doubling, by 2028";

const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { claims { id } } }";

const CLAIMS: &str = "query($filter: ClaimFilter) {
    claims(filter: $filter, first: 100) { edges { node { id status text } } } }";

/// Records the tricky claim, flagged, and returns its ID.
async fn tricky_claim(app: &TestApp) -> String {
    let input = json!({
        "url": "https://example.org/news/steel",
        "title": "Steel, \"doubled\"",
        "body": "The minister said demand for steel will double by 2028.",
        "claims": [{
            "text": TRICKY,
            "quote": "demand for steel will double by 2028",
            "source": { "name": "The minister", "kind": "PERSON" },
            "attribution": "REPORTED",
        }],
    });
    let ingested = app.ingest(INGEST, input).await;
    let id = ingested["claims"][0]["id"].as_str().unwrap().to_owned();
    let flag = json!({ "claimId": id, "reason": "a formula", "priority": "HIGH" });
    mutate(app, FLAG, flag).await;
    id
}

/// `(id, status, text)` of each claim the `claims` field lists for `filter`.
async fn listed(app: &TestApp, filter: Value) -> Vec<[String; 3]> {
    let data = app
        .as_user("viewer")
        .data(CLAIMS, json!({ "filter": filter }))
        .await;
    nodes(&data["claims"])
        .iter()
        .map(|node| ["id", "status", "text"].map(|field| node[field].as_str().unwrap().to_owned()))
        .collect()
}

/// GETs an export as `user` (or with no token) and returns the status and the body.
async fn export(
    app: &TestApp,
    path: &str,
    user: Option<&str>,
    filter: Option<&str>,
) -> (u16, String) {
    let mut request = app.http().get(app.url(path));
    if let Some(filter) = filter {
        request = request.query(&[("filter", filter)]);
    }
    if let Some(user) = user {
        request = request.bearer_auth(app.token(user));
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a text body"))
}

/// The viewer's export at `path` of the claims that pass `filter`, which must succeed.
async fn exported(app: &TestApp, path: &str, filter: &Value) -> String {
    let (status, body) = export(app, path, Some("viewer"), Some(&filter.to_string())).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The CSV's header and its rows, parsed by the `csv` crate.
fn parsed(csv: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("RFC 4180 CSV");
    (header, rows)
}

#[tokio::test]
async fn the_csv_export_gives_the_rows_of_the_claims_field() {
    on_each_backend(csv_rows).await;
}

async fn csv_rows(app: TestApp) {
    let tricky = tricky_claim(&app).await;
    let [seeded, ..] = listed(&app, json!({})).await.remove(0);
    let flag = json!({ "claimId": seeded, "reason": "seeded", "priority": "LOW" });
    mutate(&app, FLAG, flag).await;
    for filter in [json!({}), json!({ "status": ["FLAGGED"] })] {
        let body = exported(&app, "/export/claims.csv", &filter).await;
        assert!(body.ends_with("\r\n"), "RFC 4180 line ends");
        let (header, rows) = parsed(&body);
        assert_eq!(&header[..3], ["id", "status", "priority"]);
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let exported: Vec<[String; 3]> = rows
            .iter()
            .map(|row| ["id", "status", "text"].map(|name| row[column(name)].to_owned()))
            .collect();
        let expected: Vec<[String; 3]> = listed(&app, filter.clone())
            .await
            .into_iter()
            .map(|[id, status, text]| [id, status, defuse_formula(&text).into_owned()])
            .collect();
        assert!(expected.len() > 1, "{filter}: {expected:?}");
        assert_eq!(exported, expected, "{filter}");

        let row = rows
            .iter()
            .find(|row| row[0] == *tricky)
            .expect("the tricky claim");
        assert_eq!(row[column("text")], format!("'{TRICKY}"));
        assert_eq!(&row[column("article_title")], "Steel, \"doubled\"");
        assert_eq!(&row[column("source_name")], "The minister");
        assert_eq!(&row[column("priority")], "HIGH");
    }
}

#[tokio::test]
async fn the_jsonl_export_gives_the_same_claims_unaltered() {
    on_each_backend(jsonl_rows).await;
}

async fn jsonl_rows(app: TestApp) {
    tricky_claim(&app).await;
    let filter = json!({ "status": ["FLAGGED"] });
    let body = exported(&app, "/export/claims.jsonl", &filter).await;
    let exported: Vec<[String; 3]> = body
        .lines()
        .map(|line| {
            let claim: Value = serde_json::from_str(line).expect("one JSON object a line");
            ["id", "status", "text"].map(|field| claim[field].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(exported, listed(&app, filter).await);
    assert!(
        exported.iter().any(|[.., text]| text == TRICKY),
        "JSON keeps the text as it is"
    );
}

#[tokio::test]
async fn an_export_needs_a_token_and_a_good_filter() {
    on_each_backend(refusals).await;
}

async fn refusals(app: TestApp) {
    for path in ["/export/claims.csv", "/export/claims.jsonl"] {
        let (status, body) = export(&app, path, None, None).await;
        assert_eq!(status, 401, "{body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(code(&body["errors"][0]), "UNAUTHENTICATED");
    }
    for (filter, field) in [
        (r#"{"status": ["LOST"]}"#, "filter"),
        (r#"{"statuses": ["FLAGGED"]}"#, "filter"),
        ("not json", "filter"),
        (r#"{"articleId": "nonsense"}"#, "filter.articleId"),
    ] {
        let (status, body) = export(&app, "/export/claims.csv", Some("viewer"), Some(filter)).await;
        assert_eq!(status, 400, "{filter}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        let error = &body["errors"][0];
        assert_eq!(code(error), "BAD_USER_INPUT", "{filter}: {body}");
        assert_eq!(error["extensions"]["field"], field, "{filter}: {body}");
        assert!(error["extensions"]["requestId"].is_string(), "{body}");
    }
}
