//! Reading a column straight from the driver's row, for the rows read most often.
//!
//! sea-orm's generated decoding asks the driver for `Option<T>`, and when it gets `None` it
//! builds an error, with a formatted message, which the optional field's decoding then turns
//! back into `None`; a column the row does not have goes the same way. A page of 50 claims met
//! some 400 of them: a tenth of a triage list's server CPU on PostgreSQL was spent formatting
//! and freeing those messages. [`DriverRow`] asks sqlx for the column's type itself, `Option`
//! or not, so that a NULL costs nothing.

use sea_orm::{
    DbErr, QueryResult, RuntimeErr,
    sqlx::{self, Decode, Postgres, Row, Sqlite, Type, postgres::PgRow, sqlite::SqliteRow},
};

/// A row as the driver returned it.
pub(crate) enum DriverRow<'a> {
    Postgres(&'a PgRow),
    Sqlite(&'a SqliteRow),
}

impl<'a> DriverRow<'a> {
    /// The driver's row behind `row`; `None` for a row from neither driver.
    pub(crate) fn of(row: &'a QueryResult) -> Option<Self> {
        row.try_as_pg_row()
            .map(Self::Postgres)
            .or_else(|| row.try_as_sqlite_row().map(Self::Sqlite))
    }

    /// The value of `column`; a NULL is an error unless `T` is an `Option`.
    pub(crate) fn get<T>(&self, column: &str) -> Result<T, DbErr>
    where
        T: for<'r> Decode<'r, Postgres> + Type<Postgres>,
        T: for<'r> Decode<'r, Sqlite> + Type<Sqlite>,
    {
        match self {
            Self::Postgres(row) => row.try_get(column),
            Self::Sqlite(row) => row.try_get(column),
        }
        .map_err(driver_error)
    }

    /// Whether the row has `column`.
    pub(crate) fn has(&self, column: &str) -> bool {
        use sqlx::Column;
        match self {
            Self::Postgres(row) => row.columns().iter().any(|found| found.name() == column),
            Self::Sqlite(row) => row.columns().iter().any(|found| found.name() == column),
        }
    }
}

fn driver_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

#[cfg(test)]
mod database_tests;
