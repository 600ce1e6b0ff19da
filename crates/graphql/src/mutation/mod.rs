//! The root `Mutation`: one object per domain, merged.
//!
//! Every mutation takes a single `input` and returns a payload. Expected refusals (an invalid
//! transition, a stale version, bad input) are errors with a stable `extensions.code`.

mod approval;
mod articles;
mod claims;
mod evidence;
mod ingest;
mod matching;
mod notes;
mod review;
mod review_import;
mod sources;
mod tokens;
mod users;
mod webhooks;

use async_graphql::{ID, MergedObject};
use claimdesk_store::ClaimRef;

use crate::{ApiError, id::NodeType};

/// Everything a client can change.
#[derive(MergedObject, Default)]
pub struct Mutation(
    articles::ArticleMutations,
    ingest::IngestMutations,
    sources::SourceMutations,
    claims::ClaimMutations,
    review::ReviewMutations,
    approval::ApprovalMutations,
    matching::MatchMutations,
    review_import::ReviewImportMutations,
    evidence::EvidenceMutations,
    notes::NoteMutations,
    users::UserMutations,
    tokens::TokenMutations,
    webhooks::WebhookMutations,
);

/// The claim a mutation is about, from its `claimId` and optional `expectedVersion`.
fn claim_ref(claim_id: &ID, expected_version: Option<i64>) -> Result<ClaimRef, ApiError> {
    Ok(ClaimRef {
        claim_id: NodeType::Claim.row_id("claimId", claim_id)?,
        expected_version,
    })
}
