//! Claims: one by ID, or a filtered connection.

use async_graphql::{Context, ID, InputObject, Object, Result, connection::Connection};
use claimdesk_core::validation::{limits, optional_text};
use claimdesk_store::ClaimFilter as StoreClaimFilter;

use crate::{
    ApiError,
    enums::ClaimStatus,
    error::api_error,
    id::NodeType,
    object::{Claim, TotalCount},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

/// Which claims to list. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct ClaimFilter {
    /// Claims in any of these statuses.
    status: Option<Vec<ClaimStatus>>,
    /// Claims taken from this article.
    article_id: Option<ID>,
    /// Claims attributed to this source.
    source_id: Option<ID>,
    /// Claims attributed to a source whose name contains this text, regardless of case.
    source_name: Option<String>,
    /// Claims whose quote a revision of the article removed (true), or the others (false).
    anchor_lost: Option<bool>,
}

impl ClaimFilter {
    fn into_store(self) -> Result<StoreClaimFilter, ApiError> {
        optional_text(
            "filter.sourceName",
            self.source_name.as_deref(),
            limits::NAME,
        )?;
        Ok(StoreClaimFilter {
            statuses: self
                .status
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            article_id: self
                .article_id
                .map(|id| NodeType::Article.row_id("filter.articleId", &id))
                .transpose()?,
            source_id: self
                .source_id
                .map(|id| NodeType::Source.row_id("filter.sourceId", &id))
                .transpose()?,
            source_name: self.source_name,
            anchor_lost: self.anchor_lost,
        })
    }
}

#[derive(Default)]
pub struct ClaimsQuery;

#[Object]
impl ClaimsQuery {
    /// The claim with this ID. An unknown ID is a `NOT_FOUND` error.
    async fn claim(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Claim>> {
        let id = NodeType::Claim.row_id("id", &id).map_err(api_error)?;
        ctx.store()
            .claim(id)
            .await
            .map(|claim| Some(Claim(claim)))
            .map_err(api_error)
    }

    /// The claims that pass `filter`, oldest first, as a Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn claims(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClaimFilter>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Claim, TotalCount>> {
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        list_claims(ctx, filter, after, before, first, last).await
    }
}

/// A page of the claims that pass `filter`; shared by `claims` and the objects that list claims.
pub(crate) async fn list_claims(
    ctx: &Context<'_>,
    filter: StoreClaimFilter,
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
) -> Result<Connection<String, Claim, TotalCount>> {
    let request = PageArgs {
        after,
        before,
        first,
        last,
    }
    .request()
    .map_err(api_error)?;
    let page = ctx
        .store()
        .claims(&filter, request)
        .await
        .map_err(api_error)?;
    Ok(connection(
        page,
        |claim| claim.id,
        Claim,
        TotalCount::Claims(filter),
    ))
}
