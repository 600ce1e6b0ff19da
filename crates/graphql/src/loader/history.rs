//! The history of claims, by claim ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::ClaimEvent;
use claimdesk_store::Store;

use super::{Shared, for_every_key};
use crate::error::api_error;

/// Loads the history of claims, oldest first, in batches.
pub(crate) struct HistoryLoader(pub Store);

impl Loader<i64> for HistoryLoader {
    type Value = Shared<ClaimEvent>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Shared<ClaimEvent>>, async_graphql::Error> {
        let found = self
            .0
            .history_by_claim(claim_ids)
            .await
            .map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}
