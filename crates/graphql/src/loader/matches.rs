//! The stored matches of claims, by claim ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_store::{ClaimMatch, Store};

use super::shared::{Shared, for_every_key};
use crate::error::api_error;

/// Loads the stored matches of claims, best first, in batches.
pub(crate) struct MatchLoader(pub Store);

impl Loader<i64> for MatchLoader {
    type Value = Shared<ClaimMatch>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Shared<ClaimMatch>>, async_graphql::Error> {
        let found = self
            .0
            .matches_by_claim(claim_ids)
            .await
            .map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}
