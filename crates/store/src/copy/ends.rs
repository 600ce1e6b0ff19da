//! The two ends of a copy: a transaction on SQLite or on PostgreSQL, held through sqlx so that
//! a PostgreSQL target can load with `COPY`. Rows come back as sea-orm's [`QueryResult`], read
//! the same way from either engine.

use futures::TryStreamExt;
use sea_orm::{
    QueryResult,
    sqlx::{self, AssertSqlSafe, Postgres, Sqlite, Transaction},
};

use super::CopyError;
use crate::{Backend, Store};

/// A value bound to a statement of a copy.
pub(crate) enum Param<'a> {
    Integer(i64),
    Text(&'a str),
}

/// One end of a copy, in its transaction.
pub(crate) enum End {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl End {
    /// A read-only snapshot of `store`: every table is read as of one instant, while its
    /// server goes on writing.
    pub(crate) async fn snapshot(store: &Store) -> Result<End, CopyError> {
        Ok(match store.backend() {
            // A read transaction in WAL mode sees one snapshot from its first read on.
            Backend::Sqlite => End::Sqlite(store.reads.get_sqlite_connection_pool().begin().await?),
            Backend::Postgres => End::Postgres(
                store
                    .db
                    .get_postgres_connection_pool()
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        })
    }

    /// A write transaction on `store`, holding SQLite's write lock from the start.
    pub(crate) async fn writer(store: &Store) -> Result<End, CopyError> {
        Ok(match store.backend() {
            Backend::Sqlite => End::Sqlite(
                store
                    .db
                    .get_sqlite_connection_pool()
                    .begin_with("BEGIN IMMEDIATE")
                    .await?,
            ),
            Backend::Postgres => {
                End::Postgres(store.db.get_postgres_connection_pool().begin().await?)
            }
        })
    }

    /// The engine of this end.
    pub(crate) fn backend(&self) -> Backend {
        match self {
            End::Sqlite(_) => Backend::Sqlite,
            End::Postgres(_) => Backend::Postgres,
        }
    }

    /// The `n`th (from 1) placeholder in this engine's SQL.
    pub(crate) fn placeholder(&self, n: usize) -> String {
        match self {
            End::Sqlite(_) => format!("?{n}"),
            End::Postgres(_) => format!("${n}"),
        }
    }

    /// Runs a query and returns its rows.
    pub(crate) async fn fetch(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<QueryResult>, CopyError> {
        let sql = AssertSqlSafe(sql.to_owned());
        Ok(match self {
            End::Sqlite(txn) => results(bound(sql, params).fetch_all(&mut **txn).await?),
            End::Postgres(txn) => results(bound(sql, params).fetch_all(&mut **txn).await?),
        })
    }

    /// Runs a query and hands each row to `each` as it arrives, so that the rows are read
    /// while the engine is still producing them.
    pub(crate) async fn for_each_row(
        &mut self,
        sql: &str,
        mut each: impl FnMut(QueryResult) -> Result<(), CopyError>,
    ) -> Result<(), CopyError> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            End::Sqlite(txn) => {
                let mut rows = sqlx::query(sql).fetch(&mut **txn);
                while let Some(row) = rows.try_next().await? {
                    each(row.into())?;
                }
            }
            End::Postgres(txn) => {
                let mut rows = sqlx::query(sql).fetch(&mut **txn);
                while let Some(row) = rows.try_next().await? {
                    each(row.into())?;
                }
            }
        }
        Ok(())
    }

    /// Runs statements that return nothing.
    pub(crate) async fn execute(&mut self, sql: &str) -> Result<(), CopyError> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            End::Sqlite(txn) => sqlx::raw_sql(sql).execute(&mut **txn).await?,
            End::Postgres(txn) => {
                sqlx::raw_sql(sql).execute(&mut **txn).await?;
                return Ok(());
            }
        };
        Ok(())
    }

    /// Commits the transaction.
    pub(crate) async fn commit(self) -> Result<(), CopyError> {
        match self {
            End::Sqlite(txn) => txn.commit().await?,
            End::Postgres(txn) => txn.commit().await?,
        }
        Ok(())
    }
}

/// `sql` with `params` bound, for either engine.
fn bound<'q, DB>(
    sql: AssertSqlSafe<String>,
    params: &[Param<'q>],
) -> sqlx::query::Query<'q, DB, DB::Arguments>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let mut query = sqlx::query(sql);
    for param in params {
        query = match param {
            Param::Integer(value) => query.bind(*value),
            Param::Text(value) => query.bind(*value),
        };
    }
    query
}

/// Either engine's rows as sea-orm reads them.
fn results<Row: Into<QueryResult>>(rows: Vec<Row>) -> Vec<QueryResult> {
    rows.into_iter().map(Into::into).collect()
}

/// `name` quoted as an identifier, for both engines.
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
