//! The tables, as sea-orm entities.
//!
//! Entities mirror the migrations and nothing more; enumerations are plain strings here and
//! become the domain's types when a row is read into a record (`TryFrom<Model>`).

pub mod api_token;
pub mod article;
pub mod article_revision;
mod belongs_to_user;
pub mod claim;
pub mod claim_event;
pub mod claim_match;
pub mod claim_match_key;
pub mod claim_verdict;
pub mod evidence;
pub mod imported_review;
pub mod note;
pub mod source;
pub mod user;
pub mod webhook;
pub mod webhook_attempt;
pub mod webhook_delivery;

#[cfg(test)]
mod driver_row_tests;

use std::str::FromStr;

use crate::StoreError;

/// Reads an enumeration name stored in `table.column`.
pub(crate) fn parse_name<T: FromStr>(
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Result<T, StoreError> {
    value
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("{table}.{column} holds {value:?}")))
}

/// Reads an optional enumeration name stored in `table.column`.
pub(crate) fn parse_optional_name<T: FromStr>(
    table: &'static str,
    column: &'static str,
    value: Option<&str>,
) -> Result<Option<T>, StoreError> {
    value
        .map(|value| parse_name(table, column, value))
        .transpose()
}
