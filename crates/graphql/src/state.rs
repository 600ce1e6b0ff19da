//! What resolvers take from the context: the store, shared by the schema, and the actor,
//! put on each request by the transport.

use async_graphql::Context;
use claimdesk_core::{publishing::Publisher, records::User};
use claimdesk_store::Store;

use crate::{ApiError, Limits, WebhookPolicy};

/// The user a request acts as.
#[derive(Debug, Clone)]
pub struct Actor(pub User);

/// Typed access to the context's data, so that resolvers never call `ctx.data` themselves.
pub(crate) trait ContextExt {
    /// The store.
    fn store(&self) -> &Store;
    /// The user the request acts as.
    fn actor(&self) -> Result<&User, async_graphql::Error>;
    /// Who publishes the reviews.
    fn publisher(&self) -> &Publisher;
    /// The largest `first` or `last` a connection accepts.
    fn max_page_size(&self) -> i32;
    /// The server's rules for webhook endpoints.
    fn webhook_policy(&self) -> WebhookPolicy;
}

impl ContextExt for Context<'_> {
    fn store(&self) -> &Store {
        self.data_unchecked::<Store>()
    }

    fn publisher(&self) -> &Publisher {
        self.data_unchecked::<Publisher>()
    }

    fn max_page_size(&self) -> i32 {
        let size = self
            .data_opt::<Limits>()
            .map_or(Limits::default().max_page_size, |limits| {
                limits.max_page_size
            });
        i32::try_from(size).unwrap_or(i32::MAX)
    }

    fn webhook_policy(&self) -> WebhookPolicy {
        self.data_opt::<WebhookPolicy>()
            .copied()
            .unwrap_or_default()
    }

    fn actor(&self) -> Result<&User, async_graphql::Error> {
        self.data_opt::<Actor>()
            .map(|actor| &actor.0)
            .ok_or_else(|| ApiError::Internal("the request carries no actor".into()).into_graphql())
    }
}
