//! The ClaimDesk GraphQL schema, free of any transport.
//!
//! [`build_schema`] gives the executable schema with the store attached; the server puts an
//! [`Actor`] on each request. [`schema_sdl`] prints the schema without any data attached, which
//! is how `schema.graphql` is produced and checked.

mod claim_cursor;
mod claim_export;
mod document_cache;
mod enums;
mod error;
mod error_codes;
mod guard;
mod id;
mod limits;
mod loader;
mod mutation;
mod object;
mod pagination;
mod query;
mod request_steps;
mod state;
mod subscription;
mod syntax_errors;
mod webhook_policy;

use async_graphql::{Schema, SchemaBuilder};
use claimdesk_core::publishing::Publisher;
use claimdesk_store::Store;

pub use claim_export::{article_global_id, claim_filter_from_json, claim_global_id};
pub use error::{ApiError, ErrorCode};
pub use limits::{Limits, MAX_PAGE_SIZE_CEILING};
pub use mutation::Mutation;
pub use query::Query;
pub use state::Actor;
pub use subscription::Subscription;
pub use webhook_policy::WebhookPolicy;

/// The executable ClaimDesk schema.
pub type ClaimDeskSchema = Schema<Query, Mutation, Subscription>;

/// The schema's builder with no data and no extension: for printing the SDL.
pub fn schema_builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription)
}

/// The schema, reading and writing through `store`, within `limits`, publishing reviews as
/// `publisher`.
pub fn build_schema(store: Store, limits: Limits, publisher: Publisher) -> ClaimDeskSchema {
    build_schema_with_webhooks(store, limits, publisher, WebhookPolicy::default())
}

/// [`build_schema`], with the server's rules for webhook endpoints.
pub fn build_schema_with_webhooks(
    store: Store,
    limits: Limits,
    publisher: Publisher,
    webhooks: WebhookPolicy,
) -> ClaimDeskSchema {
    let builder = schema_builder()
        .data(webhooks)
        .extension(request_steps::RequestSteps::new(store.clone(), limits))
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .data(limits)
        .data(publisher)
        .data(store);
    let builder = if limits.introspection {
        builder
    } else {
        builder.disable_introspection()
    };
    builder.finish()
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn schema_sdl() -> String {
    schema_builder().finish().sdl()
}
