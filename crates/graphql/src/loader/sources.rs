//! Sources by ID.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Source;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads Sources by ID, in batches.
pub(crate) struct SourceLoader(pub Store);

impl Loader<i64> for SourceLoader {
    type Value = Source;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Source>, async_graphql::Error> {
        self.0.sources_by_id(ids).await.map_err(api_error)
    }
}
