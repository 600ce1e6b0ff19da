//! The domain's vocabularies as GraphQL enums.
//!
//! Each mirrors its `claimdesk_core` enum through `remote`, which makes the compiler check that
//! both list the same values.

use async_graphql::Enum;

/// The domain's values of a list argument of enum values: none when the list is left out.
pub(crate) fn domain_values<T, D: From<T>>(values: Option<Vec<T>>) -> Vec<D> {
    values
        .unwrap_or_default()
        .into_iter()
        .map(Into::into)
        .collect()
}

/// The counts of a domain tally, each `(value, count)` given to `count_of` with the value as
/// its GraphQL enum.
pub(crate) fn counted<D: Copy, G: From<D>, C>(
    tally: &[(D, u64)],
    count_of: impl Fn(G, u64) -> C,
) -> Vec<C> {
    tally
        .iter()
        .map(|&(value, count)| count_of(value.into(), count))
        .collect()
}

/// Where a claim stands in the review workflow: NEW → FLAGGED → `IN_REVIEW` → CLOSED, and
/// CLOSED → `IN_REVIEW` by reopening. Under the approval policy, closing leads to
/// `AWAITING_APPROVAL`, which a second editor approves (→ CLOSED) or rejects (→ `IN_REVIEW`).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::ClaimStatus")]
pub enum ClaimStatus {
    /// Recorded, not yet triaged.
    New,
    /// Marked as worth checking, with a reason and a priority.
    Flagged,
    /// A reviewer is working on it.
    InReview,
    /// The review is closed with a verdict that awaits a second editor's approval; nothing is
    /// published yet (only under the publication policy `--require-approval`).
    AwaitingApproval,
    /// The review is closed with a verdict, and the verdict is published.
    Closed,
}

/// Something a user can do to a claim: the mutation of the same name.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::workflow::Action")]
pub enum ClaimAction {
    /// `flagClaim`.
    Flag,
    /// `assignClaim`; a reviewer may assign only themselves.
    Assign,
    /// `startReview`.
    StartReview,
    /// `attachEvidence`.
    AttachEvidence,
    /// `addNote`.
    AddNote,
    /// `closeReview`; a claim that was never reviewed closes only as `NOT_CHECKABLE`.
    CloseReview,
    /// `reopenReview`.
    ReopenReview,
    /// `approveVerdict`; never offered to the editor who closed the review.
    ApproveVerdict,
    /// `rejectVerdict`.
    RejectVerdict,
}

/// The outcome of a closed review.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::Verdict")]
pub enum Verdict {
    /// Accurate, nothing significant missing.
    True,
    /// Accurate but needs clarification or additional information.
    MostlyTrue,
    /// Partly accurate, partly not.
    Mixed,
    /// Accurate elements presented in a way that leaves a false impression.
    Misleading,
    /// Contains an element of truth but ignores critical facts.
    MostlyFalse,
    /// Not accurate.
    False,
    /// The statement is attributed to someone who did not make it.
    Misattributed,
    /// The available evidence neither proves nor disproves it. Needs no evidence to close.
    Unproven,
    /// An opinion, prediction or other statement that cannot be checked. Needs no evidence,
    /// and is the only verdict a NEW or FLAGGED claim can be closed with.
    NotCheckable,
}

/// How urgently a claim should be checked.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::Priority")]
pub enum Priority {
    /// Check when there is time.
    Low,
    /// The default.
    Normal,
    /// Check soon.
    High,
    /// Check now.
    Urgent,
}

/// How an article attributes a claim to its source.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::AttributionKind")]
pub enum AttributionKind {
    /// The source's own words, in quotation marks.
    DirectQuote,
    /// The source's statement restated in the article's words.
    Paraphrase,
    /// The article reports that the source stated, announced or suggested it.
    Reported,
    /// The article says it in its own voice.
    Unattributed,
}

/// What kind of entity a source is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::SourceKind")]
pub enum SourceKind {
    /// A named individual.
    Person,
    /// A company, institute or other organisation.
    Organization,
    /// A government or one of its bodies.
    Government,
    /// A newspaper, site or other publication.
    Publication,
    /// Not known.
    Unknown,
}

/// What a piece of evidence does for its claim.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::EvidenceStance")]
pub enum EvidenceStance {
    /// It backs the claim.
    Supports,
    /// It contradicts the claim.
    Refutes,
    /// It neither backs nor contradicts the claim but frames it.
    Context,
}

/// What a user may do; each role includes the ones before it.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::Role")]
pub enum Role {
    /// Reads.
    Viewer,
    /// Also creates articles, sources and claims.
    Ingest,
    /// Also flags, starts reviews, attaches evidence and adds notes.
    Reviewer,
    /// Also assigns anyone, closes reviews and reopens them.
    Editor,
    /// Also manages users and tokens.
    Admin,
}

/// What happened to a claim.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::EventKind")]
pub enum EventKind {
    /// The claim was recorded.
    Created,
    /// The claim was flagged for review.
    Flagged,
    /// The claim was assigned to a reviewer.
    Assigned,
    /// A reviewer started the review.
    ReviewStarted,
    /// Evidence was attached.
    EvidenceAttached,
    /// A note was added.
    NoteAdded,
    /// The review was closed with a verdict.
    Closed,
    /// A closed review was reopened.
    Reopened,
    /// The article was revised and the claim's quote found at a new position.
    Reanchored,
    /// The article was revised and the claim's quote is no longer in it.
    AnchorLost,
    /// A second editor approved the verdict, which is now published.
    VerdictApproved,
    /// A second editor sent the verdict back to review; `detail.reason` says why.
    VerdictRejected,
    /// A new verdict replaced a published one; `detail.correction` says what changed and why.
    VerdictCorrected,
    /// A person confirmed that another claim states the same thing (`confirmMatch`).
    MatchConfirmed,
    /// A person judged that another claim, proposed as a match, states something else
    /// (`rejectMatch`).
    MatchRejected,
}

/// Where a link between two claims that state the same thing stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::MatchState")]
pub enum MatchState {
    /// The matcher proposes the link; a person has not judged it. Always the state in
    /// `matchClaim`.
    Suggested,
    /// The link holds: confirmed by a person (`confirmMatch`), or automatically for a score at
    /// or above the confirm threshold between texts of at least 8 words.
    Confirmed,
    /// A person judged that the two claims state different things (`rejectMatch`).
    Rejected,
}

/// What kind of statement the claim detector judged a claim.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::detect::ClaimCategory")]
pub enum ClaimCategory {
    /// A number, amount, percentage or comparison of quantities.
    Statistic,
    /// Something that happened, or is the case.
    Event,
    /// A source's own words.
    Quote,
    /// Something said about the future.
    Prediction,
    /// A judgement or belief.
    Opinion,
}

/// Where the delivery of one event to one webhook endpoint stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::DeliveryStatus")]
pub enum DeliveryStatus {
    /// Not yet delivered: waiting for its first attempt or for a retry.
    Pending,
    /// The endpoint answered 2xx.
    Succeeded,
    /// Every attempt of the retry schedule failed.
    Failed,
}
