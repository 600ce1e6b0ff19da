//! The evidence of claims, by claim ID.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Evidence;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads the evidence of claims, oldest first, in batches.
pub(crate) struct EvidenceLoader(pub Store);

impl Loader<i64> for EvidenceLoader {
    type Value = Vec<Evidence>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<Evidence>>, async_graphql::Error> {
        self.0.evidence_by_claim(claim_ids).await.map_err(api_error)
    }
}
