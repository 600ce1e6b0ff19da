//! Matches between claims: `confirmMatch`, `rejectMatch` and `applyMatchedVerdict`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::{Role, records};
use claimdesk_store::{ApplyMatchedVerdict, ClaimMatch as StoreClaimMatch, StoreError};

use super::{claim_ref, review::ClaimPayload};
use crate::{
    error::api_error,
    guard::RoleGuard,
    id::NodeType,
    object::{Claim, ClaimMatch},
    state::ContextExt,
};

/// A link between two claims to judge.
#[derive(InputObject)]
pub struct MatchInput {
    /// The claim the judgement is recorded on.
    claim_id: ID,
    /// The other claim.
    matched_claim_id: ID,
}

/// Close a claim with the verdict of a claim it matches.
#[derive(InputObject)]
pub struct ApplyMatchedVerdictInput {
    /// The claim to close.
    claim_id: ID,
    /// The CLOSED claim whose verdict and summary it takes: a CONFIRMED match of the claim.
    from_claim_id: ID,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// The claim and the link after a judgement.
#[derive(SimpleObject)]
pub struct MatchPayload {
    /// The claim the judgement was recorded on, as it now is.
    claim: Claim,
    /// The link, seen from the claim.
    #[graphql(name = "match")]
    link: ClaimMatch,
}

impl MatchPayload {
    /// The payload of a judgement the store recorded, or its refusal as the API's error.
    fn judged(judged: Result<(records::Claim, StoreClaimMatch), StoreError>) -> Result<Self> {
        judged
            .map(|(claim, link)| Self {
                claim: Claim(claim),
                link: ClaimMatch(link),
            })
            .map_err(api_error)
    }
}

#[derive(Default)]
pub struct MatchMutations;

#[Object]
impl MatchMutations {
    /// Confirms that the two claims state the same thing (both directions of the link become
    /// CONFIRMED), with a `MATCH_CONFIRMED` event on the claim. A pair the matcher never
    /// proposed can be confirmed too.
    #[graphql(guard = "RoleGuard(Role::Reviewer)")]
    async fn confirm_match(&self, ctx: &Context<'_>, input: MatchInput) -> Result<MatchPayload> {
        let (claim_id, matched_claim_id) = ids(&input)?;
        let actor = ctx.actor()?;
        MatchPayload::judged(
            ctx.store()
                .confirm_match(actor.id, claim_id, matched_claim_id)
                .await,
        )
    }

    /// Records that the two claims state different things (both directions of the link
    /// become REJECTED, and the matcher never proposes it again), with a `MATCH_REJECTED`
    /// event on the claim.
    #[graphql(guard = "RoleGuard(Role::Reviewer)")]
    async fn reject_match(&self, ctx: &Context<'_>, input: MatchInput) -> Result<MatchPayload> {
        let (claim_id, matched_claim_id) = ids(&input)?;
        let actor = ctx.actor()?;
        MatchPayload::judged(
            ctx.store()
                .reject_match(actor.id, claim_id, matched_claim_id)
                .await,
        )
    }

    /// Closes the claim with the verdict and summary of `fromClaimId`, a CONFIRMED match
    /// that is CLOSED, under the rules of `closeReview` (`IN_REVIEW` → CLOSED; the version
    /// check). The matched claim's review (its ClaimReview URL) is attached as evidence, and
    /// the CLOSED event names it (`detail.fromClaimId`, `detail.basedOn`), as the claim's
    /// ClaimReview does (`isBasedOn`). One transaction.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn apply_matched_verdict(
        &self,
        ctx: &Context<'_>,
        input: ApplyMatchedVerdictInput,
    ) -> Result<ClaimPayload> {
        let actor = ctx.actor()?;
        let apply = ApplyMatchedVerdict {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            from_claim_id: NodeType::Claim
                .row_id("fromClaimId", &input.from_claim_id)
                .map_err(api_error)?,
        };
        ClaimPayload::changed(
            ctx.store()
                .apply_matched_verdict(actor.id, apply, ctx.publisher())
                .await,
        )
    }
}

fn ids(input: &MatchInput) -> Result<(i64, i64)> {
    let claim_id = NodeType::Claim
        .row_id("claimId", &input.claim_id)
        .map_err(api_error)?;
    let matched_claim_id = NodeType::Claim
        .row_id("matchedClaimId", &input.matched_claim_id)
        .map_err(api_error)?;
    Ok((claim_id, matched_claim_id))
}
