//! The rating scale a verdict is published on.
//!
//! Google shows only the textual rating (`alternateName`); the number is for machines that
//! compare fact-checks, so it must mean one thing: how true the reviewed statement is, from
//! `1` (worst, false) to `5` (best, true). Verdicts that are not a finding on that axis carry
//! no number at all rather than a misleading one.
//!
//! | Verdict         | `ratingValue` | `alternateName` |
//! |-----------------|---------------|-----------------|
//! | `TRUE`          | 5 (best)      | True            |
//! | `MOSTLY_TRUE`   | 4             | Mostly true     |
//! | `MIXED`         | 3             | Mixed           |
//! | `MISLEADING`    | 2             | Misleading      |
//! | `MOSTLY_FALSE`  | 2             | Mostly false    |
//! | `FALSE`         | 1 (worst)     | False           |
//! | `MISATTRIBUTED` | none          | Misattributed   |
//! | `UNPROVEN`      | none          | Unproven        |
//! | `NOT_CHECKABLE` | none          | Not checkable   |
//!
//! - `MISLEADING` and `MOSTLY_FALSE` share `2`: both are built from true elements and leave
//!   the reader with a false conclusion, one by framing and one by omission. The label keeps
//!   them apart.
//! - `MISATTRIBUTED` has no number: it finds that the statement was put in the wrong mouth,
//!   not whether the statement is true. Rating it `1` would tell every consumer that the
//!   statement is false, which the review did not establish.
//! - `UNPROVEN` and `NOT_CHECKABLE` have no number: the facts could not be, or cannot be,
//!   established.
//!
//! When there is a number, `bestRating` ([`BEST_RATING`]) and `worstRating`
//! ([`WORST_RATING`]) are given with it; when there is none, all three are left out and only
//! the label remains.
//!

use serde_json::{Map, Value, json};

use crate::Verdict;

/// The highest `ratingValue`, given to `TRUE`.
pub const BEST_RATING: u8 = 5;

/// The lowest `ratingValue`, given to `FALSE`.
pub const WORST_RATING: u8 = 1;

/// A verdict on the published rating scale (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// The `ratingValue`, from [`WORST_RATING`] to [`BEST_RATING`]; `None` for verdicts that
    /// say nothing about how true the statement is.
    pub value: Option<u8>,
    /// The `alternateName`: the short human label shown in search results.
    pub label: &'static str,
}

/// The rating a verdict is published with.
pub fn rating(verdict: Verdict) -> Rating {
    let (value, label) = match verdict {
        Verdict::True => (Some(BEST_RATING), "True"),
        Verdict::MostlyTrue => (Some(4), "Mostly true"),
        Verdict::Mixed => (Some(3), "Mixed"),
        Verdict::Misleading => (Some(2), "Misleading"),
        Verdict::MostlyFalse => (Some(2), "Mostly false"),
        Verdict::False => (Some(WORST_RATING), "False"),
        Verdict::Misattributed => (None, "Misattributed"),
        Verdict::Unproven => (None, "Unproven"),
        Verdict::NotCheckable => (None, "Not checkable"),
    };
    Rating { value, label }
}

/// The `Rating` of a verdict; the bounds go only with a number.
pub(super) fn review_rating(verdict: Verdict) -> Value {
    let Rating { value, label } = rating(verdict);
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    if let Some(value) = value {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("bestRating".into(), json!(BEST_RATING));
        rating.insert("worstRating".into(), json!(WORST_RATING));
    }
    rating.insert("alternateName".into(), json!(label));
    // Google lists `name` as recommended alongside the required `alternateName`.
    rating.insert("name".into(), json!(label));
    Value::Object(rating)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn ratings_stay_within_the_scale_from_false_to_true() {
        for verdict in Verdict::iter() {
            let Rating { value, label } = rating(verdict);
            assert!(!label.is_empty(), "{verdict}");
            if let Some(value) = value {
                assert!((WORST_RATING..=BEST_RATING).contains(&value), "{verdict}");
            }
        }
        assert_eq!(rating(Verdict::True).value, Some(BEST_RATING));
        assert_eq!(rating(Verdict::False).value, Some(WORST_RATING));
        assert_eq!(
            rating(Verdict::MostlyTrue),
            Rating {
                value: Some(4),
                label: "Mostly true"
            }
        );
        let unrated: Vec<_> = Verdict::iter()
            .filter(|v| rating(*v).value.is_none())
            .collect();
        assert_eq!(
            unrated,
            [
                Verdict::Misattributed,
                Verdict::Unproven,
                Verdict::NotCheckable
            ]
        );
    }
}
