//! Public corrections: a published verdict replaced by a new one says so openly.
//!
//! A corrected ClaimReview gets `dateModified` (when its latest version was published) and
//! schema.org's `correction`, a `CorrectionComment` with the correction's `text` and its
//! `datePublished` (a list of them, oldest first, after several corrections). The corrections
//! feed ([`correction_feed`]) lists every published correction, each `about` its review.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::{Publisher, data_feed, date_time, review_url};
use crate::records::VerdictVersion;

/// A published correction, with what a reader of the feed needs about its claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedCorrection {
    /// The verdict version that carries the correction.
    pub version_id: i64,
    /// The corrected claim.
    pub claim_id: i64,
    /// The claim's text, the review's `claimReviewed`.
    pub claim_text: String,
    /// What changed and why.
    pub text: String,
    /// When the corrected verdict was published.
    pub published_at: DateTime<Utc>,
}

/// Adds `dateModified` and `correction` to `review` when one of its published `versions`
/// carries a correction; leaves it as it is otherwise.
pub(super) fn annotate(review: &mut Map<String, Value>, versions: &[VerdictVersion]) {
    let published: Vec<&VerdictVersion> = versions
        .iter()
        .filter(|version| version.published_at.is_some())
        .collect();
    let comments: Vec<Value> = published
        .iter()
        .filter_map(|version| {
            let text = version.correction.as_deref()?;
            Some(comment(text, version.published_at?))
        })
        .collect();
    let Some(modified) = published.last().and_then(|version| version.published_at) else {
        return;
    };
    let correction = match comments.len() {
        0 => return,
        1 => comments.into_iter().next().unwrap_or_default(),
        _ => Value::Array(comments),
    };
    review.insert("dateModified".into(), json!(date_time(modified)));
    review.insert("correction".into(), correction);
}

/// A schema.org `CorrectionComment`.
fn comment(text: &str, published_at: DateTime<Utc>) -> Value {
    json!({
        "@type": "CorrectionComment",
        "text": text,
        "datePublished": date_time(published_at),
    })
}

/// A schema.org `DataFeed` of `corrections` in the order given (the store gives them newest
/// first), each a `CorrectionComment` `about` the review it corrects.
pub fn correction_feed(
    publisher: &Publisher,
    corrections: &[PublishedCorrection],
    date_modified: DateTime<Utc>,
) -> Value {
    let elements = corrections
        .iter()
        .map(|correction| {
            let mut element = comment(&correction.text, correction.published_at);
            element["about"] = json!({
                "@type": "ClaimReview",
                "url": review_url(publisher, correction.claim_id),
                "claimReviewed": correction.claim_text,
            });
            element
        })
        .collect();
    data_feed(publisher, elements, date_modified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Verdict,
        publishing::{
            claim_review,
            tests::{article, at, closed_claim, jefferies, publisher},
        },
    };

    fn version(
        id: i64,
        published_at: Option<DateTime<Utc>>,
        correction: Option<&str>,
    ) -> VerdictVersion {
        VerdictVersion {
            id,
            claim_id: 10,
            verdict: Verdict::Misleading,
            summary: "summary".into(),
            correction: correction.map(Into::into),
            closed_by_id: 4,
            closed_at: at(2025, 2, 5, 14),
            approved_by_id: None,
            approved_at: None,
            published_at,
            rejected_by_id: None,
            rejected_at: None,
            rejection_reason: None,
        }
    }

    fn review(versions: &[VerdictVersion]) -> Value {
        claim_review(
            &closed_claim(),
            versions,
            &article(),
            Some(&jefferies()),
            &publisher(),
        )
        .unwrap()
    }

    #[test]
    fn an_uncorrected_review_has_no_date_modified_nor_correction() {
        let review = review(&[
            version(1, None, None),
            version(2, Some(at(2025, 2, 6, 9)), None),
        ]);
        assert_eq!(review["datePublished"], "2025-02-06T09:00:00Z");
        assert!(review.get("dateModified").is_none());
        assert!(review.get("correction").is_none());
    }

    #[test]
    fn a_corrected_review_says_what_changed_and_when() {
        let review = review(&[
            version(1, Some(at(2025, 2, 6, 9)), None),
            version(
                2,
                Some(at(2025, 3, 1, 12)),
                Some("Jefferies revised its note."),
            ),
        ]);
        assert_eq!(review["datePublished"], "2025-02-06T09:00:00Z");
        assert_eq!(review["dateModified"], "2025-03-01T12:00:00Z");
        assert_eq!(
            review["correction"],
            json!({
                "@type": "CorrectionComment",
                "text": "Jefferies revised its note.",
                "datePublished": "2025-03-01T12:00:00Z",
            })
        );
    }

    #[test]
    fn several_corrections_are_listed_oldest_first() {
        let review = review(&[
            version(1, Some(at(2025, 2, 6, 9)), None),
            version(2, Some(at(2025, 3, 1, 12)), Some("first")),
            version(3, None, Some("rejected, never published")),
            version(4, Some(at(2025, 4, 1, 12)), Some("second")),
        ]);
        let texts: Vec<&str> = review["correction"]
            .as_array()
            .unwrap()
            .iter()
            .map(|comment| comment["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["first", "second"]);
        assert_eq!(review["dateModified"], "2025-04-01T12:00:00Z");
    }

    #[test]
    fn the_correction_feed_points_each_correction_at_its_review() {
        let correction = PublishedCorrection {
            version_id: 7,
            claim_id: 10,
            claim_text: "DeepSeek's models cost $5.6M to train.".into(),
            text: "Jefferies revised its note.".into(),
            published_at: at(2025, 3, 1, 12),
        };
        let feed = correction_feed(&publisher(), &[correction], at(2025, 3, 1, 12));
        assert_eq!(feed["@type"], "DataFeed");
        let element = &feed["dataFeedElement"][0];
        assert_eq!(element["@type"], "CorrectionComment");
        assert_eq!(element["text"], "Jefferies revised its note.");
        assert_eq!(
            element["about"]["url"],
            "https://factcheck.example.org/claim-reviews/10"
        );
    }
}
