//! The `totalCount` of a connection, counted only when a client selects it.

use async_graphql::{Context, Object, Result};
use claimdesk_store::{ArticleFilter, ClaimFilter, SourceFilter, UserFilter};

use crate::{error::api_error, state::ContextExt};

/// What a connection lists, so that its size can be counted on demand.
pub enum TotalCount {
    /// The claims that pass a filter.
    Claims(Box<ClaimFilter>),
    /// The articles that pass a filter.
    Articles(ArticleFilter),
    /// The sources that pass a filter.
    Sources(SourceFilter),
    /// The users that pass a filter.
    Users(UserFilter),
}

#[Object]
impl TotalCount {
    /// How many items the whole list holds, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let store = ctx.store();
        match self {
            Self::Claims(filter) => store.count_claims(filter).await,
            Self::Articles(filter) => store.count_articles(filter).await,
            Self::Sources(filter) => store.count_sources(filter).await,
            Self::Users(filter) => store.count_users(filter).await,
        }
        .map_err(api_error)
    }
}
