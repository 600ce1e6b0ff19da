//! Sources: one by ID, or all as a connection.

use async_graphql::{Context, ID, Object, Result, connection::Connection};

use crate::{
    error::api_error,
    id::NodeType,
    object::{Source, TotalCount},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

#[derive(Default)]
pub struct SourcesQuery;

#[Object]
impl SourcesQuery {
    /// The source with this ID. An unknown ID is a `NOT_FOUND` error.
    async fn source(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Source>> {
        let id = NodeType::Source.row_id("id", &id).map_err(api_error)?;
        ctx.store()
            .source(id)
            .await
            .map(|source| Some(Source(source)))
            .map_err(api_error)
    }

    /// All sources, oldest first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Source, TotalCount>> {
        let request = PageArgs {
            after,
            before,
            first,
            last,
        }
        .request()
        .map_err(api_error)?;
        let page = ctx.store().sources(request).await.map_err(api_error)?;
        Ok(connection(
            page,
            |source| source.id,
            Source,
            TotalCount::Sources,
        ))
    }
}
