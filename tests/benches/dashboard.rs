//! Dashboard reads at scale, over HTTP against the real release server.
//!
//! For each size (10k, 100k and 1M claims by default) and backend (SQLite, and PostgreSQL
//! when `CLAIMDESK_TEST_POSTGRES` names a server), a fresh database is filled by
//! `claimdesk demo-data` (50 claims per article, seed 1), then `claimdesk serve --dev-open`
//! runs on it as a process of its own. For each of four queries (the dashboard page, a triage
//! list, a search and `stats`), 16 concurrent clients send it over keep-alive HTTP for a fixed
//! time after a short warm-up. Every response must be HTTP 200 with data and no `errors`;
//! the first that is not stops the benchmark, which prints what it measured until then. The
//! report gives each query's throughput, p50 and p99, and each configuration's load time and
//! the server's peak RSS (`VmHWM`), as a markdown table.
//!
//! Run with `cargo bench -p claimdesk-tests --bench dashboard`. Pass sizes to run only those
//! (`-- 10000` for a quick run) or set `DASHBOARD_SIZES=10000,100000`; pass `sqlite` or
//! `postgres` to run on that backend only. `DASHBOARD_SECONDS` sets the measured time per
//! query (10 by default). The benchmark builds the `claimdesk` binary in release mode first,
//! or uses the one `CLAIMDESK_BIN` names.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use claimdesk_core::{Clock, SystemClock};
use claimdesk_tests::{Backend, TestDatabase};
use serde_json::{Value, json};

const CLIENTS: usize = 16;
const CLAIMS_PER_ARTICLE: usize = 50;
const WARM_UP: Duration = Duration::from_secs(2);

/// The dashboard page: 50 claims with what a desk shows beside each.
const DASHBOARD: &str = "{ claims(first: 50) { edges { node {
    id text status priority article { title } source { name kind } assignee { name }
    evidenceCount latestNote { body } history(last: 3) { kind at } } } } }";

/// The triage list: urgent open claims flagged more than two days ago, oldest first.
const TRIAGE: &str = "query($before: DateTime!) { claims(
    filter: { priority: [HIGH, URGENT], status: [FLAGGED, IN_REVIEW], flaggedBefore: $before },
    orderBy: { field: FLAGGED_AT, direction: ASC }, first: 50) {
    edges { node { id text status priority flaggedAt flagReason assignee { name } } } } }";

/// A ranked search.
const SEARCH: &str = "{ claims(filter: { search: \"llama\" },
    orderBy: { field: RELEVANCE, direction: DESC }, first: 20) {
    edges { node { id text quote status source { name } } } } }";

/// The desk counts.
const STATS: &str = "{ stats(filter: {}) {
    byStatus { status count } byVerdict { verdict count } byPriority { priority count }
    openByAssignee { assignee { name } openClaims }
    flagToClose { closed medianSeconds p90Seconds } closedPerDay { date count } } }";

#[tokio::main]
async fn main() {
    let sizes = sizes();
    let seconds: u64 = std::env::var("DASHBOARD_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    let binary = claimdesk_binary();
    let triage_before = (SystemClock.now() - chrono::Duration::days(2)).to_rfc3339();
    let queries = [
        ("dashboard page", DASHBOARD, json!({})),
        ("triage list", TRIAGE, json!({ "before": triage_before })),
        ("search \"llama\"", SEARCH, json!({})),
        ("stats", STATS, json!({})),
    ];
    let mut rows = Vec::new();
    let mut failure = None;
    'configurations: for backend in backends() {
        let label = match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        };
        for &claims in &sizes {
            let database = TestDatabase::create(&backend).await;
            let loaded = demo_data(&binary, &database.url, claims);
            eprintln!(
                "{label}, {claims} claims: loaded in {:.1} s",
                loaded.as_secs_f64()
            );
            let server = Server::start(&binary, &database.url).await;
            let mut results = Vec::new();
            for (name, query, variables) in &queries {
                let body = json!({ "query": query, "variables": variables });
                match drive(&server.url, &body, Duration::from_secs(seconds)).await {
                    Ok(run) => {
                        eprintln!("  {name}: {:.0} req/s, p99 {}", run.per_second, ms(run.p99));
                        results.push((*name, run));
                    }
                    Err(error) => {
                        failure = Some(format!("{label}, {claims} claims, {name}: {error}"));
                        break;
                    }
                }
            }
            let peak = server.peak_rss_mb();
            for (name, run) in results {
                rows.push(format!(
                    "| {label} | {claims} | {:.1} s | {name} | {:.0} | {} | {} | {peak:.0} MB |",
                    loaded.as_secs_f64(),
                    run.per_second,
                    ms(run.p50),
                    ms(run.p99),
                ));
            }
            drop(server);
            if failure.is_some() {
                break 'configurations;
            }
        }
    }
    println!(
        "\n{CLIENTS} concurrent clients, {seconds} s per query after a {} s warm-up\n",
        WARM_UP.as_secs()
    );
    println!("| backend | claims | load | query | req/s | p50 | p99 | server peak RSS |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for row in rows {
        println!("{row}");
    }
    if let Some(failure) = failure {
        println!("\nABORTED at {failure}");
        std::process::exit(1);
    }
}

/// SQLite and, when `CLAIMDESK_TEST_POSTGRES` is set, PostgreSQL; `sqlite` or `postgres` on
/// the command line keeps only that one.
fn backends() -> Vec<Backend> {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg == "sqlite" || arg == "postgres")
        .collect();
    Backend::configured()
        .into_iter()
        .filter(|backend| {
            let name = match backend {
                Backend::Sqlite => "sqlite",
                Backend::Postgres(_) => "postgres",
            };
            only.is_empty() || only.iter().any(|arg| arg == name)
        })
        .collect()
}

/// The sizes named on the command line, else in `DASHBOARD_SIZES`, else 10k, 100k and 1M.
fn sizes() -> Vec<usize> {
    let from_args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    if !from_args.is_empty() {
        return from_args;
    }
    if let Ok(list) = std::env::var("DASHBOARD_SIZES") {
        return list
            .split(',')
            .map(|size| size.trim().parse().expect("DASHBOARD_SIZES lists numbers"))
            .collect();
    }
    vec![10_000, 100_000, 1_000_000]
}

/// The release `claimdesk` binary: `CLAIMDESK_BIN`, or built next to this benchmark.
fn claimdesk_binary() -> PathBuf {
    if let Ok(path) = std::env::var("CLAIMDESK_BIN") {
        return PathBuf::from(path);
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "claimdesk-server",
            "--bin",
            "claimdesk",
        ])
        .current_dir(&workspace)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the claimdesk binary builds");
    // This benchmark runs from target/release/deps; the binary is in target/release.
    let exe = std::env::current_exe().expect("the benchmark's path");
    let release = exe.parent().and_then(Path::parent).expect("target/release");
    release.join("claimdesk")
}

/// Fills the database at `url` with `claims` demo claims and returns how long it took.
fn demo_data(binary: &Path, url: &str, claims: usize) -> Duration {
    let articles = (claims / CLAIMS_PER_ARTICLE).max(1).to_string();
    let claims = claims.to_string();
    let started = Instant::now();
    let output = Command::new(binary)
        .args([
            "demo-data",
            "--articles",
            &articles,
            "--claims",
            &claims,
            "--seed",
            "1",
        ])
        .env("CLAIMDESK_DATABASE_URL", url)
        .output()
        .expect("claimdesk demo-data runs");
    assert!(
        output.status.success(),
        "demo-data failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    started.elapsed()
}

/// `claimdesk serve` as a process of its own, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    async fn start(binary: &Path, database_url: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(binary)
            .args(["serve", "--dev-open", "--no-seed", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .env("CLAIMDESK_DATABASE_URL", database_url)
            .env("CLAIMDESK_RATE_LIMIT_PER_MINUTE", "4000000000")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("claimdesk serve starts");
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}/graphql"),
        };
        let ready = format!("http://127.0.0.1:{port}/readyz");
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(response) = client.get(&ready).send().await
                && response.status() == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not become ready within a minute");
    }

    /// The most memory the server has held, from `VmHWM`.
    fn peak_rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let kilobytes: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in /proc status");
        kilobytes / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Run {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

/// Sends `body` from `CLIENTS` clients for a warm-up, then for `time`, checking every answer.
async fn drive(url: &str, body: &Value, time: Duration) -> Result<Run, String> {
    let body: Arc<[u8]> = serde_json::to_vec(body).unwrap().into();
    send_for(url, &body, WARM_UP).await?;
    let started = Instant::now();
    let mut latencies = send_for(url, &body, time).await?;
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |per_mille: usize| latencies[(latencies.len() - 1) * per_mille / 1000];
    #[allow(clippy::cast_precision_loss)]
    let per_second = latencies.len() as f64 / elapsed.as_secs_f64();
    Ok(Run {
        per_second,
        p50: at(500),
        p99: at(990),
    })
}

/// Every client's latencies over `time`, or the first wrong answer.
async fn send_for(url: &str, body: &Arc<[u8]>, time: Duration) -> Result<Vec<Duration>, String> {
    let until = Instant::now() + time;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (url, body) = (url.to_owned(), body.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut latencies = Vec::new();
                while Instant::now() < until {
                    let sent = Instant::now();
                    let response = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body.to_vec())
                        .send()
                        .await
                        .map_err(|error| format!("no answer: {error}"))?;
                    let status = response.status();
                    let bytes = response
                        .bytes()
                        .await
                        .map_err(|error| format!("no body: {error}"))?;
                    latencies.push(sent.elapsed());
                    check(status.as_u16(), &bytes)?;
                }
                Ok::<_, String>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failure = None;
    for client in clients {
        match client.await.expect("a client runs to its end") {
            Ok(client_latencies) => latencies.extend(client_latencies),
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    failure.map_or(Ok(latencies), Err)
}

/// Whether the answer is HTTP 200 with data and no errors, and a list that is not empty.
fn check(status: u16, bytes: &[u8]) -> Result<(), String> {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    if status != 200 {
        return Err(format!("HTTP {status}: {}", text()));
    }
    let response: Value =
        serde_json::from_slice(bytes).map_err(|_| format!("not JSON: {}", text()))?;
    if response.get("errors").is_some() {
        return Err(format!("errors: {}", text()));
    }
    let data = &response["data"];
    let found = data["claims"]["edges"]
        .as_array()
        .map(Vec::len)
        .or_else(|| data["stats"]["byStatus"].as_array().map(Vec::len));
    if found.is_some_and(|n| n > 0) {
        Ok(())
    } else {
        Err(format!("an empty answer: {}", text()))
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
