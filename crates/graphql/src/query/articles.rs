//! Articles: one by ID, or all as a connection.

use async_graphql::{Context, ID, Object, Result, connection::Connection};

use crate::{
    error::api_error,
    id::NodeType,
    object::{Article, TotalCount},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

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
            .map(|article| Some(Article(article)))
            .map_err(api_error)
    }

    /// All articles, oldest first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Article, TotalCount>> {
        let request = PageArgs {
            after,
            before,
            first,
            last,
        }
        .request()
        .map_err(api_error)?;
        let page = ctx.store().articles(request).await.map_err(api_error)?;
        Ok(connection(
            page,
            |article| article.id,
            Article,
            TotalCount::Articles,
        ))
    }
}
