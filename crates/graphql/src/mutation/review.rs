//! The review workflow: `flagClaim`, `assignClaim`, `startReview`, `closeReview` and
//! `reopenReview`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::{records, workflow::Action};
use claimdesk_store::{AssignClaim, CloseReview, FlagClaim, ReopenReview, StoreError};

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
    /// The payload of a change the store made to a claim, or its refusal as the API's error.
    pub(crate) fn changed(claim: Result<records::Claim, StoreError>) -> Result<Self> {
        claim
            .map(|claim| Self {
                claim: Claim(claim),
            })
            .map_err(api_error)
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
        ClaimPayload::changed(ctx.store().flag_claim(actor.id, input).await)
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
        ClaimPayload::changed(ctx.store().assign_claim(actor.id, input).await)
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
        ClaimPayload::changed(ctx.store().start_review(actor.id, target).await)
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
        ClaimPayload::changed(ctx.store().close_review(actor.id, input).await)
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
        ClaimPayload::changed(ctx.store().reopen_review(actor.id, input).await)
    }
}
