//! Articles by ID.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Article;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads Articles by ID, in batches.
pub(crate) struct ArticleLoader(pub Store);

impl Loader<i64> for ArticleLoader {
    type Value = Article;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Article>, async_graphql::Error> {
        self.0.articles_by_id(ids).await.map_err(api_error)
    }
}
