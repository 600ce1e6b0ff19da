//! The `totalCount` of a connection, counted only when a client selects it.

use async_graphql::{Context, Object, Result};
use claimdesk_store::ClaimFilter;

use crate::{error::api_error, state::ContextExt};

/// What a connection lists, so that its size can be counted on demand.
pub enum TotalCount {
    /// The claims that pass a filter.
    Claims(Box<ClaimFilter>),
    /// All articles.
    Articles,
    /// All sources.
    Sources,
}

#[Object]
impl TotalCount {
    /// How many items the whole list holds, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let store = ctx.store();
        match self {
            Self::Claims(filter) => store.count_claims(filter).await,
            Self::Articles => store.count_articles().await,
            Self::Sources => store.count_sources().await,
        }
        .map_err(api_error)
    }
}
