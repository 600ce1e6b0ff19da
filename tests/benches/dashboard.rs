//! Dashboard reads at scale, over HTTP against the real release server.
//!
//! For each size (10k, 100k and 1M claims by default) and backend (SQLite, and PostgreSQL
//! when `CLAIMDESK_TEST_POSTGRES` names a server), a fresh database is filled by
//! `claimdesk demo-data` (50 claims per article, seed 1), then `claimdesk serve --dev-open`
//! runs on it as a process of its own. For each of the desk's shapes (the desk page of two
//! statuses with `totalCount` and its second page, one status, a reviewer's queue by priority,
//! an article's claims by span, a search among open claims, the bare page, a triage list, a
//! search and `stats`; `common::claimdesk_queries`), 16 concurrent clients send it over
//! keep-alive HTTP for a fixed time after a short warm-up. Every response must be HTTP 200 with data and no `errors`;
//! the first that is not stops the benchmark, which prints what it measured until then. The
//! report gives each query's throughput, p50 and p99, and each configuration's load time and
//! the server's peak RSS (`VmHWM`), as a markdown table.
//!
//! Run with `cargo bench -p claimdesk-tests --bench dashboard`. Pass sizes to run only those
//! (`-- 10000` for a quick run) or set `DASHBOARD_SIZES=10000,100000`; pass `sqlite` or
//! `postgres` to run on that backend only. `DASHBOARD_SECONDS` sets the measured time per
//! query (10 by default). The benchmark builds the `claimdesk` binary in release mode first,
//! or uses the one `CLAIMDESK_BIN` names.

#[allow(dead_code, reason = "each benchmark uses part of the shared harness")]
mod common;

use std::time::Duration;

use claimdesk_tests::Backend;
use common::{CLIENTS, Server, WARM_UP, claimdesk_binary, claimdesk_queries, drive, ms};

#[tokio::main]
async fn main() {
    let sizes = sizes();
    let seconds: u64 = std::env::var("DASHBOARD_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    let binary = claimdesk_binary();
    let mut rows = Vec::new();
    let mut failure = None;
    'configurations: for backend in backends() {
        let label = match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        };
        for &claims in &sizes {
            let (_database, server, loaded) =
                Server::on_demo_data(&binary, &backend, claims, label).await;
            let mut results = Vec::new();
            for query in claimdesk_queries(&server.url).await {
                let time = Duration::from_secs(seconds);
                match drive(&server.url, &query.body, query.list, time).await {
                    Ok(run) => {
                        let name = query.name;
                        eprintln!("  {name}: {:.0} req/s, p99 {}", run.per_second, ms(run.p99));
                        results.push((name, run));
                    }
                    Err(error) => {
                        let name = query.name;
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
