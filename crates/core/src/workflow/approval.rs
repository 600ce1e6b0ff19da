//! The publication policy and the second editor's part: approving or rejecting a verdict that
//! awaits approval, the four-eyes rule, and the correction a published verdict needs before it
//! is replaced.
//!
//! ```text
//! IN_REVIEW ──close──▶ AWAITING_APPROVAL ──approve (another editor)──▶ CLOSED (published)
//!     ▲                        │
//!     └────────reject──────────┘
//! ```

use super::{Action, Transition, WorkflowError, available_actions, move_to};
use crate::{ClaimStatus, Role};

/// When a closed review's verdict is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PublicationPolicy {
    /// At once, when the review is closed (the default).
    #[default]
    Immediate,
    /// Only once an editor other than the one who closed the review approves it; closing
    /// leads to `AWAITING_APPROVAL` (`--require-approval`).
    RequireApproval,
}

/// `AWAITING_APPROVAL` → CLOSED, which publishes the verdict. The approver must not be the
/// editor who closed the review (`closed_by`), whatever their role.
pub fn approve_verdict(
    current: ClaimStatus,
    approver_id: i64,
    closed_by: Option<i64>,
) -> Result<Transition, WorkflowError> {
    let transition = move_to(
        Action::ApproveVerdict,
        current,
        ClaimStatus::Closed,
        &[ClaimStatus::AwaitingApproval],
    )?;
    if closed_by == Some(approver_id) {
        return Err(WorkflowError::SelfApproval);
    }
    Ok(transition)
}

/// `AWAITING_APPROVAL` → `IN_REVIEW`: the verdict goes back to review, unpublished. The editor
/// who closed the review may withdraw it this way too.
pub fn reject_verdict(current: ClaimStatus) -> Result<Transition, WorkflowError> {
    move_to(
        Action::RejectVerdict,
        current,
        ClaimStatus::InReview,
        &[ClaimStatus::AwaitingApproval],
    )
}

/// Closing a claim whose verdict was ever published replaces a public verdict, so it needs a
/// correction (what changed and why); a claim never published has nothing to correct.
pub fn require_correction(published: bool, has_correction: bool) -> Result<(), WorkflowError> {
    match (published, has_correction) {
        (true, false) => Err(WorkflowError::CorrectionRequired),
        (false, true) => Err(WorkflowError::NothingToCorrect),
        _ => Ok(()),
    }
}

/// The actions to offer a user with `role` on a claim in `status`: [`available_actions`],
/// without approving a verdict that the user closed themselves (`closed_it`).
pub fn offered_actions(status: ClaimStatus, role: Role, closed_it: bool) -> Vec<Action> {
    available_actions(status, role)
        .into_iter()
        .filter(|action| !(closed_it && *action == Action::ApproveVerdict))
        .collect()
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;
    use crate::{
        Verdict,
        workflow::{
            assign, attach_evidence, close_review, flag, next_statuses_under, reopen_review,
            start_review,
        },
    };
    use ClaimStatus::{AwaitingApproval, Closed, Flagged, InReview, New};
    use PublicationPolicy::{Immediate, RequireApproval};

    const CLOSER: i64 = 1;
    const SECOND: i64 = 2;

    #[test]
    fn without_the_policy_closing_publishes_at_once() {
        for (status, verdict) in [
            (InReview, Verdict::Misleading),
            (New, Verdict::NotCheckable),
            (Flagged, Verdict::NotCheckable),
        ] {
            let to = close_review(status, verdict, 1, Immediate).map(|t| t.to);
            assert_eq!(to, Ok(Closed));
        }
    }

    #[test]
    fn with_the_policy_every_close_awaits_approval() {
        for (status, verdict) in [
            (InReview, Verdict::Misleading),
            (New, Verdict::NotCheckable),
            (Flagged, Verdict::NotCheckable),
        ] {
            assert_eq!(
                close_review(status, verdict, 1, RequireApproval),
                Ok(Transition {
                    from: status,
                    to: AwaitingApproval
                })
            );
        }
        assert_eq!(
            close_review(InReview, Verdict::False, 0, RequireApproval),
            Err(WorkflowError::EvidenceRequired {
                verdict: Verdict::False
            })
        );
    }

    #[test]
    fn the_policy_names_awaiting_approval_as_the_way_forward() {
        let error = close_review(Closed, Verdict::True, 1, RequireApproval).unwrap_err();
        assert_eq!(
            error,
            WorkflowError::InvalidTransition {
                action: Action::CloseReview,
                current: Closed,
                allowed: &[InReview],
            }
        );
        let error = start_review(InReview).unwrap_err().under(RequireApproval);
        assert_eq!(
            error.to_string(),
            "cannot START_REVIEW a claim that is IN_REVIEW; from IN_REVIEW a claim can move to AWAITING_APPROVAL"
        );
        assert_eq!(
            next_statuses_under(New, RequireApproval),
            [Flagged, AwaitingApproval]
        );
        assert_eq!(
            next_statuses_under(AwaitingApproval, Immediate),
            [Closed, InReview]
        );
    }

    #[test]
    fn a_second_editor_approves_and_publishes() {
        assert_eq!(
            approve_verdict(AwaitingApproval, SECOND, Some(CLOSER)),
            Ok(Transition {
                from: AwaitingApproval,
                to: Closed
            })
        );
    }

    #[test]
    fn the_closer_cannot_approve_their_own_verdict() {
        assert_eq!(
            approve_verdict(AwaitingApproval, CLOSER, Some(CLOSER)),
            Err(WorkflowError::SelfApproval)
        );
        assert!(
            WorkflowError::SelfApproval
                .to_string()
                .contains("another EDITOR or ADMIN")
        );
    }

    #[test]
    fn rejecting_sends_the_verdict_back_to_review() {
        assert_eq!(
            reject_verdict(AwaitingApproval),
            Ok(Transition {
                from: AwaitingApproval,
                to: InReview
            })
        );
    }

    #[test]
    fn only_a_verdict_awaiting_approval_is_approved_or_rejected() {
        for status in ClaimStatus::iter().filter(|s| *s != AwaitingApproval) {
            assert!(matches!(
                approve_verdict(status, SECOND, Some(CLOSER)),
                Err(WorkflowError::InvalidTransition { .. })
            ));
            assert!(matches!(
                reject_verdict(status),
                Err(WorkflowError::InvalidTransition { .. })
            ));
        }
    }

    #[test]
    fn of_two_racing_approvers_only_the_first_finds_a_claim_to_approve() {
        // Each approver is checked against the status they read; the store re-reads it under
        // the version check, so the second sees CLOSED.
        let first = approve_verdict(AwaitingApproval, SECOND, Some(CLOSER)).unwrap();
        let second = approve_verdict(first.to, 3, Some(CLOSER));
        assert!(matches!(
            second,
            Err(WorkflowError::InvalidTransition {
                action: Action::ApproveVerdict,
                current: Closed,
                ..
            })
        ));
    }

    #[test]
    fn awaiting_approval_allows_notes_and_assignment_but_not_evidence() {
        assert!(Action::AddNote.allowed_in(AwaitingApproval));
        assert_eq!(assign(AwaitingApproval), Ok(()));
        assert!(matches!(
            attach_evidence(AwaitingApproval),
            Err(WorkflowError::InvalidTransition {
                action: Action::AttachEvidence,
                ..
            })
        ));
        assert!(flag(AwaitingApproval).is_err());
        assert!(start_review(AwaitingApproval).is_err());
        assert!(reopen_review(AwaitingApproval).is_err());
        assert!(close_review(AwaitingApproval, Verdict::True, 1, RequireApproval).is_err());
    }

    #[test]
    fn a_published_verdict_is_replaced_only_with_a_correction() {
        assert_eq!(
            require_correction(true, false),
            Err(WorkflowError::CorrectionRequired)
        );
        assert_eq!(require_correction(true, true), Ok(()));
        assert_eq!(require_correction(false, false), Ok(()));
        assert_eq!(
            require_correction(false, true),
            Err(WorkflowError::NothingToCorrect)
        );
    }

    #[test]
    fn editors_are_offered_approval_of_verdicts_they_did_not_close() {
        use Action::{AddNote, ApproveVerdict, Assign, RejectVerdict};
        assert_eq!(
            offered_actions(AwaitingApproval, Role::Editor, false),
            [Assign, AddNote, ApproveVerdict, RejectVerdict]
        );
        assert_eq!(
            offered_actions(AwaitingApproval, Role::Admin, true),
            [Assign, AddNote, RejectVerdict]
        );
        assert_eq!(
            offered_actions(AwaitingApproval, Role::Reviewer, false),
            [Assign, AddNote]
        );
        assert_eq!(
            offered_actions(InReview, Role::Editor, true),
            available_actions(InReview, Role::Editor)
        );
    }
}
