//! The graphql-http audit (npm `graphql-http`, pinned in `tests/graphql-http`): every MUST,
//! SHOULD and MAY of the GraphQL over HTTP specification, checked against a real server.
//!
//! It runs when `CLAIMDESK_TEST_GRAPHQL_HTTP` is set, as `CLAIMDESK_TEST_POSTGRES` switches on
//! PostgreSQL; without it, it says so and passes. It needs Node and the audit's packages:
//! `npm ci --prefix tests/graphql-http` (which `.ci/run` does, and then sets the variable).

use std::{path::PathBuf, process::Command};

use claimdesk_tests::{Backend, TestApp};

/// The environment variable that switches the audit on.
const AUDIT_ENV: &str = "CLAIMDESK_TEST_GRAPHQL_HTTP";

#[tokio::test]
async fn the_graphql_http_audit_passes_every_rule() {
    if std::env::var_os(AUDIT_ENV).is_none() {
        eprintln!("{AUDIT_ENV} is not set: the graphql-http audit does not run");
        return;
    }
    let audit = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("graphql-http");
    assert!(
        audit.join("node_modules/graphql-http").is_dir(),
        "{AUDIT_ENV} is set, but the audit is not installed: npm ci --prefix tests/graphql-http"
    );
    let app = TestApp::spawn(Backend::Sqlite).await;
    let url = app.url("/graphql");
    let token = app.token("viewer").to_owned();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(audit.join("audit.mjs"))
            .arg(url)
            .env("CLAIMDESK_AUDIT_TOKEN", token)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&output.stderr));
    let summary = report
        .lines()
        .find_map(|line| line.strip_prefix("graphql-http audit: "))
        .expect("the audit's summary");
    let (passed, total) = summary
        .trim_end_matches(" passed")
        .split_once('/')
        .expect("N/M");
    assert!(total.parse::<u32>().unwrap() >= 61, "{summary}");
    assert_eq!(passed, total, "{report}");
    assert!(output.status.success(), "{report}");
}
