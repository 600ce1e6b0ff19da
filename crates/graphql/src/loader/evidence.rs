//! The evidence of claims, by claim ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Evidence;
use claimdesk_store::Store;

use super::shared::{Shared, for_every_key};
use crate::error::api_error;

/// Loads the evidence of claims, oldest first, in batches.
pub(crate) struct EvidenceLoader(pub Store);

impl Loader<i64> for EvidenceLoader {
    type Value = Shared<Evidence>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Shared<Evidence>>, async_graphql::Error> {
        let found = self
            .0
            .evidence_by_claim(claim_ids)
            .await
            .map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}
