//! The history of claims, by claim ID, each event with its actor.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_core::records::{ClaimEvent, User};
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads the history of claims, oldest first, in batches.
pub(crate) struct HistoryLoader(pub Store);

impl Loader<i64> for HistoryLoader {
    type Value = Vec<(ClaimEvent, User)>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<(ClaimEvent, User)>>, async_graphql::Error> {
        self.0.history_by_claim(claim_ids).await.map_err(api_error)
    }
}
