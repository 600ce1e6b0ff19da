//! Copying one ClaimDesk database into another, SQLite to PostgreSQL or back
//! (`claimdesk copy`).
//!
//! - The target is migrated by the caller and must hold no rows; the source must be at the
//!   same migration.
//! - Every table but the derived ones is copied, parents first, in ID order, with every ID as
//!   it was: users with their token hashes, articles and revisions, sources, claims,
//!   evidence, notes, the event log, and any table a later migration adds.
//! - The source is read in one snapshot, so a server may keep writing to it.
//! - The target is written in one transaction, with `COPY` on PostgreSQL and multi-row
//!   `INSERT`s on SQLite, while the next batches are read from the source on a task of their
//!   own. Its triggers stay on:
//!   they rebuild the tallies (and, on SQLite, the search index) as the claims arrive, and the
//!   append-only trigger of `claim_events` is never bypassed, since a copy only inserts.
//! - On PostgreSQL the target's foreign keys and secondary indexes are dropped for the load
//!   and the claims' search trigger is off; after the load the claims are indexed for search
//!   in one statement and the rest is restored, in the same transaction (see [`bulk`]).
//! - Before it commits, the copy reads the target back: every table's row count and checksum
//!   must equal the source's, and the derived data must agree with the claims; otherwise it
//!   rolls back and names the table.
//! - A marker table, committed before the load and dropped in its transaction, tells `serve`
//!   and the next copy that a copy was interrupted (see [`marker`]).
//! - PostgreSQL's sequences are moved past the highest copied ID; SQLite's counters follow
//!   inserted IDs by themselves.

mod bulk;
mod cells;
mod derived;
mod ends;
mod load;
mod marker;
mod schema;

use std::time::{Duration, Instant};

use thiserror::Error;

use self::{
    cells::{Cell, Checksum},
    ends::{End, Param, quoted},
    schema::Table,
};
use crate::{Backend, Store, StoreError};

/// How many rows a copy reads and writes at a time.
const BATCH_ROWS: usize = 10_000;
/// How many batches the source may read ahead of the target's load.
const READ_AHEAD: usize = 2;
/// How often a long table reports its progress.
const PROGRESS_EVERY: Duration = Duration::from_secs(2);

/// Why a copy failed. Nothing it wrote was committed, but the marker of a copy in progress.
#[derive(Debug, Error)]
pub enum CopyError {
    /// The target already holds data.
    #[error(
        "the target is not empty ({0} has rows): copy into a new database \
         (PostgreSQL: dropdb and createdb it; SQLite: delete the file with its -wal and -shm files)"
    )]
    TargetNotEmpty(String),
    /// The two databases are not at the same migration, or a table differs between them.
    #[error("the schemas differ: {0}")]
    Schema(String),
    /// A column has a type the copy does not know.
    #[error("{table}.{column} has the type {declared}, which copy does not know")]
    UnknownType {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Its declared type.
        declared: String,
    },
    /// A table has neither an integer `id` column nor a one-column integer primary key to
    /// copy it in order by.
    #[error("{0} has no integer id or integer primary key to copy it in order by")]
    NoId(String),
    /// The target read back differs from the source.
    #[error(
        "{table} differs after the copy ({source_rows} rows in the source, {target_rows} in the \
         target, checksums {source_checksum} and {target_checksum}); nothing was committed"
    )]
    Differs {
        /// The table.
        table: String,
        /// Rows in the source.
        source_rows: u64,
        /// Rows in the target.
        target_rows: u64,
        /// The source's checksum.
        source_checksum: String,
        /// The target's checksum.
        target_checksum: String,
    },
    /// The target's derived data does not agree with its claims.
    #[error("the derived {0} does not agree with the claims after the copy; nothing was committed")]
    Derived(String),
    /// A database failed.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::sqlx::Error),
    /// A value could not be read.
    #[error("database error: {0}")]
    Read(#[from] sea_orm::DbErr),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How far the copy of one table has come.
#[derive(Debug, Clone)]
pub struct CopyProgress {
    /// The table.
    pub table: String,
    /// Rows copied so far.
    pub rows: u64,
    /// Time spent on the table so far.
    pub elapsed: Duration,
    /// Whether the table is done.
    pub done: bool,
}

impl CopyProgress {
    /// Rows copied per second.
    pub fn rows_per_second(&self) -> u64 {
        let millis = self.elapsed.as_millis().max(1);
        u64::try_from(u128::from(self.rows) * 1000 / millis).unwrap_or(u64::MAX)
    }
}

/// What a finished copy did.
#[derive(Debug, Clone)]
pub struct CopyReport {
    /// Each table copied, with its rows and checksum, in the order copied.
    pub tables: Vec<(String, u64, String)>,
    /// Whether the target had been left by an interrupted copy, which this one replaced.
    pub resumed_interrupted: bool,
}

impl Store {
    /// Copies every row of `self` into `target`, which must be migrated and empty. See the
    /// [module documentation](self) for what it guarantees. `progress` is told how each table
    /// advances.
    pub async fn copy_into(
        &self,
        target: &Store,
        mut progress: impl FnMut(&CopyProgress),
    ) -> Result<CopyReport, CopyError> {
        let mut source = End::snapshot(self).await?;
        let mut writer = End::writer(target).await?;
        if schema::migrations(&mut source).await? != schema::migrations(&mut writer).await? {
            return Err(CopyError::Schema(
                "the source and the target are at different migrations: \
                 run `claimdesk migrate` on the source first"
                    .into(),
            ));
        }
        let tables = schema::tables(&mut source).await?;
        if tables != schema::tables(&mut writer).await? {
            return Err(CopyError::Schema(
                "the tables or their columns differ between the source and the target".into(),
            ));
        }
        if let Some(table) = schema::first_with_rows(&mut writer, &tables).await? {
            return Err(CopyError::TargetNotEmpty(table));
        }
        // The marker is committed on its own, before the load: release the write lock first.
        writer.commit().await?;
        let resumed_interrupted = target.copy_interrupted().await?;
        target.mark_copy_started().await?;
        let mut writer = End::writer(target).await?;
        let deferred = match writer.backend() {
            Backend::Postgres => Some(bulk::defer(&mut writer).await?),
            Backend::Sqlite => None,
        };

        let mut report = CopyReport {
            tables: Vec::new(),
            resumed_interrupted,
        };
        for table in &tables {
            let (rows, checksum);
            (source, rows, checksum) =
                copy_table(source, &mut writer, table, &mut progress).await?;
            let (target_rows, target_checksum) = checksum_of(&mut writer, table).await?;
            if (rows, &checksum) != (target_rows, &target_checksum) {
                return Err(CopyError::Differs {
                    table: table.name.clone(),
                    source_rows: rows,
                    target_rows,
                    source_checksum: checksum,
                    target_checksum,
                });
            }
            report.tables.push((table.name.clone(), rows, checksum));
        }
        if let Some(deferred) = deferred {
            deferred.restore(&mut writer).await?;
        }
        derived::check(&mut writer).await?;
        if writer.backend() == Backend::Postgres {
            continue_sequences(&mut writer, &tables).await?;
        }
        writer.execute(&marker::unmark()).await?;
        writer.commit().await?;
        target.refresh_statistics().await?;
        Ok(report)
    }
}

/// Reads `table` from the source in ID order and loads it into the target; returns the source
/// and the table's rows and checksum as read from it.
///
/// The source is read, and its rows hashed, on a task of its own, a couple of batches ahead
/// of the target's load: the two sides then work on two cores at once.
async fn copy_table(
    source: End,
    writer: &mut End,
    table: &Table,
    progress: &mut impl FnMut(&CopyProgress),
) -> Result<(End, u64, String), CopyError> {
    let started = Instant::now();
    let mut last_report = started;
    let mut rows_copied = 0;
    let (batches, mut to_load) = tokio::sync::mpsc::channel(READ_AHEAD);
    let reader = tokio::spawn(read_table(source, table.clone(), batches));
    while let Some(batch) = to_load.recv().await {
        load::load(writer, table, &batch).await?;
        rows_copied += batch.len() as u64;
        if last_report.elapsed() >= PROGRESS_EVERY {
            last_report = Instant::now();
            progress(&CopyProgress {
                table: table.name.clone(),
                rows: rows_copied,
                elapsed: started.elapsed(),
                done: false,
            });
        }
    }
    let (source, (rows, checksum)) = reader
        .await
        .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))?;
    progress(&CopyProgress {
        table: table.name.clone(),
        rows: rows_copied,
        elapsed: started.elapsed(),
        done: true,
    });
    Ok((source, rows, checksum))
}

/// Reads every row of `table` from `source` in ID order, hashing them and sending them on in
/// batches; returns the source and the table's rows and checksum. It stops early, without
/// error, when the receiving side has stopped.
async fn read_table(
    mut source: End,
    table: Table,
    batches: tokio::sync::mpsc::Sender<Vec<Vec<Cell>>>,
) -> Result<(End, (u64, String)), CopyError> {
    let mut checksum = Checksum::default();
    let mut after = i64::MIN;
    loop {
        let batch = read_batch(&mut source, &table, after).await?;
        let Some(last) = batch.last() else { break };
        after = last[table.id_index()].as_id().unwrap_or(i64::MAX);
        for row in &batch {
            checksum.add(row);
        }
        let more = batch.len() == BATCH_ROWS;
        if batches.send(batch).await.is_err() || !more {
            break;
        }
    }
    Ok((source, checksum.finish()))
}

/// The next rows of `table` after the ID `after`.
async fn read_batch(end: &mut End, table: &Table, after: i64) -> Result<Vec<Vec<Cell>>, CopyError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {id} > {} ORDER BY {id} LIMIT {BATCH_ROWS}",
        table.column_list(),
        quoted(&table.name),
        end.placeholder(1),
        id = quoted(&table.key),
    );
    let rows = end.fetch(&sql, &[Param::Integer(after)]).await?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(index, (_, kind))| Cell::read(row, index, *kind))
                .collect()
        })
        .collect()
}

/// The rows and checksum of `table` as `end` holds it, read in one pass in ID order.
async fn checksum_of(end: &mut End, table: &Table) -> Result<(u64, String), CopyError> {
    let mut checksum = Checksum::default();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.column_list(),
        quoted(&table.name),
        quoted(&table.key),
    );
    end.for_each_row(&sql, |row| {
        let cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(index, (_, kind))| Cell::read(&row, index, *kind))
            .collect::<Result<Vec<_>, _>>()?;
        checksum.add(&cells);
        Ok(())
    })
    .await?;
    Ok(checksum.finish())
}

/// Moves every table's ID sequence past its highest copied ID, so that new rows follow.
async fn continue_sequences(writer: &mut End, tables: &[Table]) -> Result<(), CopyError> {
    for table in tables.iter().filter(|table| table.has_id()) {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, 'id'), MAX(id)) FROM {} \
             HAVING MAX(id) IS NOT NULL AND pg_get_serial_sequence($1, 'id') IS NOT NULL",
            quoted(&table.name)
        );
        writer.fetch(&sql, &[Param::Text(&table.name)]).await?;
    }
    Ok(())
}
