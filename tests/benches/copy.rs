//! Operations at scale, against the real release binary.
//!
//! 1. **Copy.** A SQLite database filled by `claimdesk demo-data` (50 claims per article,
//!    seed 1, with their evidence, notes and events) is copied to a new PostgreSQL database by
//!    `claimdesk copy`, which checks every table's row count and checksum. The report gives the
//!    time, the rows copied and the rows per second. Without `CLAIMDESK_TEST_POSTGRES` the
//!    copy goes to a second SQLite file.
//! 2. **The cost of metrics.** Two `claimdesk serve --dev-open` on the SQLite database, one
//!    with metrics and one with `--no-metrics`, are driven in turn (on, off, on, off) with the
//!    desk page (`common::DESK`) by 16 keep-alive clients; the report gives each round's
//!    throughput and the ratio of the mean with metrics to the mean without.
//!
//! Run with `cargo bench -p claimdesk-tests --bench copy -- 100000`: the argument is the
//! number of claims (100 000 by default; the target is 1M copied in under 3 minutes).
//! `COPY_BENCH_SECONDS` sets each metrics round's measured time (10 by default). The binary is
//! built in release mode first, or taken from `CLAIMDESK_BIN`.

#[allow(
    dead_code,
    reason = "the dashboard benchmarks' queries and helpers, of which this uses a few"
)]
mod common;

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use claimdesk_tests::{Backend, TestDatabase};
use common::{DESK, Server, claimdesk_binary, demo_data, drive, ms, size_argument};
use serde_json::{Value, json};

#[tokio::main]
async fn main() {
    let claims: usize = size_argument(100_000);
    let seconds: u64 = std::env::var("COPY_BENCH_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    let binary = claimdesk_binary();

    let source = TestDatabase::create(&Backend::Sqlite).await;
    let loaded = demo_data(&binary, &source.url, claims);
    eprintln!(
        "SQLite, {claims} claims: loaded in {:.1} s",
        loaded.as_secs_f64()
    );

    let target_backend = Backend::postgres().unwrap_or(Backend::Sqlite);
    let target = TestDatabase::create(&target_backend).await;
    let label = match target_backend {
        Backend::Sqlite => "SQLite → SQLite",
        Backend::Postgres(_) => "SQLite → PostgreSQL",
    };
    let (elapsed, rows) = copy(&binary, &source.url, &target.url);
    #[allow(clippy::cast_precision_loss)]
    let per_second = rows as f64 / elapsed.as_secs_f64();
    println!("\n## Copy\n");
    println!("| Direction | Claims | Rows copied | Time | Rows/s |");
    println!("|---|---|---|---|---|");
    println!(
        "| {label} | {claims} | {rows} | {:.1} s | {per_second:.0} |",
        elapsed.as_secs_f64()
    );
    drop(target);

    let on = serve(&binary, &source.url, true).await;
    let off = serve(&binary, &source.url, false).await;
    let body = json!({ "query": DESK });
    let list = "/data/claims/edges";
    let time = Duration::from_secs(seconds);
    let mut rounds = Vec::new();
    for (metrics, server) in [(true, &on), (false, &off), (true, &on), (false, &off)] {
        let run = drive(&server.url, &body, list, time)
            .await
            .unwrap_or_else(|error| panic!("the desk page failed: {error}"));
        let name = if metrics { "on" } else { "off" };
        eprintln!(
            "  metrics {name}: {:.0} req/s, p99 {}",
            run.per_second,
            ms(run.p99)
        );
        rounds.push((metrics, run));
    }
    let mean = |metrics: bool| {
        let runs: Vec<f64> = rounds
            .iter()
            .filter(|(on, _)| *on == metrics)
            .map(|(_, run)| run.per_second)
            .collect();
        #[allow(clippy::cast_precision_loss)]
        let count = runs.len() as f64;
        runs.iter().sum::<f64>() / count
    };
    println!("\n## Metrics on the desk page ({claims} claims, SQLite)\n");
    println!("| Round | Metrics | Req/s | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for (index, (metrics, run)) in rounds.iter().enumerate() {
        let name = if *metrics { "on" } else { "off" };
        println!(
            "| {} | {name} | {:.0} | {} | {} |",
            index + 1,
            run.per_second,
            ms(run.p50),
            ms(run.p99)
        );
    }
    let ratio = mean(true) / mean(false);
    println!(
        "\nthroughput with metrics / without: {ratio:.3} ({:+.1}%)",
        (ratio - 1.0) * 100.0
    );
}

/// Runs `claimdesk copy` and returns its time and the rows it copied, from its JSON log.
fn copy(binary: &Path, from: &str, to: &str) -> (Duration, u64) {
    let started = Instant::now();
    let output = Command::new(binary)
        .args(["--log-format", "json", "copy", "--from", from, "--to", to])
        .env_remove("CLAIMDESK_DATABASE_URL")
        .stdout(Stdio::null())
        .output()
        .expect("claimdesk copy runs");
    let elapsed = started.elapsed();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the copy failed: {log}");
    let rows = log
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find_map(|line| {
            line["fields"]["rows"].as_u64().filter(|_| {
                line["fields"]["message"]
                    .as_str()
                    .is_some_and(|message| message.starts_with("copied and checked"))
            })
        })
        .unwrap_or_else(|| panic!("no summary in the copy's log: {log}"));
    (elapsed, rows)
}

/// `claimdesk serve --dev-open` on `database_url`, with or without metrics, once ready.
async fn serve(binary: &Path, database_url: &str, metrics: bool) -> Server {
    let options: &[&str] = if metrics { &[] } else { &["--no-metrics"] };
    Server::claimdesk_with(binary, database_url, options).await
}
