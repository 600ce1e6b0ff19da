//! The second editor's part under the approval policy: `approveVerdict` and `rejectVerdict`.

use async_graphql::{Context, ID, InputObject, Object, Result};
use claimdesk_core::workflow::Action;
use claimdesk_store::RejectVerdict;

use super::{claim_ref, review::ClaimPayload};
use crate::{error::api_error, guard::ActionGuard, state::ContextExt};

/// Approve a verdict awaiting approval.
#[derive(InputObject)]
pub struct ApproveVerdictInput {
    /// The claim.
    claim_id: ID,
    /// The version of the claim whose verdict you read: the approval applies only if the
    /// claim is still at it, so that nobody approves a verdict they have not seen.
    expected_version: i64,
}

/// Send a verdict awaiting approval back to review.
#[derive(InputObject)]
pub struct RejectVerdictInput {
    /// The claim.
    claim_id: ID,
    /// What the verdict needs before it can be published; recorded in the claim's history
    /// and its verdict version. Must not be blank.
    reason: String,
    /// The version of the claim whose verdict you read: the rejection applies only if the
    /// claim is still at it.
    expected_version: i64,
}

#[derive(Default)]
pub struct ApprovalMutations;

#[Object]
impl ApprovalMutations {
    /// `AWAITING_APPROVAL` → CLOSED: publishes the verdict. The approver must be an editor or
    /// admin other than the one who closed the review; the closer is refused with FORBIDDEN
    /// (`extensions.reason: SELF_APPROVAL`) whatever their role. Of two approvers at once,
    /// exactly one succeeds; the other gets `CONFLICT` or `INVALID_TRANSITION`.
    #[graphql(guard = "ActionGuard(Action::ApproveVerdict)")]
    async fn approve_verdict(
        &self,
        ctx: &Context<'_>,
        input: ApproveVerdictInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let target = claim_ref(&input.claim_id, Some(input.expected_version)).map_err(api_error)?;
        ClaimPayload::changed(ctx.store().approve_verdict(actor.id, target).await)
    }

    /// `AWAITING_APPROVAL` → `IN_REVIEW`, with the reason; nothing is published. The editor
    /// who closed the review may withdraw their verdict this way too.
    #[graphql(guard = "ActionGuard(Action::RejectVerdict)")]
    async fn reject_verdict(
        &self,
        ctx: &Context<'_>,
        input: RejectVerdictInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let input = RejectVerdict {
            target: claim_ref(&input.claim_id, Some(input.expected_version)).map_err(api_error)?,
            reason: input.reason,
        };
        ClaimPayload::changed(ctx.store().reject_verdict(actor.id, input).await)
    }
}
