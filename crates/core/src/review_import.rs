//! Other fact-checkers' reviews: schema.org ClaimReview JSON-LD read into records to store.
//!
//! [`read_reviews`] takes one `ClaimReview`, an array of them, a `DataFeed` whose
//! `dataFeedElement`s are reviews (or `DataFeedItem`s holding one as `item`, as Google's feed
//! format has it), or an object with an `@graph`: ClaimDesk's own `/claim-reviews.jsonld` and
//! the markup publishers embed in their pages both read. Anything else in the document is
//! ignored; a review without a web `url` or a `claimReviewed` text is refused with its index.
//!
//! # From a rating to a verdict
//!
//! The `alternateName` of `reviewRating` decides when it names a verdict (case, punctuation
//! and hyphens aside), as these labels do:
//!
//! | Verdict         | labels |
//! |-----------------|--------|
//! | `TRUE`          | true, correct, accurate, verified |
//! | `MOSTLY_TRUE`   | mostly true, mostly correct, largely accurate |
//! | `MIXED`         | mixed, mixture, half true, partly true, partly false, partially true |
//! | `MISLEADING`    | misleading, missing context, out of context, lacks context, exaggerated, distorted |
//! | `MOSTLY_FALSE`  | mostly false, largely false |
//! | `FALSE`         | false, incorrect, inaccurate, wrong, fake, fabricated, hoax, pants on fire, four pinocchios |
//! | `MISATTRIBUTED` | misattributed, wrongly attributed, fake quote |
//! | `UNPROVEN`      | unproven, unverified, unsupported, no evidence, unsubstantiated |
//! | `NOT_CHECKABLE` | not checkable, opinion, satire |
//!
//! Otherwise a numeric `ratingValue` between `worstRating` and `bestRating` (1 to 5 when they
//! are not given) is placed on that scale: from the worst end, under 0.125 is `FALSE`, under
//! 0.375 `MOSTLY_FALSE`, under 0.625 `MIXED`, under 0.875 `MOSTLY_TRUE`, and the rest `TRUE`
//! (ClaimDesk's own 1-to-5 scale reads back as published, but for `MISLEADING`, which its
//! label names). A review with neither is `UNPROVEN`.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use crate::{
    Verdict,
    validation::{ValidationError, limits, required_text, web_url},
};

/// One review to import, as read from the document.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedReview {
    /// The review's page (`url`): it identifies the review.
    pub url: String,
    /// The reviewed statement (`claimReviewed`).
    pub claim_reviewed: String,
    /// Who published the review (`author` or `publisher`, else the feed's `publisher`).
    pub publisher: Option<String>,
    /// When the review was published (`datePublished`).
    pub date_published: Option<DateTime<Utc>>,
    /// Who made the statement (`itemReviewed.author.name`).
    pub claimant: Option<String>,
    /// The rating's label (`reviewRating.alternateName`).
    pub rating_label: Option<String>,
    /// The rating's number (`reviewRating.ratingValue`).
    pub rating_value: Option<f64>,
    /// The verdict the rating maps to (see the module docs).
    pub verdict: Verdict,
    /// The review's reasoning (`reviewBody`), if any.
    pub review_body: Option<String>,
}

/// A review of the document that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("review {index}: {error}")]
pub struct ReviewImportError {
    /// The review's position among the reviews found in the document.
    pub index: usize,
    /// What is wrong with it.
    pub error: ValidationError,
}

/// The reviews of `document` (see the module docs), in document order.
pub fn read_reviews(document: &Value) -> Result<Vec<ImportedReview>, ReviewImportError> {
    let mut found = Vec::new();
    collect(document, None, &mut found);
    if found.is_empty() {
        return Err(ReviewImportError {
            index: 0,
            error: ValidationError::new(
                "document",
                "holds no ClaimReview: give one, an array of them, or a DataFeed",
            ),
        });
    }
    found
        .into_iter()
        .enumerate()
        .map(|(index, (review, feed_publisher))| {
            read_review(review, feed_publisher).map_err(|error| ReviewImportError { index, error })
        })
        .collect()
}

/// Gathers the `ClaimReview` objects of `value`, each with its feed's publisher.
fn collect<'a>(
    value: &'a Value,
    publisher: Option<String>,
    found: &mut Vec<(&'a Value, Option<String>)>,
) {
    match value {
        Value::Array(items) => {
            for item in items {
                collect(item, publisher.clone(), found);
            }
        }
        Value::Object(object) => {
            if has_type(value, "ClaimReview") {
                found.push((value, publisher));
                return;
            }
            let publisher = name_of(object.get("publisher")).or(publisher);
            for key in ["dataFeedElement", "item", "@graph"] {
                if let Some(inner) = object.get(key) {
                    collect(inner, publisher.clone(), found);
                }
            }
        }
        _ => {}
    }
}

fn read_review(
    review: &Value,
    feed_publisher: Option<String>,
) -> Result<ImportedReview, ValidationError> {
    let url = text_of(review.get("url")).unwrap_or_default();
    let url = String::from(web_url("url", &url)?);
    let claim_reviewed = text_of(review.get("claimReviewed")).unwrap_or_default();
    required_text("claimReviewed", &claim_reviewed, limits::CLAIM_TEXT)?;
    let rating = review.get("reviewRating");
    let rating_label =
        rating.and_then(|r| text_of(r.get("alternateName")).or_else(|| text_of(r.get("name"))));
    let number = |key: &str| rating.and_then(|r| number_of(r.get(key)));
    let rating_value = number("ratingValue");
    let verdict = rating_label
        .as_deref()
        .and_then(verdict_of_label)
        .or_else(|| {
            let value = rating_value?;
            let (worst, best) = (
                number("worstRating").unwrap_or(1.0),
                number("bestRating").unwrap_or(5.0),
            );
            verdict_of_value(value, worst, best)
        })
        .unwrap_or(Verdict::Unproven);
    let publisher = name_of(review.get("author"))
        .or_else(|| name_of(review.get("publisher")))
        .or(feed_publisher);
    let claimant = review
        .get("itemReviewed")
        .and_then(|item| name_of(item.get("author")));
    Ok(ImportedReview {
        url,
        claim_reviewed: claim_reviewed.trim().to_owned(),
        publisher: publisher.map(|name| cut(&name, limits::NAME)),
        date_published: text_of(review.get("datePublished"))
            .as_deref()
            .and_then(date_of),
        claimant: claimant.map(|name| cut(&name, limits::NAME)),
        rating_label,
        rating_value,
        verdict,
        review_body: text_of(review.get("reviewBody")).map(|body| cut(&body, limits::SUMMARY)),
    })
}

/// The verdict a rating label names, if it names one (see the module docs).
pub fn verdict_of_label(label: &str) -> Option<Verdict> {
    let key: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let verdict = match key.as_str() {
        "true" | "correct" | "accurate" | "verified" => Verdict::True,
        "mostly true" | "mostly correct" | "largely accurate" => Verdict::MostlyTrue,
        "mixed" | "mixture" | "half true" | "partly true" | "partly false" | "partially true" => {
            Verdict::Mixed
        }
        "misleading" | "missing context" | "out of context" | "lacks context" | "exaggerated"
        | "distorted" => Verdict::Misleading,
        "mostly false" | "largely false" => Verdict::MostlyFalse,
        "false" | "incorrect" | "inaccurate" | "wrong" | "fake" | "fabricated" | "hoax"
        | "pants on fire" | "four pinocchios" => Verdict::False,
        "misattributed" | "wrongly attributed" | "fake quote" => Verdict::Misattributed,
        "unproven" | "unverified" | "unsupported" | "no evidence" | "unsubstantiated" => {
            Verdict::Unproven
        }
        "not checkable" | "opinion" | "satire" => Verdict::NotCheckable,
        _ => return None,
    };
    Some(verdict)
}

/// The verdict of a number on a scale from `worst` to `best` (see the module docs).
pub fn verdict_of_value(value: f64, worst: f64, best: f64) -> Option<Verdict> {
    if !(value.is_finite() && worst.is_finite() && best.is_finite())
        || (best - worst).abs() < f64::EPSILON
    {
        return None;
    }
    let place = (value - worst) / (best - worst);
    if !(0.0..=1.0).contains(&place) {
        return None;
    }
    Some(if place < 0.125 {
        Verdict::False
    } else if place < 0.375 {
        Verdict::MostlyFalse
    } else if place < 0.625 {
        Verdict::Mixed
    } else if place < 0.875 {
        Verdict::MostlyTrue
    } else {
        Verdict::True
    })
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match value.get("@type") {
        Some(Value::String(kind)) => kind == wanted,
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == wanted),
        _ => false,
    }
}

/// A string, or the first string of an array.
fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        Value::Array(items) => items.iter().find_map(|item| text_of(Some(item))),
        _ => None,
    }
}

fn number_of(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// The `name` of an organisation or person, or the text itself.
fn name_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(object) => text_of(object.get("name")),
        Value::Array(items) => items.iter().find_map(|item| name_of(Some(item))),
        other => text_of(Some(other)),
    }
}

fn date_of(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `text` cut to at most `max` characters.
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_feed_of_reviews_reads_with_its_publisher() {
        let feed = json!({
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "publisher": { "@type": "Organization", "name": "Other Checks" },
            "dataFeedElement": [
                {
                    "@type": "ClaimReview",
                    "url": "https://other.example/checks/1",
                    "claimReviewed": "DeepSeek trained V3 for $5.6 million.",
                    "datePublished": "2025-02-01",
                    "itemReviewed": { "@type": "Claim", "author": { "name": "A pundit" } },
                    "reviewRating": { "@type": "Rating", "alternateName": "Missing context" }
                },
                {
                    "@type": "DataFeedItem",
                    "item": {
                        "@type": ["ClaimReview"],
                        "url": "https://other.example/checks/2",
                        "claimReviewed": "The moon is made of cheese.",
                        "reviewRating": { "ratingValue": 1, "bestRating": 5, "worstRating": 1 }
                    }
                }
            ]
        });
        let reviews = read_reviews(&feed).unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0].verdict, Verdict::Misleading);
        assert_eq!(reviews[0].publisher.as_deref(), Some("Other Checks"));
        assert_eq!(reviews[0].claimant.as_deref(), Some("A pundit"));
        assert!(reviews[0].date_published.is_some());
        assert_eq!(reviews[1].verdict, Verdict::False);
    }

    #[test]
    fn ratings_map_to_verdicts_with_unproven_as_fallback() {
        assert_eq!(verdict_of_label("Pants on Fire!"), Some(Verdict::False));
        assert_eq!(verdict_of_label("Half-True"), Some(Verdict::Mixed));
        assert_eq!(
            verdict_of_label("Not checkable"),
            Some(Verdict::NotCheckable)
        );
        assert_eq!(verdict_of_label("Spicy"), None);
        assert_eq!(verdict_of_value(4.0, 1.0, 5.0), Some(Verdict::MostlyTrue));
        assert_eq!(verdict_of_value(9.0, 1.0, 5.0), None);
        let review = json!({
            "@type": "ClaimReview",
            "url": "https://other.example/3",
            "claimReviewed": "Something.",
            "reviewRating": { "alternateName": "Spicy" }
        });
        assert_eq!(read_reviews(&review).unwrap()[0].verdict, Verdict::Unproven);
    }

    #[test]
    fn a_review_without_its_text_or_url_is_refused() {
        let reviews = json!([
            { "@type": "ClaimReview", "url": "https://other.example/1", "claimReviewed": "x" },
            { "@type": "ClaimReview", "url": "ftp://nowhere", "claimReviewed": "y" }
        ]);
        let error = read_reviews(&reviews).unwrap_err();
        assert_eq!((error.index, error.error.field), (1, "url"));
        assert!(read_reviews(&json!({ "@type": "Thing" })).is_err());
    }
}
