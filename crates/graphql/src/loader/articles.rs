//! Articles by ID, without their bodies, and the bodies by article ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::Article;
use claimdesk_store::Store;

use crate::error::api_error;

/// Loads articles by ID, in batches, each with its body left empty: the claims of a page
/// show their article's title, and a body can be a megabyte.
pub(crate) struct ArticleLoader(pub Store);

impl Loader<i64> for ArticleLoader {
    type Value = Arc<Article>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Arc<Article>>, async_graphql::Error> {
        let articles = self
            .0
            .articles_without_body_by_id(ids)
            .await
            .map_err(api_error)?;
        Ok(articles
            .into_iter()
            .map(|(id, article)| (id, Arc::new(article)))
            .collect())
    }
}

/// Loads the bodies of articles by article ID, in batches, for the articles that
/// [`ArticleLoader`] read without theirs.
pub(crate) struct ArticleBodyLoader(pub Store);

impl Loader<i64> for ArticleBodyLoader {
    type Value = Arc<str>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Arc<str>>, async_graphql::Error> {
        let bodies = self.0.article_bodies_by_id(ids).await.map_err(api_error)?;
        Ok(bodies
            .into_iter()
            .map(|(id, body)| (id, Arc::from(body)))
            .collect())
    }
}
