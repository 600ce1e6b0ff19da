//! The closed vocabularies of the domain.
//!
//! Each enum is stored and exchanged by its `SCREAMING_SNAKE_CASE` name (`IN_REVIEW`,
//! `NOT_CHECKABLE`), which is also how it appears in the GraphQL schema. `as_ref()` gives that
//! name and `str::parse` reads it back.

use strum::{AsRefStr, Display, EnumIter, EnumString};

/// Derives the shared string conversions for a vocabulary enum.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, AsRefStr, Display, EnumString,
            EnumIter, serde::Serialize, serde::Deserialize,
        )]
        #[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }
    };
}

vocabulary! {
    /// Where a claim stands in the review workflow.
    pub enum ClaimStatus {
        /// Recorded, not yet triaged.
        New,
        /// Marked as worth checking, with a reason and a priority.
        Flagged,
        /// A reviewer is working on it.
        InReview,
        /// The review is closed with a verdict that waits for a second editor's approval
        /// before it is published (only under the publication policy `--require-approval`).
        AwaitingApproval,
        /// The review is closed with a verdict, and the verdict is published.
        Closed,
    }
}

vocabulary! {
    /// The outcome of a closed review, from true to false, plus the special outcomes.
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
        /// The available evidence neither proves nor disproves it.
        Unproven,
        /// An opinion, prediction or other statement that cannot be checked.
        NotCheckable,
    }
}

impl Verdict {
    /// Whether closing with this verdict needs at least one piece of evidence.
    ///
    /// A verdict on the facts needs evidence; saying the facts cannot be established
    /// (`UNPROVEN`) or cannot be checked at all (`NOT_CHECKABLE`) does not.
    pub fn requires_evidence(self) -> bool {
        !matches!(self, Verdict::Unproven | Verdict::NotCheckable)
    }
}

vocabulary! {
    /// How urgently a claim should be checked.
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
}

vocabulary! {
    /// How an article attributes a claim to its source.
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
}

vocabulary! {
    /// What kind of entity a source is.
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
}

vocabulary! {
    /// What a piece of evidence does for the claim it is attached to.
    pub enum EvidenceStance {
        /// It backs the claim.
        Supports,
        /// It contradicts the claim.
        Refutes,
        /// It neither backs nor contradicts the claim but frames it.
        Context,
    }
}

vocabulary! {
    /// What a user may do. Each role includes everything the roles before it can do, which
    /// is what the order of the variants (`Ord`) says.
    pub enum Role {
        /// Reads.
        Viewer,
        /// Also creates articles, sources and claims.
        Ingest,
        /// Also flags, starts reviews, attaches evidence and adds notes.
        Reviewer,
        /// Also assigns anyone, closes reviews, reopens them, and approves or rejects the
        /// verdicts of other editors.
        Editor,
        /// Also manages users and tokens.
        Admin,
    }
}

vocabulary! {
    /// What happened to a claim, as recorded in its history.
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
        /// A second editor approved the verdict awaiting approval, which is now published.
        VerdictApproved,
        /// A second editor sent the verdict awaiting approval back to review, with a reason.
        VerdictRejected,
        /// A new verdict replaced a published one, with a public correction.
        VerdictCorrected,
        /// A person confirmed that another claim states the same thing.
        MatchConfirmed,
        /// A person judged that another claim, proposed as a match, states something else.
        MatchRejected,
    }
}

vocabulary! {
    /// Where a link between two claims that state the same thing stands.
    pub enum MatchState {
        /// The matcher proposes the link; a person has not judged it.
        Suggested,
        /// The link holds: confirmed by a person, or automatically for a strong match of long
        /// enough texts (see `matching::Thresholds::state`).
        Confirmed,
        /// A person judged that the two claims state different things.
        Rejected,
    }
}

impl Role {
    /// Whether this role may do what `required` may do.
    pub fn includes(self, required: Role) -> bool {
        self >= required
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn names_are_screaming_snake_case_and_round_trip() {
        assert_eq!(ClaimStatus::InReview.as_ref(), "IN_REVIEW");
        assert_eq!(Verdict::NotCheckable.as_ref(), "NOT_CHECKABLE");
        assert_eq!(EventKind::EvidenceAttached.to_string(), "EVIDENCE_ATTACHED");
        for verdict in Verdict::iter() {
            assert_eq!(verdict.as_ref().parse::<Verdict>(), Ok(verdict));
        }
        for status in ClaimStatus::iter() {
            assert_eq!(status.as_ref().parse::<ClaimStatus>(), Ok(status));
        }
    }

    #[test]
    fn unknown_names_do_not_parse() {
        assert!("in_review".parse::<ClaimStatus>().is_err());
        assert!("MAYBE".parse::<Verdict>().is_err());
    }

    #[test]
    fn each_role_includes_the_ones_before_it() {
        assert!(Role::Admin.includes(Role::Editor));
        assert!(Role::Editor.includes(Role::Reviewer));
        assert!(Role::Reviewer.includes(Role::Reviewer));
        assert!(!Role::Reviewer.includes(Role::Editor));
        assert!(!Role::Viewer.includes(Role::Ingest));
    }

    #[test]
    fn only_verdicts_on_the_facts_need_evidence() {
        let without: Vec<_> = Verdict::iter().filter(|v| !v.requires_evidence()).collect();
        assert_eq!(without, [Verdict::Unproven, Verdict::NotCheckable]);
    }
}

vocabulary! {
    /// Where the delivery of one event to one webhook endpoint stands.
    pub enum DeliveryStatus {
        /// Not yet delivered: waiting for its first attempt or for a retry.
        Pending,
        /// The endpoint answered 2xx.
        Succeeded,
        /// Every attempt of the retry schedule failed.
        Failed,
    }
}
