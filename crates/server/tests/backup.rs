//! `claimdesk backup`, run as the real binary. On SQLite, a backup taken while reviewers write
//! is a database of its own: a server started on it answers as the desk did at one instant
//! (every note with its event), takes the same tokens and goes on; a backup onto an existing
//! file is refused and leaves that file alone. On PostgreSQL the command names the `pg_dump`
//! command to use instead.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use claimdesk_tests::{Backend, KeptData, TestApp, TestDatabase, node_strings, run_claimdesk};
use serde_json::{Value, json};

const NOTE: &str = "mutation($id: ID!, $body: String!) {
    addNote(input: {claimId: $id, body: $body}) { note { id } } }";
const CLAIMS: &str = "{ claims(first: 100) { totalCount edges { node { id version
    notes { id body } history { kind } } } } }";

fn claimdesk(args: &[&str]) -> (bool, String) {
    run_claimdesk(env!("CARGO_BIN_EXE_claimdesk"), args)
}

/// The file behind a test database's SQLite URL.
fn file_of(database: &TestDatabase) -> String {
    let path = database.url.trim_start_matches("sqlite://");
    path.split('?').next().unwrap_or(path).to_owned()
}

#[tokio::test]
async fn a_backup_taken_while_reviewers_write_is_a_consistent_desk_of_its_own() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let claims = app.as_user("viewer").data(CLAIMS, json!({})).await;
    let ids = node_strings(&claims["claims"], "id");

    // A reviewer adds notes all through the backup.
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (client, url) = (app.http().clone(), app.url("/graphql"));
        let (token, ids, writing) = (
            app.token("reviewer").to_owned(),
            ids.clone(),
            writing.clone(),
        );
        tokio::spawn(async move {
            let mut written = 0_usize;
            while writing.load(Ordering::Relaxed) || written < 20 {
                let id = &ids[written % ids.len()];
                let body = format!("Checked, pass {written}.");
                let response: Value = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({ "query": NOTE, "variables": { "id": id, "body": body } }))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                assert!(response.get("errors").is_none(), "{response:#}");
                written += 1;
            }
            written
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let backup = TestDatabase::create(&Backend::Sqlite).await;
    let (ok, log) = claimdesk(&[
        "backup",
        "--database-url",
        &app.database.url,
        &file_of(&backup),
    ]);
    assert!(ok, "the backup failed: {log}");
    assert!(log.contains("backed up"), "{log}");
    writing.store(false, Ordering::Relaxed);
    let written = writer.await.unwrap();

    // A second backup onto the same file is refused, and the first is left whole.
    let (ok, log) = claimdesk(&[
        "backup",
        "--database-url",
        &app.database.url,
        &file_of(&backup),
    ]);
    assert!(!ok, "a backup overwrote an existing file: {log}");

    let tokens = app.tokens().clone();
    app.stop().await;
    let restored = TestApp::start_on(KeptData {
        backend: Backend::Sqlite,
        database: backup,
        tokens,
    })
    .await;
    let claims = restored.as_user("viewer").data(CLAIMS, json!({})).await;
    assert_eq!(claims["claims"]["totalCount"], ids.len());
    let mut notes = 0;
    for claim in claims["claims"]["edges"].as_array().unwrap() {
        let claim = &claim["node"];
        let kinds = claim["history"].as_array().unwrap();
        let added = kinds
            .iter()
            .filter(|event| event["kind"] == "NOTE_ADDED")
            .count();
        let kept = claim["notes"].as_array().unwrap().len();
        assert_eq!(
            kept, added,
            "every note with its event, and no more: {claim:#}"
        );
        assert_eq!(claim["version"], kinds.len(), "{claim:#}");
        notes += kept;
    }
    assert!(
        (1..=written).contains(&notes),
        "{notes} of {written} notes in the backup"
    );
    // The restored desk takes the same tokens and goes on.
    let more = json!({ "id": ids[0], "body": "Written after the restore." });
    restored.as_user("reviewer").data(NOTE, more).await;
    restored.stop().await;
}

#[tokio::test]
async fn on_postgresql_the_backup_names_pg_dump() {
    let Some(postgres) = Backend::postgres_or_skip("the PostgreSQL backup test") else {
        return;
    };
    let database = TestDatabase::create(&postgres).await;
    let file = tempfile::tempdir().unwrap().path().join("claimdesk.dump");
    let file = file.display().to_string();
    let (ok, log) = claimdesk(&["backup", "--database-url", &database.url, &file]);
    assert!(!ok, "{log}");
    assert!(log.contains("pg_dump --format=custom"), "{log}");
    assert!(log.contains(&database.url), "{log}");
}
