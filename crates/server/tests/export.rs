//! `claimdesk export`, run as the real binary on each backend: it writes the bytes that
//! `GET /export/claims.csv` and `.jsonl` send, across several pages, with as many rows as the
//! `claims` field counts, and refuses a bad filter.

use std::{collections::HashSet, process::Command};

use claimdesk_tests::{TestApp, on_each_backend};
use serde_json::json;

/// Runs `claimdesk` and returns whether it succeeded, its output and its log.
fn claimdesk(args: &[&str]) -> (bool, Vec<u8>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env_remove("CLAIMDESK_DATABASE_URL")
        .output()
        .expect("the binary runs");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), output.stdout, log)
}

/// Runs `claimdesk export` of the claims on `url` that pass `filter`, in `format`, to the file
/// `out` or to standard output.
fn export(url: &str, format: &str, filter: &str, out: Option<&str>) -> (bool, Vec<u8>, String) {
    let mut args = vec![
        "export",
        "--database-url",
        url,
        "--format",
        format,
        "--filter",
        filter,
    ];
    if let Some(file) = out {
        args.extend(["--out", file]);
    }
    claimdesk(&args)
}

async fn http_export(app: &TestApp, path: &str, filter: &str) -> Vec<u8> {
    let response = app
        .http()
        .get(app.url(path))
        .query(&[("filter", filter)])
        .bearer_auth(app.token("viewer"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn the_command_writes_what_the_endpoint_sends() {
    on_each_backend(same_bytes).await;
}

async fn same_bytes(app: TestApp) {
    let url = app.database.url.clone();
    let (ok, _, log) = claimdesk(&[
        "demo-data",
        "--database-url",
        &url,
        "--articles",
        "30",
        "--claims",
        "2500",
    ]);
    assert!(ok, "demo-data failed: {log}");
    let dir = tempfile::tempdir().unwrap();
    for filter in [
        "{}",
        r#"{"status": ["NEW", "CLOSED"], "priority": ["LOW", "NORMAL"]}"#,
    ] {
        let file = dir.path().join("claims.csv");
        let file = file.to_str().unwrap();
        let (ok, _, log) = export(&url, "csv", filter, Some(file));
        assert!(ok, "export failed: {log}");
        let written = std::fs::read(file).unwrap();
        assert!(
            written == http_export(&app, "/export/claims.csv", filter).await,
            "{filter}: the file differs from the endpoint's CSV"
        );

        let mut reader = csv::Reader::from_reader(written.as_slice());
        let ids: Vec<String> = reader
            .records()
            .map(|row| row.expect("RFC 4180 CSV")[0].to_owned())
            .collect();
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{filter}: no claim twice");
        let count = app
            .as_user("viewer")
            .data(
                "query($filter: ClaimFilter) { claims(filter: $filter) { totalCount } }",
                json!({ "filter": serde_json::from_str::<serde_json::Value>(filter).unwrap() }),
            )
            .await["claims"]["totalCount"]
            .as_u64()
            .unwrap();
        assert_eq!(ids.len() as u64, count, "{filter}");

        let (ok, stdout, log) = export(&url, "jsonl", filter, None);
        assert!(ok, "export failed: {log}");
        assert!(
            stdout == http_export(&app, "/export/claims.jsonl", filter).await,
            "{filter}: standard output differs from the endpoint's JSON lines"
        );
    }
    assert!(
        total_claims(&app).await > 2000,
        "the export spans several pages"
    );

    let (ok, stdout, log) = export(&url, "csv", r#"{"status": ["LOST"]}"#, None);
    assert!(!ok && stdout.is_empty(), "a bad filter writes nothing");
    assert!(log.contains("LOST"), "{log}");
}

async fn total_claims(app: &TestApp) -> u64 {
    app.as_user("viewer")
        .data("{ claims { totalCount } }", json!({}))
        .await["claims"]["totalCount"]
        .as_u64()
        .unwrap()
}
