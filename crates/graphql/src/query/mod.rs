//! The root `Query`: one object per domain, merged.

mod articles;
mod claim_order;
mod claims;
mod node;
mod sources;
mod stats;
mod viewer;
mod webhooks;

use async_graphql::MergedObject;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    claims::ClaimsQuery,
    articles::ArticlesQuery,
    sources::SourcesQuery,
    stats::StatsQuery,
    viewer::ViewerQuery,
    webhooks::WebhooksQuery,
);
