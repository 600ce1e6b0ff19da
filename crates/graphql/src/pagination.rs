//! Relay connections over the store's keyset pages.
//!
//! Cursors are opaque: the URL-safe base64 of `cursor:<row id>`. `first` and `last` are capped
//! at the configured `Limits::max_page_size`; with neither, a page holds [`DEFAULT_PAGE_SIZE`]
//! items.

use async_graphql::{
    Context, OutputType,
    connection::{Connection, Edge},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use claimdesk_store::{Page, PageRequest};

use crate::{ApiError, MAX_PAGE_SIZE_CEILING, error::api_error, state::ContextExt};

/// The page size when the client gives neither `first` nor `last`.
pub(crate) const DEFAULT_PAGE_SIZE: i32 = 20;

const CURSOR_PREFIX: &str = "cursor:";

/// What a list without paging arguments (evidence, notes, history) counts for in a query's
/// complexity: it is costed as if it held this many items.
pub(crate) const UNPAGED_LIST_COST: usize = 10;

/// The complexity multiplier of a connection field: the size of the page it asks for.
///
/// A size past the highest cap a server may have counts as that cap, so that the field itself
/// refuses it with a message about `first` or `last` rather than the query being called too
/// complex.
pub(crate) fn page_cost(first: Option<i32>, last: Option<i32>) -> usize {
    let ceiling = i32::try_from(MAX_PAGE_SIZE_CEILING).unwrap_or(i32::MAX);
    let size = first
        .or(last)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, ceiling);
    usize::try_from(size).unwrap_or(1)
}

/// The Relay paging arguments, as received.
pub(crate) struct PageArgs {
    pub after: Option<String>,
    pub before: Option<String>,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

impl PageArgs {
    /// The arguments as a connection field received them.
    pub(crate) const fn new(
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Self {
        Self {
            after,
            before,
            first,
            last,
        }
    }

    /// The store's page request for these arguments, with cursors of row IDs and pages of at
    /// most the server's largest page; arguments out of bounds are `BAD_USER_INPUT`.
    pub(crate) fn checked(&self, ctx: &Context<'_>) -> async_graphql::Result<PageRequest> {
        self.request(ctx.max_page_size()).map_err(api_error)
    }

    /// The store's page request for these arguments, with cursors of row IDs and pages of at
    /// most `max_size`.
    pub(crate) fn request(&self, max_size: i32) -> Result<PageRequest, ApiError> {
        self.request_with(max_size, decode_cursor)
    }

    /// The store's page request for these arguments, with cursors read by `decode`, which is
    /// given the argument's name and the cursor.
    pub(crate) fn request_with<C>(
        &self,
        max_size: i32,
        decode: impl Fn(&str, &str) -> Result<C, ApiError>,
    ) -> Result<PageRequest<C>, ApiError> {
        let unpaged = self.first.is_none() && self.last.is_none();
        let first = if unpaged {
            Some(DEFAULT_PAGE_SIZE.min(max_size))
        } else {
            self.first
        };
        let first = page_size("first", first, max_size)?;
        let last = page_size("last", self.last, max_size)?;
        Ok(PageRequest {
            after: self
                .after
                .as_deref()
                .map(|c| decode("after", c))
                .transpose()?,
            before: self
                .before
                .as_deref()
                .map(|c| decode("before", c))
                .transpose()?,
            first,
            last,
        })
    }
}

fn page_size(field: &str, size: Option<i32>, max_size: i32) -> Result<Option<u64>, ApiError> {
    match size {
        None => Ok(None),
        Some(size) if (0..=max_size).contains(&size) => {
            Ok(Some(u64::try_from(size).unwrap_or_default()))
        }
        Some(size) => Err(ApiError::bad_input(
            field,
            format!("must be between 0 and {max_size}, not {size}"),
        )),
    }
}

fn encode_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{id}"))
}

fn decode_cursor(field: &str, cursor: &str) -> Result<i64, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(CURSOR_PREFIX)?.parse().ok())
        .ok_or_else(|| ApiError::bad_input(field, "is not a cursor from this list"))
}

/// Turns a page into a connection, with `extra` for the connection's own fields.
pub(crate) fn connection<T, Node, Extra>(
    page: Page<T>,
    id_of: impl Fn(&T) -> i64,
    node: impl Fn(T) -> Node,
    extra: Extra,
) -> Connection<String, Node, Extra>
where
    Node: OutputType,
    Extra: async_graphql::ObjectType,
{
    let mut connection =
        Connection::with_additional_fields(page.has_previous_page, page.has_next_page, extra);
    connection.edges = page
        .items
        .into_iter()
        .map(|item| Edge::new(encode_cursor(id_of(&item)), node(item)))
        .collect();
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i32>, last: Option<i32>, after: Option<String>) -> PageArgs {
        PageArgs::new(after, None, first, last)
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = encode_cursor(17);
        assert_eq!(decode_cursor("after", &cursor).unwrap(), 17);
        assert!(decode_cursor("after", "bm9wZQ").is_err());
        assert!(decode_cursor("after", "%%%").is_err());
    }

    #[test]
    fn page_sizes_default_and_cap() {
        assert_eq!(args(None, None, None).request(100).unwrap().first, Some(20));
        assert_eq!(
            args(Some(100), None, None).request(100).unwrap().first,
            Some(100)
        );
        assert!(args(Some(101), None, None).request(100).is_err());
        assert!(args(None, Some(-1), None).request(100).is_err());
        let request = args(None, Some(5), Some(encode_cursor(3)))
            .request(100)
            .unwrap();
        assert_eq!(
            (request.first, request.last, request.after),
            (None, Some(5), Some(3))
        );
    }
}
