//! The history of claims, whole or its last events, by claim ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::ClaimEvent;
use claimdesk_store::Store;

use super::shared::{Shared, for_every_key};
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

/// Loads the last events of claims, oldest first, in batches: a key is a claim's ID and how
/// many of its last events to read, so that `history(last: 3)` reads three events per claim
/// instead of all of them.
pub(crate) struct RecentHistoryLoader(pub Store);

impl Loader<(i64, u64)> for RecentHistoryLoader {
    type Value = Shared<ClaimEvent>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(i64, u64)],
    ) -> Result<HashMap<(i64, u64), Shared<ClaimEvent>>, async_graphql::Error> {
        let mut by_last: HashMap<u64, Vec<i64>> = HashMap::new();
        for &(claim_id, last) in keys {
            by_last.entry(last).or_default().push(claim_id);
        }
        let mut loaded = HashMap::with_capacity(keys.len());
        for (last, claim_ids) in by_last {
            let found = self
                .0
                .recent_history_by_claim(&claim_ids, last)
                .await
                .map_err(api_error)?;
            let found = for_every_key(&claim_ids, found, Arc::new);
            loaded.extend(
                found
                    .into_iter()
                    .map(|(claim_id, events)| ((claim_id, last), events)),
            );
        }
        Ok(loaded)
    }
}
