//! `claimdesk copy --from URL --to URL`: moves a desk from one database to another, such as
//! from the embedded SQLite file to PostgreSQL, keeping every ID, token and event.

use claimdesk_store::{CopyProgress, Store};
use clap::Args;

/// Where `claimdesk copy` reads and writes.
#[derive(Debug, Clone, Args)]
pub struct CopyArgs {
    /// The database to copy: `sqlite://FILE` or `postgres://…`. It is only read, in one
    /// snapshot, so a server may keep running on it.
    #[arg(long)]
    pub from: String,
    /// The new database: migrated first, and it must hold no data (`sqlite://FILE?mode=rwc`
    /// creates the file).
    #[arg(long)]
    pub to: String,
}

/// Runs the copy, logging each table's progress with its rows per second.
pub async fn run(args: &CopyArgs) -> Result<(), Box<dyn std::error::Error>> {
    let source = Store::connect(&args.from).await?;
    let target = Store::connect(&args.to).await?;
    target.migrate().await?;
    let started = std::time::Instant::now();
    let report = source
        .copy_into(&target, |progress: &CopyProgress| {
            tracing::info!(
                table = %progress.table,
                rows = progress.rows,
                rows_per_second = progress.rows_per_second(),
                "{}",
                if progress.done { "copied" } else { "copying" }
            );
        })
        .await?;
    if report.resumed_interrupted {
        tracing::info!("the target had been left by an interrupted copy; this copy replaced it");
    }
    let rows: u64 = report.tables.iter().map(|(_, rows, _)| rows).sum();
    tracing::info!(
        tables = report.tables.len(),
        rows,
        seconds = started.elapsed().as_secs_f64(),
        "copied and checked: every table's row count and checksum agree with the source"
    );
    source.close().await?;
    target.close().await?;
    Ok(())
}
