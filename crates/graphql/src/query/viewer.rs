//! `viewer`: who the request acts as.

use async_graphql::{Context, Object, Result};

use crate::{object::User, state::ContextExt};

#[derive(Default)]
pub struct ViewerQuery;

#[Object]
impl ViewerQuery {
    /// The user this request acts as.
    #[allow(
        clippy::unused_async,
        reason = "async-graphql resolvers that take a context must be async"
    )]
    async fn viewer(&self, ctx: &Context<'_>) -> Result<User> {
        Ok(User(ctx.actor()?.clone()))
    }
}
