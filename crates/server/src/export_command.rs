//! `claimdesk export`: the claims that pass a filter, as CSV or JSON lines, to a file or to
//! standard output; the same rows as `GET /export/claims.csv`.

use std::{io::BufWriter, path::PathBuf};

use claimdesk_server::{
    DatabaseConfig,
    export::{ExportFormat, write_claims},
};
use claimdesk_store::Store;
use clap::Args;

/// What `claimdesk export` writes, and where.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    database: DatabaseConfig,
    /// `csv` (RFC 4180, a header row, formula-like fields defused) or `jsonl`.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The filter of the GraphQL `claims` field, as JSON: `{"status": ["FLAGGED"]}`.
    #[arg(long)]
    filter: Option<String>,
    /// The file to write (replaced if it exists); standard output by default.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Checks the filter, then writes the export page by page.
pub async fn run(args: &ExportArgs) -> Result<(), Box<dyn std::error::Error>> {
    let filter = args.filter.as_deref().unwrap_or("{}");
    let filter =
        claimdesk_graphql::claim_filter_from_json(filter).map_err(|error| error.to_string())?;
    let store = Store::connect(&args.database.url).await?;
    let bytes = if let Some(path) = &args.out {
        let mut file = BufWriter::new(std::fs::File::create(path)?);
        write_claims(store, filter, args.format, &mut file).await?
    } else {
        let mut stdout = BufWriter::new(std::io::stdout().lock());
        write_claims(store, filter, args.format, &mut stdout).await?
    };
    tracing::info!(bytes, "exported the claims");
    Ok(())
}
