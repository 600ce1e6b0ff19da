//! Writing a batch of rows into the target: `COPY … FROM STDIN` on PostgreSQL, multi-row
//! `INSERT`s on SQLite, both inside the copy's one transaction.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use sea_orm::sqlx::{self, AssertSqlSafe};

use super::{
    CopyError,
    cells::Cell,
    ends::{End, quoted},
    schema::Table,
};

/// SQLite binds at most 32,766 values a statement; a few hundred rows a statement is as fast.
const SQLITE_ROWS_PER_INSERT: usize = 500;
const SQLITE_MAX_VALUES: usize = 32_000;

/// Appends `rows` to `table` on `end`.
pub(crate) async fn load(
    end: &mut End,
    table: &Table,
    rows: &[Vec<Cell>],
) -> Result<(), CopyError> {
    if rows.is_empty() {
        return Ok(());
    }
    match end {
        End::Postgres(txn) => {
            let statement = format!(
                "COPY {} ({}) FROM STDIN",
                quoted(&table.name),
                table.column_list()
            );
            let mut data = String::with_capacity(rows.len() * 256);
            for row in rows {
                copy_line(&mut data, row);
            }
            let mut copy = txn.copy_in_raw(&statement).await?;
            copy.send(data.into_bytes()).await?;
            copy.finish().await?;
        }
        End::Sqlite(txn) => {
            let per_insert = SQLITE_ROWS_PER_INSERT.min(SQLITE_MAX_VALUES / table.columns.len());
            for chunk in rows.chunks(per_insert.max(1)) {
                let sql = insert_statement(table, chunk.len());
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for cell in chunk.iter().flatten() {
                    query = match cell {
                        Cell::Null => query.bind(None::<i64>),
                        Cell::Integer(value) => query.bind(*value),
                        Cell::Real(value) => query.bind(*value),
                        Cell::Text(value) => query.bind(value.as_str()),
                        Cell::Boolean(value) => query.bind(*value),
                        Cell::Time(value) => query.bind(*value),
                        Cell::Json(value) => query.bind(sqlx::types::Json(value)),
                    };
                }
                query.execute(&mut **txn).await?;
            }
        }
    }
    Ok(())
}

/// `INSERT INTO table (…) VALUES (?, …), …` for `rows` rows.
fn insert_statement(table: &Table, rows: usize) -> String {
    let one = format!("({})", vec!["?"; table.columns.len()].join(", "));
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ",
        quoted(&table.name),
        table.column_list()
    );
    for index in 0..rows {
        if index > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&one);
    }
    sql
}

/// Appends `row` as a line of `COPY`'s text format.
fn copy_line(data: &mut String, row: &[Cell]) {
    for (index, cell) in row.iter().enumerate() {
        if index > 0 {
            data.push('\t');
        }
        match cell {
            Cell::Null => data.push_str("\\N"),
            Cell::Integer(value) => {
                let _ = write!(data, "{value}");
            }
            Cell::Real(value) if value.is_nan() => data.push_str("NaN"),
            Cell::Real(value) if value.is_infinite() => {
                data.push_str(if *value > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                });
            }
            Cell::Real(value) => {
                let _ = write!(data, "{value:?}");
            }
            Cell::Text(text) => escape(data, text),
            Cell::Boolean(value) => data.push(if *value { 't' } else { 'f' }),
            Cell::Time(time) => data.push_str(&copy_time(time)),
            Cell::Json(value) => escape(data, &value.to_string()),
        }
    }
    data.push('\n');
}

/// A time as PostgreSQL reads it, cut (not rounded) to the microseconds it keeps, so that
/// the copy's checksum, which hashes microseconds, agrees.
fn copy_time(time: &DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M:%S%.6f+00").to_string()
}

/// Escapes text for `COPY`'s text format.
fn escape(data: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '\\' => data.push_str("\\\\"),
            '\n' => data.push_str("\\n"),
            '\r' => data.push_str("\\r"),
            '\t' => data.push_str("\\t"),
            other => data.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_lines_escape_text_and_mark_nulls() {
        let mut data = String::new();
        let time = DateTime::parse_from_rfc3339("2026-01-02T03:04:05.123456789Z")
            .unwrap()
            .to_utc();
        copy_line(
            &mut data,
            &[
                Cell::Integer(7),
                Cell::Text("a\tb\\c\nd".into()),
                Cell::Null,
                Cell::Boolean(true),
                Cell::Time(time),
                Cell::Real(0.1),
            ],
        );
        assert_eq!(
            data,
            "7\ta\\tb\\\\c\\nd\t\\N\tt\t2026-01-02 03:04:05.123456+00\t0.1\n"
        );
    }
}
