//! Articles by ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Article;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads Articles by ID, in batches.
pub(crate) struct ArticleLoader(pub Store);

impl Loader<i64> for ArticleLoader {
    type Value = Arc<Article>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Arc<Article>>, async_graphql::Error> {
        let articles = self.0.articles_by_id(ids).await.map_err(api_error)?;
        Ok(articles
            .into_iter()
            .map(|(id, article)| (id, Arc::new(article)))
            .collect())
    }
}
