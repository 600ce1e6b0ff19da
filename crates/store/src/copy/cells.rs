//! The values a copied column holds, read the same way from either engine, and the canonical
//! bytes the checksums hash.

use chrono::{DateTime, Utc};
use sea_orm::QueryResult;
use sha2::{Digest, Sha256};

use super::CopyError;

/// What a column holds, from its declared type on either engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Integer,
    Real,
    Text,
    Boolean,
    Time,
    Json,
}

impl Kind {
    /// The kind of a declared type: SQLite's as sea-orm writes it (`bigint`,
    /// `timestamp_with_timezone_text`, `json_text`, …) or PostgreSQL's `data_type`.
    pub(crate) fn of_declared(declared: &str) -> Option<Kind> {
        let declared = declared.to_ascii_lowercase();
        let kind = if declared.contains("timestamp") {
            Kind::Time
        } else if declared.contains("json") {
            Kind::Json
        } else if declared.contains("bool") {
            Kind::Boolean
        } else if declared.contains("int") {
            Kind::Integer
        } else if ["double", "real", "float", "numeric", "decimal"]
            .iter()
            .any(|name| declared.contains(name))
        {
            Kind::Real
        } else if ["char", "text", "clob"]
            .iter()
            .any(|name| declared.contains(name))
        {
            Kind::Text
        } else {
            return None;
        };
        Some(kind)
    }
}

/// One value of one row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Boolean(bool),
    Time(DateTime<Utc>),
    Json(serde_json::Value),
}

impl Cell {
    /// Reads column `index` of `row` as `kind`.
    pub(crate) fn read(row: &QueryResult, index: usize, kind: Kind) -> Result<Cell, CopyError> {
        let cell = match kind {
            // PostgreSQL's `integer` columns decode only as 32-bit integers.
            Kind::Integer => match row.try_get_by_index::<Option<i64>>(index) {
                Ok(value) => value,
                Err(_) => row.try_get_by_index::<Option<i32>>(index)?.map(i64::from),
            }
            .map(Cell::Integer),
            Kind::Real => row.try_get_by_index::<Option<f64>>(index)?.map(Cell::Real),
            Kind::Text => row
                .try_get_by_index::<Option<String>>(index)?
                .map(Cell::Text),
            Kind::Boolean => row
                .try_get_by_index::<Option<bool>>(index)?
                .map(Cell::Boolean),
            Kind::Time => row
                .try_get_by_index::<Option<DateTime<Utc>>>(index)?
                .map(Cell::Time),
            Kind::Json => row
                .try_get_by_index::<Option<serde_json::Value>>(index)?
                .map(Cell::Json),
        };
        Ok(cell.unwrap_or(Cell::Null))
    }

    /// The row's ID, when this is its `id` column.
    pub(crate) fn as_id(&self) -> Option<i64> {
        match self {
            Cell::Integer(id) => Some(*id),
            _ => None,
        }
    }
}

/// The running checksum of a table's rows, in ID order.
///
/// Times are hashed at microsecond precision: PostgreSQL keeps microseconds, SQLite whatever
/// the clock gave (nanoseconds), and a copy to PostgreSQL keeps the microseconds. JSON is
/// hashed as `serde_json` writes it, which both engines' columns give back.
#[derive(Default)]
pub(crate) struct Checksum {
    hasher: Sha256,
    rows: u64,
}

impl Checksum {
    /// Adds one row.
    pub(crate) fn add(&mut self, row: &[Cell]) {
        self.rows += 1;
        for cell in row {
            match cell {
                Cell::Null => self.hasher.update([0]),
                Cell::Integer(value) => {
                    self.hasher.update([1]);
                    self.hasher.update(value.to_le_bytes());
                }
                Cell::Real(value) => {
                    self.hasher.update([2]);
                    self.hasher.update(value.to_bits().to_le_bytes());
                }
                Cell::Text(text) => self.text(3, text),
                Cell::Boolean(value) => self.hasher.update([4, u8::from(*value)]),
                Cell::Time(time) => {
                    self.hasher.update([5]);
                    self.hasher.update(time.timestamp_micros().to_le_bytes());
                }
                Cell::Json(value) => self.text(6, &value.to_string()),
            }
        }
    }

    fn text(&mut self, tag: u8, text: &str) {
        self.hasher.update([tag]);
        self.hasher.update((text.len() as u64).to_le_bytes());
        self.hasher.update(text.as_bytes());
    }

    /// The number of rows and the hex digest.
    pub(crate) fn finish(self) -> (u64, String) {
        let digest = self.hasher.finalize();
        let hex = digest.iter().fold(String::new(), |mut hex, byte| {
            use std::fmt::Write;
            let _ = write!(hex, "{byte:02x}");
            hex
        });
        (self.rows, hex)
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn declared_types_of_both_engines_have_kinds() {
        for (declared, kind) in [
            ("bigint", Kind::Integer),
            ("integer", Kind::Integer),
            ("varchar(32)", Kind::Text),
            ("character varying", Kind::Text),
            ("text", Kind::Text),
            ("timestamp_with_timezone_text", Kind::Time),
            ("timestamp with time zone", Kind::Time),
            ("json_text", Kind::Json),
            ("json", Kind::Json),
            ("boolean", Kind::Boolean),
            ("double precision", Kind::Real),
            ("double", Kind::Real),
        ] {
            assert_eq!(Kind::of_declared(declared), Some(kind), "{declared}");
        }
        assert_eq!(Kind::of_declared("blob"), None);
    }
}
