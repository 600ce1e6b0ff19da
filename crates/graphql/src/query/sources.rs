//! Sources: one by ID, or a filtered connection.

use async_graphql::{Context, ID, InputObject, Object, Result, connection::Connection};
use claimdesk_core::validation::{limits, optional_text};
use claimdesk_store::SourceFilter as StoreSourceFilter;

use crate::{
    ApiError,
    enums::{SourceKind, domain_values},
    error::api_error,
    id::NodeType,
    object::{Source, TotalCount},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

/// Which sources to list. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct SourceFilter {
    /// Sources of any of these kinds.
    kind: Option<Vec<SourceKind>>,
    /// Sources whose name contains this text, regardless of case.
    name: Option<String>,
}

impl SourceFilter {
    fn into_store(self) -> Result<StoreSourceFilter, ApiError> {
        optional_text("filter.name", self.name.as_deref(), limits::NAME)?;
        Ok(StoreSourceFilter {
            kinds: domain_values(self.kind),
            name: self.name,
        })
    }
}

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

    /// The sources that pass `filter`, oldest first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        filter: Option<SourceFilter>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Source, TotalCount>> {
        let request = PageArgs::new(after, before, first, last).checked(ctx)?;
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let page = ctx
            .store()
            .sources(&filter, request)
            .await
            .map_err(api_error)?;
        Ok(connection(
            page,
            |source| source.id,
            Source,
            TotalCount::Sources(filter),
        ))
    }
}
