//! Articles: one by ID, or a filtered connection.

use async_graphql::{Context, ID, InputObject, Object, Result, connection::Connection};
use chrono::{DateTime, Utc};
use claimdesk_core::validation::{limits, optional_text};
use claimdesk_store::ArticleFilter as StoreArticleFilter;

use crate::{
    ApiError,
    error::api_error,
    id::NodeType,
    object::{Article, TotalCount},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

/// Which articles to list. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct ArticleFilter {
    /// Articles whose headline contains this text, regardless of case.
    title: Option<String>,
    /// Articles from this publisher, regardless of case.
    publisher: Option<String>,
    /// Articles published before this instant.
    published_before: Option<DateTime<Utc>>,
    /// Articles published at or after this instant.
    published_after: Option<DateTime<Utc>>,
}

impl ArticleFilter {
    fn into_store(self) -> Result<StoreArticleFilter, ApiError> {
        optional_text("filter.title", self.title.as_deref(), limits::TITLE)?;
        optional_text("filter.publisher", self.publisher.as_deref(), limits::NAME)?;
        Ok(StoreArticleFilter {
            title: self.title,
            publisher: self.publisher,
            published_before: self.published_before,
            published_after: self.published_after,
        })
    }
}

#[derive(Default)]
pub struct ArticlesQuery;

#[Object]
impl ArticlesQuery {
    /// The article with this ID. An unknown ID is a `NOT_FOUND` error.
    async fn article(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Article>> {
        let id = NodeType::Article.row_id("id", &id).map_err(api_error)?;
        ctx.store()
            .article(id)
            .await
            .map(|article| Some(Article::from(article)))
            .map_err(api_error)
    }

    /// The articles that pass `filter`, oldest first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        filter: Option<ArticleFilter>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Article, TotalCount>> {
        let request = PageArgs::new(after, before, first, last).checked(ctx)?;
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let page = ctx
            .store()
            .articles(&filter, request)
            .await
            .map_err(api_error)?;
        Ok(connection(
            page,
            |article| article.id,
            Article::from,
            TotalCount::Articles(filter),
        ))
    }
}
