//! The review workflow: `flagClaim`, `assignClaim`, `startReview`, `closeReview` and
//! `reopenReview`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::workflow::Action;
use claimdesk_store::{AssignClaim, CloseReview, FlagClaim, ReopenReview};

use super::claim_ref;
use crate::{
    enums::{Priority, Verdict},
    error::api_error,
    guard::{ActionGuard, AssignGuard},
    id::NodeType,
    object::Claim,
    state::ContextExt,
};

/// Flag a NEW claim as worth checking.
#[derive(InputObject)]
pub struct FlagClaimInput {
    /// The claim.
    claim_id: ID,
    /// Why it is worth checking.
    reason: String,
    /// How urgently; the claim keeps its priority when left out.
    priority: Option<Priority>,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// Give a claim to a reviewer.
#[derive(InputObject)]
pub struct AssignClaimInput {
    /// The claim.
    claim_id: ID,
    /// The reviewer.
    assignee_id: ID,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// Start the review of a FLAGGED claim.
#[derive(InputObject)]
pub struct StartReviewInput {
    /// The claim.
    claim_id: ID,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// Close a review with a verdict.
#[derive(InputObject)]
pub struct CloseReviewInput {
    /// The claim.
    claim_id: ID,
    /// The outcome. A NEW or FLAGGED claim can only be closed as `NOT_CHECKABLE`; every verdict
    /// but UNPROVEN and `NOT_CHECKABLE` needs at least one piece of evidence.
    verdict: Verdict,
    /// The reasoning behind the verdict; must not be blank.
    summary: String,
    /// What changed and why: required when the claim's verdict was published before (it is
    /// published with the new verdict as a correction), refused when it never was.
    correction: Option<String>,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// Reopen a closed review.
#[derive(InputObject)]
pub struct ReopenReviewInput {
    /// The claim.
    claim_id: ID,
    /// Why the verdict needs another look.
    reason: String,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// The claim after a workflow change.
#[derive(SimpleObject)]
pub struct ClaimPayload {
    /// The claim as it now is.
    pub(super) claim: Claim,
}

impl ClaimPayload {
    /// The payload of `claim`.
    pub(crate) fn new(claim: Claim) -> Self {
        Self { claim }
    }
}

#[derive(Default)]
pub struct ReviewMutations;

#[Object]
impl ReviewMutations {
    /// NEW → FLAGGED, with a reason and a priority.
    #[graphql(guard = "ActionGuard(Action::Flag)")]
    async fn flag_claim(&self, ctx: &Context<'_>, input: FlagClaimInput) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let input = FlagClaim {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            reason: input.reason,
            priority: input.priority.map(Into::into),
        };
        let claim = ctx
            .store()
            .flag_claim(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(ClaimPayload {
            claim: Claim(claim),
        })
    }

    /// Gives the claim to a reviewer. Allowed until the review is closed.
    #[graphql(guard = "AssignGuard::new(&input.assignee_id)")]
    async fn assign_claim(
        &self,
        ctx: &Context<'_>,
        input: AssignClaimInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let input = AssignClaim {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            assignee_id: NodeType::User
                .row_id("assigneeId", &input.assignee_id)
                .map_err(api_error)?,
        };
        let claim = ctx
            .store()
            .assign_claim(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(ClaimPayload {
            claim: Claim(claim),
        })
    }

    /// FLAGGED → `IN_REVIEW`.
    #[graphql(guard = "ActionGuard(Action::StartReview)")]
    async fn start_review(
        &self,
        ctx: &Context<'_>,
        input: StartReviewInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let target = claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?;
        let claim = ctx
            .store()
            .start_review(actor.id, target)
            .await
            .map_err(api_error)?;
        Ok(ClaimPayload {
            claim: Claim(claim),
        })
    }

    /// Closes the review with a verdict and a summary: `IN_REVIEW` → CLOSED, or NEW/FLAGGED →
    /// CLOSED as `NOT_CHECKABLE`. Under the approval policy the claim goes to
    /// `AWAITING_APPROVAL` instead, and nothing is published until another editor approves.
    /// Closing a claim whose verdict was published needs a `correction`.
    #[graphql(guard = "ActionGuard(Action::CloseReview)")]
    async fn close_review(
        &self,
        ctx: &Context<'_>,
        input: CloseReviewInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let input = CloseReview {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            verdict: input.verdict.into(),
            summary: input.summary,
            correction: input.correction,
        };
        let claim = ctx
            .store()
            .close_review(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(ClaimPayload {
            claim: Claim(claim),
        })
    }

    /// CLOSED → `IN_REVIEW`. The claim's verdict is cleared; its `verdicts` and history keep
    /// it, and closing it again needs a correction.
    #[graphql(guard = "ActionGuard(Action::ReopenReview)")]
    async fn reopen_review(
        &self,
        ctx: &Context<'_>,
        input: ReopenReviewInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let input = ReopenReview {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            reason: input.reason,
        };
        let claim = ctx
            .store()
            .reopen_review(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(ClaimPayload {
            claim: Claim(claim),
        })
    }
}
