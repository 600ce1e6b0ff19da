//! Exports of claims, as CSV or as JSON lines: `claimdesk export` and
//! `GET /export/claims.csv` / `GET /export/claims.jsonl` (see [`http`]).
//!
//! Both take the filter of the GraphQL `claims` field, as JSON, and list the claims that pass
//! it in ID order. The export is a stream: it reads [`PAGE_SIZE`] claims at a time by keyset
//! and writes each page before reading the next, so memory stays flat whatever the count. It
//! is not one snapshot: a claim that changes while the export runs is written as it was when
//! its page was read.
//!
//! The CSV follows RFC 4180 (a header row, CRLF line ends, quotes around fields that hold a
//! quote, a comma or a line break), in UTF-8, and a field that begins like a formula is
//! defused (see [`formula`]).

mod formula;
pub(crate) mod http;
mod rows;

use std::{borrow::Cow, io::Write};

use claimdesk_store::{ClaimFilter, PageRequest, Store, StoreError};
use futures::{Stream, TryStreamExt, stream};

pub use formula::defuse_formula;
use rows::{COLUMNS, ExportedClaim, exported};

/// How many claims each read of the store takes.
pub const PAGE_SIZE: u64 = 1000;

/// How the claims are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object a line.
    Jsonl,
}

impl ExportFormat {
    /// The response's media type.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8; header=present",
            Self::Jsonl => "application/jsonl; charset=utf-8",
        }
    }

    /// Writes `claims` in this format, after the header if `first` is the first page.
    fn write(self, claims: &[ExportedClaim], first: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(claims.len() * 512);
        match self {
            Self::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(&mut out);
                let written = (|| {
                    if first {
                        csv.write_record(COLUMNS)?;
                    }
                    for claim in claims {
                        csv.write_record(claim.cells().map(defused))?;
                    }
                    csv.flush()
                })();
                written.expect("writing to memory does not fail");
            }
            Self::Jsonl => {
                for claim in claims {
                    serde_json::to_writer(&mut out, claim).expect("a claim serializes");
                    out.push(b'\n');
                }
            }
        }
        out
    }
}

/// `cell`, defused if it begins like a formula.
fn defused(cell: String) -> String {
    match defuse_formula(&cell) {
        Cow::Borrowed(_) => cell,
        Cow::Owned(defused) => defused,
    }
}

/// Where the export has got to.
struct Position {
    store: Store,
    filter: ClaimFilter,
    format: ExportFormat,
    after: Option<i64>,
    first: bool,
    done: bool,
}

/// The claims that pass `filter`, in ID order, written in `format`: one chunk a page, the
/// first with the CSV header (even when no claim passes).
pub fn claim_export(
    store: Store,
    filter: ClaimFilter,
    format: ExportFormat,
) -> impl Stream<Item = Result<Vec<u8>, StoreError>> + Send + 'static {
    let start = Position {
        store,
        filter,
        format,
        after: None,
        first: true,
        done: false,
    };
    stream::try_unfold(start, |mut position| async move {
        if position.done {
            return Ok(None);
        }
        let request = PageRequest {
            after: position.after,
            first: Some(PAGE_SIZE),
            ..PageRequest::default()
        };
        let page = position.store.claims(&position.filter, request).await?;
        position.after = page.items.last().map(|claim| claim.id).or(position.after);
        position.done = !page.has_next_page;
        let claims = exported(&position.store, page.items).await?;
        let chunk = position.format.write(&claims, position.first);
        position.first = false;
        Ok(Some((chunk, position)))
    })
}

/// Writes the export of the claims that pass `filter` to `out`, page by page, and returns
/// how many bytes it wrote.
pub async fn write_claims(
    store: Store,
    filter: ClaimFilter,
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<u64, Box<dyn std::error::Error>> {
    let mut chunks = std::pin::pin!(claim_export(store, filter, format));
    let mut written = 0;
    while let Some(chunk) = chunks.try_next().await? {
        out.write_all(&chunk)?;
        written += chunk.len() as u64;
    }
    out.flush()?;
    Ok(written)
}
