//! schema.org ClaimReview: a closed review as a published fact-check.
//!
//! [`claim_review`] renders a closed claim as the JSON-LD object that Google's fact-check
//! structured data documentation asks for (every required and recommended property of
//! `ClaimReview`, `Claim` and `Rating`), and [`data_feed`] wraps several of them in a schema.org
//! `DataFeed`. Both are pure: the caller loads the records and serves the result. The verdict's
//! number and label follow the rating scale of [`rating`].
//!
//! # What goes where
//!
//! - `claimReviewed` is the claim's text, `url` is [`review_url`], `datePublished` is when the
//!   claim's first verdict was published (when the review was closed, or approved under the
//!   approval policy), `author` is the [`Publisher`], and `reviewBody` is the verdict summary.
//! - `itemReviewed` is the `Claim`: its `author` is the claim's source (a `Person` for a
//!   `PERSON` source, an `Organization` for every other kind, left out when the claim has no
//!   source), its `datePublished` is the article's publication date, and `appearance` and
//!   `firstAppearance` are the article as a `CreativeWork`.

//! - A corrected review (one whose published verdict was replaced by a new version with a
//!   correction) also has `dateModified`, when the latest version was published, and
//!   `correction`: a `CorrectionComment` for each correction (see [`corrections`]).

mod corrections;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};
use thiserror::Error;

mod rating;

pub use rating::{BEST_RATING, Rating, WORST_RATING, rating};

pub use self::corrections::{PublishedCorrection, correction_feed};
use self::rating::review_rating;
use crate::{
    ClaimStatus, SourceKind,
    records::{Article, Claim, Source, VerdictVersion},
};

/// Who publishes the reviews, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    /// The reviewing organisation's name, the `author` of every review.
    pub name: String,
    /// The reviewing organisation's home page.
    pub url: String,
    /// The public base URL that review pages live under; a trailing slash is allowed.
    pub base_url: String,
}

/// The public URL of the review of a claim: `{base_url}/claim-reviews/{claim_id}`, where the
/// server answers with the review's JSON-LD (as at `…/{claim_id}.jsonld`).
///
/// This is the ClaimReview's `url`, so the page that serves the review must live at exactly
/// this address.
pub fn review_url(publisher: &Publisher, claim_id: i64) -> String {
    format!(
        "{}/claim-reviews/{claim_id}",
        publisher.base_url.trim_end_matches('/')
    )
}

/// Why a claim cannot be published as a ClaimReview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ClaimReviewError {
    /// The claim's review is not closed: it is not `CLOSED`, or it lacks the verdict or the
    /// closing time that a closed review has.
    #[error("only a closed review with a verdict can be published as a ClaimReview")]
    NotClosed,
}

/// The ClaimReview JSON-LD of a closed claim, with its verdict `versions` (oldest first),
/// taken from `article`, attributed to `source` and reviewed by `publisher`.
pub fn claim_review(
    claim: &Claim,
    versions: &[VerdictVersion],
    article: &Article,
    source: Option<&Source>,
    publisher: &Publisher,
) -> Result<Value, ClaimReviewError> {
    let (Some(verdict), Some(closed_at), ClaimStatus::Closed) =
        (claim.verdict, claim.closed_at, claim.status)
    else {
        return Err(ClaimReviewError::NotClosed);
    };

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("url".into(), json!(review_url(publisher, claim.id)));
    review.insert("claimReviewed".into(), json!(claim.text));
    let first_published = versions.iter().find_map(|version| version.published_at);
    let published_at = first_published.unwrap_or(closed_at);
    review.insert("datePublished".into(), json!(date_time(published_at)));
    corrections::annotate(&mut review, versions);
    review.insert("author".into(), reviewer(publisher));
    review.insert("reviewRating".into(), review_rating(verdict));
    review.insert("itemReviewed".into(), item_reviewed(article, source));
    if let Some(summary) = claim
        .verdict_summary
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        review.insert("reviewBody".into(), json!(summary));
    }
    Ok(Value::Object(review))
}

/// Marks `review` as based on another review, at `url`: the ClaimReview whose verdict a
/// matched claim took over (`isBasedOn`, a schema.org `CreativeWork` property).
pub fn based_on(review: &mut Value, url: &str) {
    if let Some(object) = review.as_object_mut() {
        object.insert(
            "isBasedOn".into(),
            json!({ "@type": "ClaimReview", "url": url }),
        );
    }
}

/// A schema.org `DataFeed` of `reviews`, as [`claim_review`] renders them, by `publisher`.
///
/// The elements inherit the feed's `@context`, so their own is dropped.
pub fn data_feed(
    publisher: &Publisher,
    reviews: Vec<Value>,
    date_modified: DateTime<Utc>,
) -> Value {
    let elements: Vec<Value> = reviews
        .into_iter()
        .map(|mut review| {
            if let Some(object) = review.as_object_mut() {
                object.remove("@context");
            }
            review
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "publisher": reviewer(publisher),
        "dateModified": date_time(date_modified),
        "dataFeedElement": elements,
    })
}

/// The reviewing organisation.
fn reviewer(publisher: &Publisher) -> Value {
    json!({ "@type": "Organization", "name": publisher.name, "url": publisher.url })
}

/// The reviewed `Claim`: who made it and where it appeared.
fn item_reviewed(article: &Article, source: Option<&Source>) -> Value {
    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    if let Some(source) = source {
        claim.insert("author".into(), claim_author(source));
    }
    if let Some(published_at) = article.published_at {
        claim.insert(
            "datePublished".into(),
            json!(published_at.date_naive().to_string()),
        );
    }
    // ClaimDesk takes each claim from one article, which is therefore also its first
    // appearance as far as the review knows.
    let appearance = appearance(article);
    claim.insert("appearance".into(), appearance.clone());
    claim.insert("firstAppearance".into(), appearance);
    Value::Object(claim)
}

/// The source as a `Person` or an `Organization`.
fn claim_author(source: &Source) -> Value {
    let kind = match source.kind {
        SourceKind::Person => "Person",
        SourceKind::Organization
        | SourceKind::Government
        | SourceKind::Publication
        | SourceKind::Unknown => "Organization",
    };
    let mut author = Map::new();
    author.insert("@type".into(), json!(kind));
    author.insert("name".into(), json!(source.name));
    // A source's description mixes titles and affiliations, so it is not a `jobTitle`.
    if let Some(description) = &source.description {
        author.insert("description".into(), json!(description));
    }
    Value::Object(author)
}

/// The article as a `CreativeWork`.
fn appearance(article: &Article) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("url".into(), json!(article.url));
    work.insert("headline".into(), json!(article.title));
    if let Some(publisher) = &article.publisher {
        work.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    Value::Object(work)
}

/// An ISO 8601 date-time in UTC, to the second.
fn date_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::{AttributionKind, Priority, TextSpan, Verdict};

    const SUMMARY: &str = "The $5.6M figure is DeepSeek's own estimate for the final V3 \
        training run at rented-GPU prices; it excludes research, ablations and hardware.";

    pub(super) fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    pub(super) fn publisher() -> Publisher {
        Publisher {
            name: "ClaimDesk Fact Check".into(),
            url: "https://factcheck.example.org".into(),
            base_url: "https://factcheck.example.org/".into(),
        }
    }

    pub(super) fn article() -> Article {
        Article {
            id: 1,
            url: "https://ainews.date/jqBeOoX7dm7".into(),
            title: "DeepSeek: Pioneering Innovation Amidst Challenges".into(),
            publisher: Some("AI News".into()),
            published_at: Some(at(2025, 2, 3, 0)),
            body: String::new(),
            ingested_at: at(2025, 2, 4, 9),
            author: None,
            revision: 1,
        }
    }

    pub(super) fn jefferies() -> Source {
        Source {
            id: 2,
            name: "Jefferies analysts".into(),
            kind: SourceKind::Organization,
            description: Some("Analysts at Jefferies, a market consulting firm".into()),
        }
    }

    /// The Jefferies training-cost claim, closed as MISLEADING.
    pub(super) fn closed_claim() -> Claim {
        Claim {
            id: 10,
            article_id: 1,
            external_id: Some("jefferies-training-cost".into()),
            text: "DeepSeek's latest models cost about $5.6 million to train, less than 10 \
                percent of the cost of training Meta's Llama model."
                .into(),
            quote: "Analysts from Jefferies, a market consulting firm, suggested that the latest \
                iteration of DeepSeek's models incurred a training cost of merely $5.6 million."
                .into(),
            span: TextSpan {
                start: 1646,
                end: 1869,
            },
            source_id: Some(2),
            attribution: AttributionKind::Reported,
            status: ClaimStatus::Closed,
            priority: Priority::High,
            flag_reason: Some("Cost comparison".into()),
            flagged_at: Some(at(2025, 2, 4, 10)),
            assignee_id: Some(3),
            verdict: Some(Verdict::Misleading),
            verdict_summary: Some(SUMMARY.into()),
            closed_at: Some(at(2025, 2, 5, 14)),
            closed_by_id: Some(4),
            version: 6,
            anchor_lost: false,
            check_worthiness: None,
            category: None,
            created_at: at(2025, 2, 4, 9),
            updated_at: at(2025, 2, 5, 14),
        }
    }

    fn review_of(claim: &Claim, source: Option<&Source>) -> Value {
        claim_review(claim, &[], &article(), source, &publisher()).unwrap()
    }

    #[test]
    fn the_jefferies_review_has_every_required_and_recommended_field() {
        let claim = closed_claim();
        let review = review_of(&claim, Some(&jefferies()));

        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["claimReviewed"], claim.text.as_str());
        assert_eq!(
            review["url"],
            "https://factcheck.example.org/claim-reviews/10"
        );
        assert_eq!(review["datePublished"], "2025-02-05T14:00:00Z");
        assert_eq!(review["reviewBody"], SUMMARY);
        assert_eq!(
            review["author"],
            json!({
                "@type": "Organization",
                "name": "ClaimDesk Fact Check",
                "url": "https://factcheck.example.org",
            })
        );
        assert_eq!(
            review["reviewRating"],
            json!({
                "@type": "Rating",
                "ratingValue": 2,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": "Misleading",
                "name": "Misleading",
            })
        );

        let appearance = json!({
            "@type": "CreativeWork",
            "url": "https://ainews.date/jqBeOoX7dm7",
            "headline": "DeepSeek: Pioneering Innovation Amidst Challenges",
            "publisher": { "@type": "Organization", "name": "AI News" },
        });
        assert_eq!(
            review["itemReviewed"],
            json!({
                "@type": "Claim",
                "author": {
                    "@type": "Organization",
                    "name": "Jefferies analysts",
                    "description": "Analysts at Jefferies, a market consulting firm",
                },
                "datePublished": "2025-02-03",
                "appearance": appearance,
                "firstAppearance": appearance,
            })
        );
    }

    #[test]
    fn an_open_claim_is_not_published() {
        for status in [
            ClaimStatus::New,
            ClaimStatus::Flagged,
            ClaimStatus::InReview,
        ] {
            let claim = Claim {
                status,
                verdict: None,
                closed_at: None,
                ..closed_claim()
            };
            let result = claim_review(&claim, &[], &article(), Some(&jefferies()), &publisher());
            assert_eq!(result, Err(ClaimReviewError::NotClosed), "{status}");
        }
        let without_verdict = Claim {
            verdict: None,
            ..closed_claim()
        };
        let result = claim_review(&without_verdict, &[], &article(), None, &publisher());
        assert_eq!(result, Err(ClaimReviewError::NotClosed));
    }

    #[test]
    fn a_verdict_off_the_scale_keeps_only_its_label() {
        let claim = Claim {
            verdict: Some(Verdict::NotCheckable),
            ..closed_claim()
        };
        let review = review_of(&claim, Some(&jefferies()));
        let rating = review["reviewRating"].as_object().unwrap();
        assert_eq!(rating["alternateName"], "Not checkable");
        for absent in ["ratingValue", "bestRating", "worstRating"] {
            assert!(!rating.contains_key(absent), "{absent}");
        }
    }

    #[test]
    fn a_person_source_is_a_person_and_no_source_no_author() {
        let pan = Source {
            id: 3,
            name: "Pan Helin".into(),
            kind: SourceKind::Person,
            description: None,
        };
        let review = review_of(&closed_claim(), Some(&pan));
        assert_eq!(
            review["itemReviewed"]["author"],
            json!({ "@type": "Person", "name": "Pan Helin" })
        );

        let review = review_of(&closed_claim(), None);
        assert!(
            !review["itemReviewed"]
                .as_object()
                .unwrap()
                .contains_key("author")
        );
    }

    #[test]
    fn a_missing_summary_and_unknown_article_details_are_left_out() {
        let claim = Claim {
            verdict_summary: Some("  ".into()),
            ..closed_claim()
        };
        let article = Article {
            publisher: None,
            published_at: None,
            ..article()
        };
        let review = claim_review(&claim, &[], &article, None, &publisher()).unwrap();
        assert!(!review.as_object().unwrap().contains_key("reviewBody"));
        let item = review["itemReviewed"].as_object().unwrap();
        assert!(!item.contains_key("datePublished"));
        assert!(
            !item["appearance"]
                .as_object()
                .unwrap()
                .contains_key("publisher")
        );
    }

    #[test]
    fn the_review_url_ignores_a_trailing_slash() {
        let mut publisher = publisher();
        assert_eq!(
            review_url(&publisher, 7),
            "https://factcheck.example.org/claim-reviews/7"
        );
        publisher.base_url = "https://factcheck.example.org/checks".into();
        assert_eq!(
            review_url(&publisher, 7),
            "https://factcheck.example.org/checks/claim-reviews/7"
        );
    }

    #[test]
    fn the_data_feed_holds_the_reviews() {
        let review = review_of(&closed_claim(), Some(&jefferies()));
        let feed = data_feed(&publisher(), vec![review.clone()], at(2025, 2, 6, 8));

        assert_eq!(feed["@context"], "https://schema.org");
        assert_eq!(feed["@type"], "DataFeed");
        assert_eq!(feed["dateModified"], "2025-02-06T08:00:00Z");
        assert_eq!(feed["publisher"]["name"], "ClaimDesk Fact Check");
        let elements = feed["dataFeedElement"].as_array().unwrap();
        assert_eq!(elements.len(), 1);
        let mut expected = review;
        expected.as_object_mut().unwrap().remove("@context");
        assert_eq!(elements[0], expected);
        assert_eq!(elements[0]["@type"], "ClaimReview");
    }
}
