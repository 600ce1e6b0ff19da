//! The review workflow as a pure state machine.
//!
//! ```text
//! NEW ──flag──▶ FLAGGED ──start review──▶ IN_REVIEW ──close──▶ CLOSED
//!  │               │                          ▲                  │
//!  └──close as NOT_CHECKABLE──▶ CLOSED        └──────reopen──────┘
//! ```
//!
//! Every function takes the claim's current status (and what the rule needs) and either
//! returns the [`Transition`] to record or the [`WorkflowError`] that forbids it. The store
//! calls these before it writes, so the rules exist exactly once.

use thiserror::Error;

use crate::{ClaimStatus, Role, Verdict};

/// Something a user does to a claim that the workflow may forbid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::Display, strum::AsRefStr, strum::EnumIter)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Action {
    /// Mark a new claim as worth checking.
    Flag,
    /// Give the claim to a reviewer.
    Assign,
    /// Begin work on a flagged claim.
    StartReview,
    /// Attach a piece of evidence.
    AttachEvidence,
    /// Add a reviewer's note.
    AddNote,
    /// Close the review with a verdict.
    CloseReview,
    /// Reopen a closed review.
    ReopenReview,
}

impl Action {
    /// The least role that may take the action. Assigning is a reviewer's when they assign
    /// themselves; assigning someone else needs [`Role::Editor`].
    pub fn required_role(self) -> Role {
        match self {
            Self::Flag
            | Self::Assign
            | Self::StartReview
            | Self::AttachEvidence
            | Self::AddNote => Role::Reviewer,
            Self::CloseReview | Self::ReopenReview => Role::Editor,
        }
    }

    /// Whether the workflow allows the action on a claim in `status`, for some input: closing
    /// a claim that was never reviewed is allowed only as `NOT_CHECKABLE`, and closing without
    /// evidence only with a verdict that needs none, so those are the inputs asked about.
    pub fn allowed_in(self, status: ClaimStatus) -> bool {
        match self {
            Self::Flag => flag(status).is_ok(),
            Self::Assign => assign(status).is_ok(),
            Self::StartReview => start_review(status).is_ok(),
            Self::AttachEvidence => attach_evidence(status).is_ok(),
            Self::AddNote => true,
            Self::CloseReview => close_review(status, Verdict::NotCheckable, 0).is_ok(),
            Self::ReopenReview => reopen_review(status).is_ok(),
        }
    }
}

/// The actions a user with `role` may take on a claim in `status`, in workflow order.
pub fn available_actions(status: ClaimStatus, role: Role) -> Vec<Action> {
    use strum::IntoEnumIterator;
    Action::iter()
        .filter(|action| role.includes(action.required_role()) && action.allowed_in(status))
        .collect()
}

/// A status change the workflow allows, to be recorded in the claim's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The status before the change.
    pub from: ClaimStatus,
    /// The status after the change.
    pub to: ClaimStatus,
}

/// Why the workflow refuses an action.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkflowError {
    /// The action is not possible from the claim's current status.
    #[error(
        "cannot {action} a claim that is {current}; from {current} a claim can move to {}",
        list(allowed)
    )]
    InvalidTransition {
        /// What was attempted.
        action: Action,
        /// The claim's status.
        current: ClaimStatus,
        /// The statuses the claim can move to from `current`.
        allowed: &'static [ClaimStatus],
    },
    /// A claim that was never reviewed can only be dismissed as not checkable.
    #[error(
        "a {current} claim can only be closed as NOT_CHECKABLE; start a review to give it the verdict {verdict}"
    )]
    ReviewRequired {
        /// The claim's status.
        current: ClaimStatus,
        /// The verdict that was asked for.
        verdict: Verdict,
    },
    /// The verdict is a finding on the facts and the claim has no evidence for it.
    #[error(
        "closing with the verdict {verdict} needs at least one piece of evidence; attach evidence first"
    )]
    EvidenceRequired {
        /// The verdict that was asked for.
        verdict: Verdict,
    },
}

impl WorkflowError {
    /// The claim's current status, where the error concerns it.
    pub fn current_status(&self) -> Option<ClaimStatus> {
        match self {
            Self::InvalidTransition { current, .. } | Self::ReviewRequired { current, .. } => {
                Some(*current)
            }
            Self::EvidenceRequired { .. } => None,
        }
    }
}

/// The statuses a claim can move to from `status`.
pub fn next_statuses(status: ClaimStatus) -> &'static [ClaimStatus] {
    use ClaimStatus::{Closed, Flagged, InReview, New};
    match status {
        New => &[Flagged, Closed],
        Flagged => &[InReview, Closed],
        InReview => &[Closed],
        Closed => &[InReview],
    }
}

/// NEW → FLAGGED.
pub fn flag(current: ClaimStatus) -> Result<Transition, WorkflowError> {
    move_to(
        Action::Flag,
        current,
        ClaimStatus::Flagged,
        &[ClaimStatus::New],
    )
}

/// FLAGGED → `IN_REVIEW`.
pub fn start_review(current: ClaimStatus) -> Result<Transition, WorkflowError> {
    move_to(
        Action::StartReview,
        current,
        ClaimStatus::InReview,
        &[ClaimStatus::Flagged],
    )
}

/// `IN_REVIEW` → CLOSED with any verdict, or NEW/FLAGGED → CLOSED as `NOT_CHECKABLE`.
///
/// A verdict on the facts also needs at least one piece of evidence.
pub fn close_review(
    current: ClaimStatus,
    verdict: Verdict,
    evidence_count: u64,
) -> Result<Transition, WorkflowError> {
    let transition = move_to(
        Action::CloseReview,
        current,
        ClaimStatus::Closed,
        &[
            ClaimStatus::New,
            ClaimStatus::Flagged,
            ClaimStatus::InReview,
        ],
    )?;
    if current != ClaimStatus::InReview && verdict != Verdict::NotCheckable {
        return Err(WorkflowError::ReviewRequired { current, verdict });
    }
    if verdict.requires_evidence() && evidence_count == 0 {
        return Err(WorkflowError::EvidenceRequired { verdict });
    }
    Ok(transition)
}

/// CLOSED → `IN_REVIEW`.
pub fn reopen_review(current: ClaimStatus) -> Result<Transition, WorkflowError> {
    move_to(
        Action::ReopenReview,
        current,
        ClaimStatus::InReview,
        &[ClaimStatus::Closed],
    )
}

/// Assigning keeps the status; it is allowed until the review is closed.
pub fn assign(current: ClaimStatus) -> Result<(), WorkflowError> {
    refuse_when_closed(Action::Assign, current)
}

/// Evidence keeps the status; it can be attached until the review is closed.
pub fn attach_evidence(current: ClaimStatus) -> Result<(), WorkflowError> {
    refuse_when_closed(Action::AttachEvidence, current)
}

fn refuse_when_closed(action: Action, current: ClaimStatus) -> Result<(), WorkflowError> {
    if current == ClaimStatus::Closed {
        return Err(WorkflowError::InvalidTransition {
            action,
            current,
            allowed: next_statuses(current),
        });
    }
    Ok(())
}

fn move_to(
    action: Action,
    current: ClaimStatus,
    to: ClaimStatus,
    from: &[ClaimStatus],
) -> Result<Transition, WorkflowError> {
    if from.contains(&current) {
        Ok(Transition { from: current, to })
    } else {
        Err(WorkflowError::InvalidTransition {
            action,
            current,
            allowed: next_statuses(current),
        })
    }
}

fn list(statuses: &[ClaimStatus]) -> String {
    let names: Vec<&str> = statuses.iter().map(AsRef::as_ref).collect();
    names.join(" or ")
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;
    use ClaimStatus::{Closed, Flagged, InReview, New};

    fn invalid(result: Result<Transition, WorkflowError>) -> (ClaimStatus, &'static [ClaimStatus]) {
        match result {
            Err(WorkflowError::InvalidTransition {
                current, allowed, ..
            }) => (current, allowed),
            other => panic!("expected an invalid transition, got {other:?}"),
        }
    }

    #[test]
    fn the_happy_path_walks_every_status() {
        assert_eq!(
            flag(New),
            Ok(Transition {
                from: New,
                to: Flagged
            })
        );
        assert_eq!(
            start_review(Flagged),
            Ok(Transition {
                from: Flagged,
                to: InReview
            })
        );
        assert_eq!(
            close_review(InReview, Verdict::Misleading, 1),
            Ok(Transition {
                from: InReview,
                to: Closed
            })
        );
        assert_eq!(
            reopen_review(Closed),
            Ok(Transition {
                from: Closed,
                to: InReview
            })
        );
    }

    #[test]
    fn every_other_status_change_is_refused_and_names_the_way_forward() {
        for status in ClaimStatus::iter().filter(|s| *s != New) {
            assert_eq!(invalid(flag(status)), (status, next_statuses(status)));
        }
        for status in ClaimStatus::iter().filter(|s| *s != Flagged) {
            assert_eq!(
                invalid(start_review(status)),
                (status, next_statuses(status))
            );
        }
        for status in ClaimStatus::iter().filter(|s| *s != Closed) {
            assert_eq!(
                invalid(reopen_review(status)),
                (status, next_statuses(status))
            );
        }
        assert_eq!(
            invalid(close_review(Closed, Verdict::True, 3)),
            (Closed, &[InReview][..])
        );
    }

    #[test]
    fn the_message_lists_the_allowed_statuses() {
        let error = start_review(New).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot START_REVIEW a claim that is NEW; from NEW a claim can move to FLAGGED or CLOSED"
        );
    }

    #[test]
    fn unreviewed_claims_can_only_be_dismissed_as_not_checkable() {
        for status in [New, Flagged] {
            assert_eq!(
                close_review(status, Verdict::NotCheckable, 0),
                Ok(Transition {
                    from: status,
                    to: Closed
                })
            );
            assert_eq!(
                close_review(status, Verdict::False, 2),
                Err(WorkflowError::ReviewRequired {
                    current: status,
                    verdict: Verdict::False
                })
            );
        }
    }

    #[test]
    fn a_finding_on_the_facts_needs_evidence() {
        for verdict in Verdict::iter() {
            let result = close_review(InReview, verdict, 0);
            if verdict.requires_evidence() {
                assert_eq!(result, Err(WorkflowError::EvidenceRequired { verdict }));
            } else {
                assert!(result.is_ok(), "{verdict} should close without evidence");
            }
        }
    }

    #[test]
    fn the_available_actions_follow_the_status_and_the_role() {
        use Action::{
            AddNote, Assign, AttachEvidence, CloseReview, Flag, ReopenReview, StartReview,
        };
        assert_eq!(
            available_actions(New, Role::Editor),
            [Flag, Assign, AttachEvidence, AddNote, CloseReview]
        );
        assert_eq!(
            available_actions(Flagged, Role::Reviewer),
            [Assign, StartReview, AttachEvidence, AddNote]
        );
        assert_eq!(
            available_actions(InReview, Role::Admin),
            [Assign, AttachEvidence, AddNote, CloseReview]
        );
        assert_eq!(
            available_actions(Closed, Role::Editor),
            [AddNote, ReopenReview]
        );
        assert_eq!(available_actions(Closed, Role::Reviewer), [AddNote]);
        for status in ClaimStatus::iter() {
            assert!(available_actions(status, Role::Ingest).is_empty());
            assert!(available_actions(status, Role::Viewer).is_empty());
        }
    }

    #[test]
    fn an_available_status_change_leads_to_a_next_status() {
        for status in ClaimStatus::iter() {
            let targets: Vec<ClaimStatus> = [
                flag(status),
                start_review(status),
                close_review(status, Verdict::NotCheckable, 0),
                reopen_review(status),
            ]
            .into_iter()
            .filter_map(Result::ok)
            .map(|transition| transition.to)
            .collect();
            assert_eq!(targets, next_statuses(status), "{status}");
        }
    }

    #[test]
    fn evidence_and_assignment_stop_at_closing() {
        for status in [New, Flagged, InReview] {
            assert_eq!(attach_evidence(status), Ok(()));
            assert_eq!(assign(status), Ok(()));
        }
        assert!(matches!(
            attach_evidence(Closed),
            Err(WorkflowError::InvalidTransition {
                action: Action::AttachEvidence,
                ..
            })
        ));
        assert!(assign(Closed).is_err());
    }
}
