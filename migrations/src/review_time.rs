//! What a reviewed claim is and how long its review took, as SQL: written once, here, for the
//! index of migration 14 (`claims_review_seconds_idx`) and for the store's percentile queries.
//!
//! A database uses an index on an expression only for that same expression, and a partial
//! index only for queries whose condition implies the index's, so the two must not drift
//! apart. Changing either rule therefore needs a new migration that rebuilds the index.

/// The table the rules read.
const TABLE: &str = r#""claims""#;

/// How a rule names its columns: with the table (for queries) or without (for SQLite's index,
/// which refuses table names in an index expression).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// `"claims"."closed_at"`.
    Qualified,
    /// `"closed_at"`.
    Bare,
}

impl Columns {
    fn column(self, name: &str) -> String {
        match self {
            Self::Qualified => format!(r#"{TABLE}."{name}""#),
            Self::Bare => format!(r#""{name}""#),
        }
    }
}

/// A reviewed claim: closed, with both the time it was flagged and the time it was closed.
pub fn reviewed(columns: Columns) -> String {
    format!(
        "{} = 'CLOSED' AND {} IS NOT NULL AND {} IS NOT NULL",
        columns.column("status"),
        columns.column("flagged_at"),
        columns.column("closed_at"),
    )
}

/// A reviewed claim's time from flag to close, in seconds, in SQLite's SQL.
pub fn sqlite_review_seconds(columns: Columns) -> String {
    format!(
        "unixepoch({}, 'subsec') - unixepoch({}, 'subsec')",
        columns.column("closed_at"),
        columns.column("flagged_at"),
    )
}

/// A reviewed claim's time from flag to close, in seconds, in PostgreSQL's SQL.
pub fn postgres_review_seconds(columns: Columns) -> String {
    format!(
        "CAST(EXTRACT(EPOCH FROM {} - {}) AS double precision)",
        columns.column("closed_at"),
        columns.column("flagged_at"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_read_as_the_store_wrote_them() {
        assert_eq!(
            reviewed(Columns::Qualified),
            r#""claims"."status" = 'CLOSED' AND "claims"."flagged_at" IS NOT NULL AND "claims"."closed_at" IS NOT NULL"#
        );
        assert_eq!(
            sqlite_review_seconds(Columns::Qualified),
            r#"unixepoch("claims"."closed_at", 'subsec') - unixepoch("claims"."flagged_at", 'subsec')"#
        );
        assert_eq!(
            postgres_review_seconds(Columns::Qualified),
            r#"CAST(EXTRACT(EPOCH FROM "claims"."closed_at" - "claims"."flagged_at") AS double precision)"#
        );
        assert_eq!(
            sqlite_review_seconds(Columns::Bare),
            r#"unixepoch("closed_at", 'subsec') - unixepoch("flagged_at", 'subsec')"#
        );
    }
}
