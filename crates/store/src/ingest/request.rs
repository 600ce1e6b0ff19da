//! What an ingest request carries and what it answers.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    AttributionKind, Priority, TextSpan,
    records::{Article, Claim},
    validation::ValidationError,
};

use sea_orm::ActiveValue::Set;

use crate::{NewSource, entities::article};

/// The most claims one request may carry.
pub const MAX_CLAIMS_PER_ARTICLE: usize = 1_000;

/// An article to ingest, with its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestArticle {
    /// Where it is published; it identifies the article.
    pub url: String,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The full text.
    pub body: String,
    /// Its claims.
    pub claims: Vec<IngestClaim>,
    /// Also propose the claims the detector finds in the body.
    pub detect: bool,
}

impl IngestArticle {
    /// An article at `url` whose body is `sentences`, each one claim quoting itself (external
    /// IDs `c0`, `c1`, …), without detection: for tests that need many claims at once.
    #[cfg(test)]
    pub(crate) fn of_sentences(url: &str, sentences: &[String]) -> Self {
        let claims = sentences
            .iter()
            .enumerate()
            .map(|(n, sentence)| IngestClaim {
                external_id: Some(format!("c{n}")),
                text: sentence.clone(),
                quote: sentence.clone(),
                span: None,
                source: None,
                attribution: AttributionKind::Unattributed,
                priority: Priority::Normal,
                check_worthiness: None,
                category: None,
            })
            .collect();
        Self {
            url: url.to_owned(),
            title: "Sentences".into(),
            publisher: None,
            author: None,
            published_at: None,
            body: sentences.join(" "),
            claims,
            detect: false,
        }
    }

    /// The article row this request makes when its URL (normalised to `url`) is new.
    pub(super) fn new_row(&self, url: &str) -> article::ActiveModel {
        article::ActiveModel {
            url: Set(url.to_owned()),
            title: Set(self.title.clone()),
            publisher: Set(self.publisher.clone()),
            author: Set(self.author.clone()),
            published_at: Set(self.published_at),
            body: Set(self.body.clone()),
            ..Default::default()
        }
    }
}

/// A claim to ingest with its article.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestClaim {
    /// The client's identifier, unique within the request and the article; a claim already
    /// recorded under it is left as it is. Without one, a claim is identified by its text,
    /// quote and span: an article's claim with all three the same is the same claim.
    pub external_id: Option<String>,
    /// The checkable statement.
    pub text: String,
    /// The exact words of the article.
    pub quote: String,
    /// Where the quote stands in the body; when absent, its only occurrence.
    pub span: Option<TextSpan>,
    /// Who it is attributed to; created when missing.
    pub source: Option<NewSource>,
    /// How the article attributes it.
    pub attribution: AttributionKind,
    /// How urgently it should be checked.
    pub priority: Priority,
    /// The detector's score, for detected claims.
    pub check_worthiness: Option<f64>,
    /// The detector's category, for detected claims.
    pub category: Option<String>,
}

/// What ingesting did to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article is new.
    Created,
    /// The article was known with the same body.
    Unchanged,
    /// The article was known with another body; a revision was stored.
    Revised,
}

/// The result of ingesting.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// What happened to the article.
    pub outcome: IngestOutcome,
    /// The article as it now is.
    pub article: Article,
    /// The claims this request created.
    pub created: Vec<Claim>,
    /// How many existing claims were re-anchored at a new position.
    pub reanchored: usize,
    /// How many existing claims lost their anchor.
    pub anchors_lost: usize,
}

/// One bad claim of a request: its position and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// The claim's index in the request.
    pub index: usize,
    /// The field and the problem.
    pub error: ValidationError,
}
