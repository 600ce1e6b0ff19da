//! Users by ID.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_core::records::User;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads Users by ID, in batches.
pub(crate) struct UserLoader(pub Store);

impl Loader<i64> for UserLoader {
    type Value = User;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, User>, async_graphql::Error> {
        self.0.users_by_id(ids).await.map_err(api_error)
    }
}
