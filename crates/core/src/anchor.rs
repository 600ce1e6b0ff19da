//! Anchoring a quote in an article body.
//!
//! Offsets count Unicode code points, with the end exclusive, as the W3C Web Annotation
//! `TextPositionSelector` does. A quote is accepted only when the body holds exactly that
//! text at exactly that span.

use thiserror::Error;

/// A half-open range `[start, end)` of Unicode code points in an article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TextSpan {
    /// The first code point of the quote.
    pub start: usize,
    /// One past the last code point of the quote.
    pub end: usize,
}

impl TextSpan {
    /// The number of code points in the span.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span holds no code points.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// Why a quote does not anchor in a body.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnchorError {
    /// The span ends before it starts, or holds nothing.
    #[error("the span [{start}, {end}) is empty or reversed")]
    EmptySpan {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
    },
    /// The span runs past the end of the body.
    #[error("the span ends at {end} but the article body has {length} characters")]
    OutOfBounds {
        /// The span's end.
        end: usize,
        /// The body's length in code points.
        length: usize,
    },
    /// The body holds different text at the span.
    #[error("the article body reads {found:?} at [{start}, {end}), not the quote")]
    Mismatch {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// What the body holds there.
        found: String,
    },
}

/// The text of `body` at `span`, or `None` when the span does not fit the body.
pub fn text_at(body: &str, span: TextSpan) -> Option<&str> {
    if span.start > span.end {
        return None;
    }
    let start = byte_offset(body, span.start)?;
    let end = start + byte_offset(&body[start..], span.len())?;
    Some(&body[start..end])
}

/// Checks that `body` holds exactly `quote` at `span`.
pub fn verify_quote(body: &str, quote: &str, span: TextSpan) -> Result<(), AnchorError> {
    if span.is_empty() {
        return Err(AnchorError::EmptySpan {
            start: span.start,
            end: span.end,
        });
    }
    let Some(found) = text_at(body, span) else {
        return Err(AnchorError::OutOfBounds {
            end: span.end,
            length: body.chars().count(),
        });
    };
    if found == quote {
        Ok(())
    } else {
        Err(AnchorError::Mismatch {
            start: span.start,
            end: span.end,
            found: found.to_owned(),
        })
    }
}

/// Every span at which `quote` occurs in `body`, in order.
pub fn find_quote(body: &str, quote: &str) -> Vec<TextSpan> {
    if quote.is_empty() {
        return Vec::new();
    }
    let quote_len = quote.chars().count();
    let mut spans = Vec::new();
    let mut searched_bytes = 0;
    let mut searched_chars = 0;
    while let Some(found) = body[searched_bytes..].find(quote) {
        let start = searched_chars + body[searched_bytes..searched_bytes + found].chars().count();
        spans.push(TextSpan {
            start,
            end: start + quote_len,
        });
        let first_char = body[searched_bytes + found..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        searched_bytes += found + first_char;
        searched_chars = start + 1;
    }
    spans
}

/// How many code points of context on each side of a quote re-anchoring compares, as the
/// W3C `TextQuoteSelector`'s prefix and suffix do.
pub const CONTEXT_LEN: usize = 32;

/// Where `quote`, found at `old_span` in `old_body`, stands in `new_body`: of its occurrences
/// there, the one whose surroundings best match the old prefix and suffix, and of those the
/// nearest to the old position. `None` when the quote no longer occurs.
pub fn reanchor(
    old_body: &str,
    old_span: TextSpan,
    quote: &str,
    new_body: &str,
) -> Option<TextSpan> {
    let candidates = find_quote(new_body, quote);
    if candidates.len() <= 1 {
        return candidates.into_iter().next();
    }
    let old: Vec<char> = old_body.chars().collect();
    let new: Vec<char> = new_body.chars().collect();
    let context = |chars: &[char], span: TextSpan| {
        let before = &chars
            [span.start.saturating_sub(CONTEXT_LEN).min(span.start)..span.start.min(chars.len())];
        let after = &chars[span.end.min(chars.len())..(span.end + CONTEXT_LEN).min(chars.len())];
        (before.to_vec(), after.to_vec())
    };
    let (prefix, suffix) = context(&old, old_span);
    candidates.into_iter().max_by_key(|candidate| {
        let (before, after) = context(&new, *candidate);
        let prefix_match = prefix
            .iter()
            .rev()
            .zip(before.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix_match = suffix
            .iter()
            .zip(after.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let distance = candidate.start.abs_diff(old_span.start);
        (prefix_match + suffix_match, std::cmp::Reverse(distance))
    })
}

/// The byte offset of the `chars`-th code point of `text`, or `None` past its end.
fn byte_offset(text: &str, chars: usize) -> Option<usize> {
    if chars == 0 {
        return Some(0);
    }
    match text.char_indices().nth(chars) {
        Some((offset, _)) => Some(offset),
        None if text.chars().count() == chars => Some(text.len()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "It said “naïve” — 5 € 🙂 and “naïve” again.";

    fn span(start: usize, end: usize) -> TextSpan {
        TextSpan { start, end }
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let spans = find_quote(BODY, "naïve");
        assert_eq!(spans, [span(9, 14), span(29, 34)]);
        assert_eq!(text_at(BODY, span(22, 23)), Some("🙂"));
        assert_eq!(verify_quote(BODY, "“naïve”", span(8, 15)), Ok(()));
    }

    #[test]
    fn a_span_at_the_very_end_is_in_bounds() {
        let length = BODY.chars().count();
        assert_eq!(
            verify_quote(BODY, "again.", span(length - 6, length)),
            Ok(())
        );
        assert_eq!(
            verify_quote(BODY, "again.", span(length - 5, length + 1)),
            Err(AnchorError::OutOfBounds {
                end: length + 1,
                length
            })
        );
    }

    #[test]
    fn a_mismatch_reports_what_the_body_holds() {
        assert_eq!(
            verify_quote(BODY, "naive", span(9, 14)),
            Err(AnchorError::Mismatch {
                start: 9,
                end: 14,
                found: "naïve".into()
            })
        );
    }

    #[test]
    fn empty_and_reversed_spans_are_refused() {
        assert_eq!(
            verify_quote(BODY, "", span(3, 3)),
            Err(AnchorError::EmptySpan { start: 3, end: 3 })
        );
        assert_eq!(
            verify_quote(BODY, "x", span(5, 2)),
            Err(AnchorError::EmptySpan { start: 5, end: 2 })
        );
        assert_eq!(text_at(BODY, span(5, 2)), None);
    }

    #[test]
    fn reanchoring_follows_the_quote_by_its_context() {
        let old = "Intro. Sales rose 5%. Costs fell. Sales rose 5%. End.";
        // The second "Sales rose 5%." was the one anchored (after "Costs fell. ").
        let anchored = find_quote(old, "Sales rose 5%.")[1];
        let new = "New lede here. Intro. Sales rose 5%. Costs fell. Sales rose 5%. End.";
        let moved = reanchor(old, anchored, "Sales rose 5%.", new).unwrap();
        assert_eq!(moved, find_quote(new, "Sales rose 5%.")[1]);
        assert_eq!(text_at(new, moved), Some("Sales rose 5%."));
        // When the contexts match equally well, the occurrence nearest the old one wins.
        let old = "zz Sales rose. zz";
        let new = "xx Sales rose. yy xx Sales rose. yy";
        let nearest = reanchor(old, TextSpan { start: 3, end: 14 }, "Sales rose.", new).unwrap();
        assert_eq!(nearest.start, 3);
        let old = "Intro. Sales rose 5%. Costs fell. Sales rose 5%. End.";
        assert_eq!(
            reanchor(old, anchored, "Sales rose 5%.", "Sales fell."),
            None
        );
    }

    #[test]
    fn overlapping_occurrences_are_all_found() {
        assert_eq!(find_quote("ööö", "öö"), [span(0, 2), span(1, 3)]);
        assert!(find_quote("abc", "").is_empty());
    }
}
