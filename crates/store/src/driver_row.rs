//! Reading a column straight from the driver's row, for the rows read most often.
//!
//! sea-orm's generated decoding asks the driver for `Option<T>`, and when it gets `None` it
//! builds an error, with a formatted message, which the optional field's decoding then turns
//! back into `None`; a column the row does not have goes the same way, hundreds of times a
//! page (docs/benchmarks.md has the cost). [`DriverRow`] asks sqlx for the column's type itself, `Option`
//! or not, so that a NULL costs nothing.

use sea_orm::{
    DbErr, FromQueryResult, QueryResult, RuntimeErr,
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

/// A model that can be read from the driver's row, column by column.
pub(crate) trait FromDriverRow: FromQueryResult {
    /// The model in `row`, as [`FromQueryResult`] reads it.
    fn from_driver_row(row: &DriverRow<'_>) -> Result<Self, DbErr>;
}

/// A model read through [`FromDriverRow`] when the row comes from sqlx, as sea-orm reads it
/// otherwise: `select.into_model::<Driven<Model>>()`.
pub(crate) struct Driven<M>(pub M);

impl<M: FromDriverRow> FromQueryResult for Driven<M> {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        match DriverRow::of(row).filter(|_| prefix.is_empty()) {
            Some(driver_row) => M::from_driver_row(&driver_row),
            None => M::from_query_result(row, prefix),
        }
        .map(Driven)
    }
}

/// Declares an entity's `Model` once, with sea-orm's derives, and reads it from the driver's
/// row field by field: each column by its field's name, so a column added to the model is read
/// by both decoders with no second list to keep in step.
///
/// ```text
/// model_with_driver_row! {
///     #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
///     #[sea_orm(table_name = "claims")]
///     pub struct Model {
///         #[sea_orm(primary_key)]
///         pub id: i64,
///     }
/// }
/// ```
macro_rules! model_with_driver_row {
    (
        $(#[$model_meta:meta])*
        pub struct Model {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident : $type:ty
            ),* $(,)?
        }
    ) => {
        $(#[$model_meta])*
        pub struct Model {
            $(
                $(#[$field_meta])*
                pub $field: $type,
            )*
        }

        impl $crate::driver_row::FromDriverRow for Model {
            fn from_driver_row(
                row: &$crate::driver_row::DriverRow<'_>,
            ) -> Result<Self, sea_orm::DbErr> {
                Ok(Self {
                    $($field: row.get(stringify!($field))?,)*
                })
            }
        }
    };
}

pub(crate) use model_with_driver_row;

fn driver_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}
