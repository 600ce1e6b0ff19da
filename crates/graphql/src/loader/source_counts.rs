//! The claim counts of sources, by source ID.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_store::{SourceClaimCounts, Store};

use super::shared::for_every_key;
use crate::error::api_error;

/// Loads how many claims sources have, in all and by verdict, in batches.
pub(crate) struct SourceCountsLoader(pub Store);

impl Loader<i64> for SourceCountsLoader {
    type Value = SourceClaimCounts;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, SourceClaimCounts>, async_graphql::Error> {
        let found = self
            .0
            .claim_counts_by_source(ids)
            .await
            .map_err(api_error)?;
        Ok(for_every_key(ids, found, std::convert::identity))
    }
}
