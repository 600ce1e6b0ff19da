//! A page of claims, as the `claims` query and the objects that list claims (an article's, a
//! source's) give it.

use async_graphql::{
    Context, Result,
    connection::{Connection, Edge},
};
use claimdesk_store::{ClaimFilter as StoreClaimFilter, ClaimOrder as StoreClaimOrder};

use super::{Claim, TotalCount};
use crate::{
    claim_cursor::{decode_cursor, encode_cursor},
    error::api_error,
    loader,
    pagination::PageArgs,
    state::ContextExt,
};

/// A page of the claims that pass `filter` in `order`; shared by `claims` and the objects that
/// list claims.
pub(crate) async fn list_claims(
    ctx: &Context<'_>,
    filter: StoreClaimFilter,
    order: StoreClaimOrder,
    args: PageArgs,
) -> Result<Connection<String, Claim, TotalCount>> {
    let request = args
        .request_with(ctx.max_page_size(), |field, cursor| {
            decode_cursor(order, field, cursor)
        })
        .map_err(api_error)?;
    let page = ctx
        .store()
        .ordered_claims(&filter, order, request)
        .await
        .map_err(api_error)?;
    let node = ctx.look_ahead().field("edges").field("node");
    let claims: Vec<_> = page.items.iter().map(|item| item.claim.clone()).collect();
    loader::prefetch_for_claims(ctx, &node, &claims).await?;
    let mut connection = Connection::with_additional_fields(
        page.has_previous_page,
        page.has_next_page,
        TotalCount::Claims(Box::new(filter)),
    );
    connection.edges = page
        .items
        .into_iter()
        .map(|item| Edge::new(encode_cursor(order, item.cursor), Claim(item.claim)))
        .collect();
    Ok(connection)
}
