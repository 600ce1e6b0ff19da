//! `attachEvidence`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use claimdesk_core::workflow::Action;
use claimdesk_store::NewEvidence;

use super::claim_ref;
use crate::{
    enums::EvidenceStance,
    error::api_error,
    guard::ActionGuard,
    object::{Claim, Evidence},
    state::ContextExt,
};

/// A piece of evidence to attach to a claim that is not closed.
#[derive(InputObject)]
pub struct AttachEvidenceInput {
    /// The claim.
    claim_id: ID,
    /// Where the evidence can be read: an absolute http or https URL, once per claim.
    url: String,
    /// Its title.
    title: String,
    /// Who published it.
    publisher: Option<String>,
    /// The passage that matters.
    excerpt: Option<String>,
    /// What it does for the claim.
    stance: EvidenceStance,
    /// When it was published.
    published_at: Option<DateTime<Utc>>,
    /// Apply only if the claim is still at this version.
    expected_version: Option<i64>,
}

/// The result of `attachEvidence`.
#[derive(SimpleObject)]
pub struct AttachEvidencePayload {
    /// The claim as it now is.
    claim: Claim,
    /// The evidence attached.
    evidence: Evidence,
}

#[derive(Default)]
pub struct EvidenceMutations;

#[Object]
impl EvidenceMutations {
    /// Attaches evidence to a claim that is not closed.
    #[graphql(guard = "ActionGuard(Action::AttachEvidence)")]
    async fn attach_evidence(
        &self,
        ctx: &Context<'_>,
        input: AttachEvidenceInput,
    ) -> Result<AttachEvidencePayload> {
        let actor = ctx.actor()?;
        let input = NewEvidence {
            target: claim_ref(&input.claim_id, input.expected_version).map_err(api_error)?,
            url: input.url,
            title: input.title,
            publisher: input.publisher,
            excerpt: input.excerpt,
            stance: input.stance.into(),
            published_at: input.published_at,
        };
        let (claim, evidence) = ctx
            .store()
            .attach_evidence(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(AttachEvidencePayload {
            claim: Claim(claim),
            evidence: Evidence(evidence),
        })
    }
}
