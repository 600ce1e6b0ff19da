//! `claimdesk copy` in both directions between SQLite and PostgreSQL (SQLite to SQLite when
//! `CLAIMDESK_TEST_POSTGRES` is unset), run as the real binary: a copy of a desk in use
//! answers every query as its source did, keeps tokens, IDs and the event log, and serves on;
//! a copy killed part-way is detected, and the next one succeeds.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use chrono::{DateTime, SecondsFormat};
use claimdesk_server::Application;
use claimdesk_store::Store;
use claimdesk_tests::{
    Backend, KeptData, Subscriber, TestApp, TestDatabase, row_number, run_claimdesk, test_config,
};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// Each direction the configured backends allow.
fn directions() -> Vec<(Backend, Backend)> {
    match Backend::postgres() {
        Some(postgres) => vec![
            (Backend::Sqlite, postgres.clone()),
            (postgres, Backend::Sqlite),
        ],
        None => vec![(Backend::Sqlite, Backend::Sqlite)],
    }
}

/// Runs the `claimdesk` binary and returns whether it succeeded, and its log.
fn claimdesk(args: &[&str]) -> (bool, String) {
    run_claimdesk(env!("CARGO_BIN_EXE_claimdesk"), args)
}

fn demo_data(url: &str, articles: &str, claims: &str) {
    let (ok, log) = claimdesk(&[
        "demo-data",
        "--database-url",
        url,
        "--articles",
        articles,
        "--claims",
        claims,
    ]);
    assert!(ok, "demo-data failed: {log}");
}

const ROW: &str = "id externalId text quote span { start end } anchorLost checkWorthiness
    category attribution status priority flagReason flaggedAt verdict verdictSummary closedAt
    closedBy { id } assignee { id } source { id name kind } article { id title }
    version evidenceCount latestNote { id body } createdAt updatedAt
    history(last: 3) { id kind at actor { id } fromStatus toStatus detail }";

const STATS: &str = "{ stats { byStatus { status count } byVerdict { verdict count }
    byPriority { priority count } openByAssignee { assignee { id } openClaims }
    flagToClose { closed medianSeconds } closedPerDay { date count }
    oldestOpenFlagged { id } } }";

const CLOSED: &str = "{ claims(first: 100, filter: { status: [CLOSED] }) { totalCount edges {
    node { id claimReview evidence { id url stance } notes { id body author { id } }
    history { id kind at actor { name } fromStatus toStatus detail } } } } }";

/// The queries whose answers must be the same on the source and on the copy.
fn queries() -> Vec<String> {
    let mut queries = vec![STATS.to_owned(), CLOSED.to_owned()];
    for field in [
        "CREATED_AT",
        "UPDATED_AT",
        "FLAGGED_AT",
        "PRIORITY",
        "CHECK_WORTHINESS",
    ] {
        for direction in ["ASC", "DESC"] {
            queries.push(format!(
                "{{ claims(first: 100, orderBy: {{ field: {field}, direction: {direction} }}) \
                 {{ totalCount edges {{ node {{ {ROW} }} }} }} }}"
            ));
        }
    }
    queries.push(
        "{ claims(first: 100, filter: { search: \"percent\" }, \
         orderBy: { field: RELEVANCE, direction: DESC }) { totalCount edges { node { id } } } }"
            .to_owned(),
    );
    queries.push(
        "{ articles(first: 100) { totalCount edges { node { id title revision } } } }".into(),
    );
    queries.push("{ sources(first: 100) { totalCount edges { node { id name kind } } } }".into());
    queries
}

/// `value` with every time cut to microseconds (PostgreSQL keeps no more) and every number
/// rounded to thousandths, so that answers from the two engines compare.
fn comparable(value: &Value) -> Value {
    match value {
        Value::String(text) => match DateTime::parse_from_rfc3339(text) {
            Ok(time) => {
                let micros = time.timestamp_micros();
                let cut = DateTime::from_timestamp_micros(micros).expect("a time");
                Value::String(cut.to_rfc3339_opts(SecondsFormat::Micros, true))
            }
            Err(_) => value.clone(),
        },
        Value::Number(number) if number.is_f64() => {
            json!((number.as_f64().unwrap() * 1000.0).round() / 1000.0)
        }
        Value::Array(items) => Value::Array(items.iter().map(comparable).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, field)| (key.clone(), comparable(field)))
                .collect(),
        ),
        other => other.clone(),
    }
}

async fn answers(app: &TestApp) -> Vec<Value> {
    let mut answers = Vec::new();
    for query in queries() {
        answers.push(comparable(
            &app.as_user("viewer").data(&query, json!({})).await,
        ));
    }
    answers
}

async fn max_id(url: &str, table: &str) -> i64 {
    let db = Database::connect(url).await.expect("connects");
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT MAX(id) AS id FROM {table}"),
        ))
        .await
        .expect("reads")
        .expect("a row");
    let id = row.try_get::<i64>("", "id").expect("an id");
    db.close().await.expect("closes");
    id
}

/// A new database of `backend`, migrated.
async fn migrated(backend: &Backend) -> TestDatabase {
    let database = TestDatabase::create(backend).await;
    let store = Store::connect(&database.url).await.expect("connects");
    store.migrate().await.expect("migrates");
    store.close().await.expect("closes");
    database
}

/// Every index, constraint and trigger of the database at `url`, with whether each trigger is
/// on: a copy that set any aside while it loaded must leave them as the migrations made them.
async fn schema(url: &str) -> Vec<String> {
    let db = Database::connect(url).await.expect("connects");
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "SELECT pg_get_indexdef(indexrelid) AS item FROM pg_index \
             JOIN pg_class ON pg_class.oid = indexrelid \
             WHERE relnamespace = current_schema()::regnamespace \
             UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || \
             pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE connamespace = current_schema()::regnamespace \
             UNION ALL SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text \
             FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"
        }
        // Less the statistics tables, which the copy's closing `ANALYZE` makes.
        _ => {
            "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS item FROM sqlite_master \
              WHERE name NOT LIKE 'sqlite_stat%' ORDER BY 1"
        }
    };
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .expect("reads the schema");
    let items = rows
        .iter()
        .map(|row| row.try_get::<String>("", "item").expect("an item"))
        .collect();
    db.close().await.expect("closes");
    items
}

const INGEST: &str = "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
    outcome article { id revision } } }";

/// A desk in use (the seed, demo data in every state, a revised article, tokens) copied
/// each way.
#[tokio::test]
async fn a_copy_answers_as_its_source_and_the_desk_goes_on_there() {
    for (from, to) in directions() {
        eprintln!("--- {from:?} to {to:?}");
        copy_in_use(from, to).await;
    }
}

async fn copy_in_use(from: Backend, to: Backend) {
    let source = TestApp::spawn(from).await;
    for body in [
        "The council said the budget is $4.2 billion.",
        "The council said it is $4.3 billion.",
    ] {
        let input = json!({ "url": "https://example.org/budget", "title": "Budget",
            "body": body, "claims": [] });
        source.ingest(INGEST, input).await;
    }
    let kept = source.stop_keeping_data().await;
    demo_data(&kept.database.url, "40", "800");
    let source = TestApp::start_on(kept).await;
    let before = answers(&source).await;

    let target_database = TestDatabase::create(&to).await;
    let (ok, log) = claimdesk(&[
        "copy",
        "--from",
        &source.database.url,
        "--to",
        &target_database.url,
    ]);
    assert!(ok, "the copy failed: {log}");
    for table in [
        "users",
        "api_tokens",
        "article_revisions",
        "claims",
        "claim_events",
        "notes",
    ] {
        assert!(
            log.lines().any(|line| line.contains("copied")
                && line.contains(table)
                && line.contains("rows_per_second")),
            "no progress for {table}: {log}"
        );
    }
    let max_note = max_id(&source.database.url, "notes").await;
    let max_event = max_id(&source.database.url, "claim_events").await;
    let target = TestApp::start_on(KeptData {
        backend: to.clone(),
        database: target_database,
        tokens: source.tokens().clone(),
    })
    .await;
    let after = answers(&target).await;
    for (index, (before, after)) in before.iter().zip(&after).enumerate() {
        assert_eq!(
            before,
            after,
            "query {index} answers differently: {}",
            queries()[index]
        );
    }

    let (copied, fresh) = (
        schema(&target.database.url).await,
        schema(&migrated(&to).await.url).await,
    );
    let only_one: Vec<_> = copied
        .iter()
        .filter(|item| !fresh.contains(item))
        .chain(fresh.iter().filter(|item| !copied.contains(item)))
        .collect();
    assert!(
        only_one.is_empty(),
        "the copy's schema differs from a migrated database's: {only_one:?}"
    );
    resumes_from_a_source_event(&source, &target, max_event).await;
    review_on_the_copy(&target, max_note).await;
    append_only_on_the_copy(&target.database.url).await;
    source.stop().await;
    target.stop().await;
}

/// A subscription on the copy, resumed from an event made on the source, gets the source's
/// later events of the claim and then the live ones, with new IDs.
async fn resumes_from_a_source_event(source: &TestApp, target: &TestApp, max_event: i64) {
    let claim = source
        .as_user("viewer")
        .data(
            "{ claims(first: 1, filter: { status: [CLOSED] }) { edges { node { id history { id } } } } }",
            json!({}),
        )
        .await;
    let node = &claim["claims"]["edges"][0]["node"];
    let claim_id = node["id"].as_str().unwrap().to_owned();
    let history: Vec<String> = node["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(history.len() >= 2, "{node:#}");
    let mut subscriber = target.subscriber("viewer").await;
    subscriber
        .subscribe(
            "s",
            "subscription($claim: ID!, $after: ID) { claimEvents(filter: { claimId: $claim }, after: $after) { id kind } }",
            json!({ "claim": claim_id, "after": history[0] }),
        )
        .await;
    for expected in &history[1..] {
        let event = next_data(&mut subscriber).await;
        assert_eq!(&event["claimEvents"]["id"], expected);
    }
    target
        .as_user("reviewer")
        .data(
            "mutation($id: ID!) { addNote(input: { claimId: $id, body: \"after the move\" }) { note { id } } }",
            json!({ "id": claim_id }),
        )
        .await;
    let live = next_data(&mut subscriber).await;
    assert_eq!(live["claimEvents"]["kind"], "NOTE_ADDED");
    assert!(row_number(live["claimEvents"]["id"].as_str().unwrap()) > max_event);
}

/// The README's review, on the copy, with tokens made before the copy; new rows get IDs
/// after the copied ones.
async fn review_on_the_copy(target: &TestApp, max_note: i64) {
    let editor = target.as_user("editor");
    let me = editor.data("{ viewer { id } }", json!({})).await["viewer"]["id"].clone();
    let found = editor
        .data(
            "{ claims(filter: { sourceName: \"jefferies\" }) { edges { node { id status } } } }",
            json!({}),
        )
        .await;
    let id = found["claims"]["edges"][0]["node"]["id"].clone();
    assert_eq!(found["claims"]["edges"][0]["node"]["status"], "NEW");
    let steps = [
        "mutation($id: ID!) { flagClaim(input: { claimId: $id, reason: \"cost\", priority: HIGH }) { claim { version } } }",
        "mutation($id: ID!, $me: ID!) { assignClaim(input: { claimId: $id, assigneeId: $me }) { claim { version } } }",
        "mutation($id: ID!) { startReview(input: { claimId: $id }) { claim { version } } }",
        "mutation($id: ID!) { attachEvidence(input: { claimId: $id, url: \"https://arxiv.org/abs/2412.19437\", title: \"DeepSeek-V3 Technical Report\", stance: CONTEXT }) { claim { version } } }",
    ];
    for step in steps {
        editor.data(step, json!({ "id": id, "me": me })).await;
    }
    let note = editor
        .data(
            "mutation($id: ID!) { addNote(input: { claimId: $id, body: \"$5.576M assumes $2 per GPU hour.\" }) { note { id } claim { version } } }",
            json!({ "id": id }),
        )
        .await;
    assert!(row_number(note["addNote"]["note"]["id"].as_str().unwrap()) > max_note);
    let closed = editor
        .data(
            "mutation($id: ID!) { closeReview(input: { claimId: $id, verdict: MISLEADING, summary: \"Only the final run.\", expectedVersion: 6 }) { claim { status verdict version } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(closed["closeReview"]["claim"]["status"], "CLOSED");
    let history = editor
        .data(
            "query($id: ID!) { claim(id: $id) { history { kind } } }",
            json!({ "id": id }),
        )
        .await;
    let kinds: Vec<&str> = history["claim"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&[
            "FLAGGED",
            "ASSIGNED",
            "REVIEW_STARTED",
            "EVIDENCE_ATTACHED",
            "NOTE_ADDED",
            "CLOSED"
        ]),
        "{kinds:?}"
    );
}

async fn next_data(subscriber: &mut Subscriber) -> Value {
    let payload = subscriber
        .next(std::time::Duration::from_secs(10))
        .await
        .expect("an event");
    payload["data"].clone()
}

/// The copy's event log refuses updates and deletes, as its source's did.
async fn append_only_on_the_copy(url: &str) {
    let db = Database::connect(url).await.expect("connects");
    for sql in [
        "UPDATE claim_events SET kind = kind",
        "DELETE FROM claim_events",
    ] {
        let refused = db.execute_unprepared(sql).await;
        assert!(
            refused.is_err_and(|error| error.to_string().contains("append-only")),
            "{sql} was not refused"
        );
    }
    db.close().await.expect("closes");
}

/// A copy killed with SIGKILL while it loads leaves a target that `serve` refuses; the next
/// copy starts over and succeeds; a copy into a database with data is refused.
#[tokio::test]
async fn an_interrupted_copy_is_detected_and_the_next_one_succeeds() {
    for (from, to) in directions() {
        eprintln!("--- {from:?} to {to:?}");
        let source = TestDatabase::create(&from).await;
        demo_data(&source.url, "100", "6000");
        let target = TestDatabase::create(&to).await;

        let mut copy = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args(["copy", "--from", &source.url, "--to", &target.url])
            .env("RUST_LOG", "info")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("the copy starts");
        let log = BufReader::new(copy.stderr.take().unwrap());
        for line in log.lines() {
            let line = line.expect("a log line");
            if line.contains("copied") && line.contains("claims") {
                break;
            }
        }
        copy.kill().expect("SIGKILL");
        copy.wait().expect("the copy ends");

        let store = Store::connect(&target.url).await.expect("connects");
        assert!(store.copy_interrupted().await.expect("reads"));
        store.close().await.expect("closes");
        let refused = Application::build(test_config(&target)).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|error| error.to_string().contains("did not finish")),
            "serve accepted a half-copied database"
        );

        let (ok, log) = claimdesk(&["copy", "--from", &source.url, "--to", &target.url]);
        assert!(ok, "the second copy failed: {log}");
        assert!(log.contains("interrupted copy"), "{log}");
        assert_eq!(
            max_id(&source.url, "claims").await,
            max_id(&target.url, "claims").await
        );
        let app = Application::build(test_config(&target)).await;
        assert!(app.is_ok(), "serve refused the finished copy");
        drop(app);

        let (ok, log) = claimdesk(&["copy", "--from", &source.url, "--to", &target.url]);
        assert!(
            !ok && log.contains("not empty"),
            "a copy into a full target: {log}"
        );
    }
}
