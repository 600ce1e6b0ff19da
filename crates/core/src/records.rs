//! The records of the domain, as the storage layer reads them and the API shows them.

use chrono::{DateTime, Utc};

use crate::{
    AttributionKind, ClaimStatus, EventKind, EvidenceStance, Priority, Role, SourceKind, TextSpan,
    Verdict,
};

/// A person or bot that acts on claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The user's ID.
    pub id: i64,
    /// The user's unique name.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
}

/// A published article that claims are taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The article's ID.
    pub id: i64,
    /// Where the article is published; unique.
    pub url: String,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The full text that quote offsets refer to: the latest revision.
    pub body: String,
    /// When ClaimDesk received it.
    pub ingested_at: DateTime<Utc>,
    /// Who wrote it.
    pub author: Option<String>,
    /// How many versions of the body ClaimDesk has received; 1 until it is revised.
    pub revision: i32,
}

/// Who a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The source's ID.
    pub id: i64,
    /// The source's name, unique regardless of case.
    pub name: String,
    /// What kind of entity the source is.
    pub kind: SourceKind,
    /// Who the source is, for example a title and an affiliation.
    pub description: Option<String>,
}

/// A checkable statement taken from an article. Its JSON form (camelCase fields, enumerations
/// by name) is the claim of a webhook delivery.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// The claim's ID.
    pub id: i64,
    /// The article the claim is taken from.
    pub article_id: i64,
    /// A client's own identifier for the claim, unique within its article.
    pub external_id: Option<String>,
    /// The checkable statement.
    pub text: String,
    /// The exact words of the article the claim is taken from.
    pub quote: String,
    /// Where the quote stands in the article body.
    pub span: TextSpan,
    /// Who the claim is attributed to.
    pub source_id: Option<i64>,
    /// How the article attributes it.
    pub attribution: AttributionKind,
    /// Where the claim stands in the workflow.
    pub status: ClaimStatus,
    /// How urgently it should be checked.
    pub priority: Priority,
    /// Why it was flagged.
    pub flag_reason: Option<String>,
    /// When it was last flagged.
    pub flagged_at: Option<DateTime<Utc>>,
    /// Who is reviewing it.
    pub assignee_id: Option<i64>,
    /// The outcome of the closed review.
    pub verdict: Option<Verdict>,
    /// The reasoning behind the verdict.
    pub verdict_summary: Option<String>,
    /// When the review was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Who closed the review.
    pub closed_by_id: Option<i64>,
    /// Grows by one with every change, for optimistic concurrency.
    pub version: i64,
    /// Whether a revision of the article removed the quote, so the span no longer holds it.
    pub anchor_lost: bool,
    /// How check-worthy the claim detector judged it, from 0 to 1; `None` for claims entered
    /// by hand.
    pub check_worthiness: Option<f64>,
    /// What kind of statement the claim detector judged it.
    pub category: Option<String>,
    /// When the claim was recorded.
    pub created_at: DateTime<Utc>,
    /// When the claim last changed.
    pub updated_at: DateTime<Utc>,
}

/// A source that backs, refutes or frames a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The evidence's ID.
    pub id: i64,
    /// The claim it is attached to.
    pub claim_id: i64,
    /// Where the evidence can be read; unique per claim.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// The passage that matters.
    pub excerpt: Option<String>,
    /// What it does for the claim.
    pub stance: EvidenceStance,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// Who attached it.
    pub added_by_id: i64,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
}

/// A reviewer's note on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The note's ID.
    pub id: i64,
    /// The claim it is about.
    pub claim_id: i64,
    /// Who wrote it.
    pub author_id: i64,
    /// What it says.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// One entry of a claim's append-only history.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimEvent {
    /// The event's ID; events of one claim are ordered by it.
    pub id: i64,
    /// The claim it happened to.
    pub claim_id: i64,
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor_id: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The status before, for status changes.
    pub from_status: Option<ClaimStatus>,
    /// The status after, for status changes.
    pub to_status: Option<ClaimStatus>,
    /// Details of the change, such as the verdict or the evidence URL.
    pub detail: serde_json::Value,
}

/// One verdict a claim has had: each close records a version, which is published at once or,
/// under the approval policy, when a second editor approves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictVersion {
    /// The version's ID.
    pub id: i64,
    /// The claim it is a verdict on.
    pub claim_id: i64,
    /// The outcome.
    pub verdict: Verdict,
    /// The reasoning behind it.
    pub summary: String,
    /// What changed and why, when this version replaces a published verdict.
    pub correction: Option<String>,
    /// Who closed the review with it.
    pub closed_by_id: i64,
    /// When.
    pub closed_at: DateTime<Utc>,
    /// Who approved it, under the approval policy.
    pub approved_by_id: Option<i64>,
    /// When it was approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// When it was published; `None` while it awaits approval, or if it was rejected.
    pub published_at: Option<DateTime<Utc>>,
    /// Who sent it back to review instead of approving it.
    pub rejected_by_id: Option<i64>,
    /// When it was sent back.
    pub rejected_at: Option<DateTime<Utc>>,
    /// Why it was sent back.
    pub rejection_reason: Option<String>,
}

/// An API token of a user. The secret itself is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's ID.
    pub id: i64,
    /// Whose token it is.
    pub user_id: i64,
    /// What the token is for, such as "CMS hook".
    pub label: Option<String>,
    /// The token's first characters, to recognise it.
    pub lookup: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked; a revoked token authenticates nobody.
    pub revoked_at: Option<DateTime<Utc>>,
}
