//! A quote's position in its article.

use async_graphql::SimpleObject;

/// Where a quote stands in its article's body: Unicode code points, end exclusive, as the W3C
/// Web Annotation `TextPositionSelector` counts them.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct TextSpan {
    /// The first code point of the quote.
    pub start: u64,
    /// One past the last code point of the quote.
    pub end: u64,
}

impl From<claimdesk_core::TextSpan> for TextSpan {
    fn from(span: claimdesk_core::TextSpan) -> Self {
        Self {
            start: span.start as u64,
            end: span.end as u64,
        }
    }
}
