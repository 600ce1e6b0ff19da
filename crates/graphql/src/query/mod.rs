//! The root `Query`: one object per domain, merged.

mod articles;
mod claim_order;
mod claims;
mod events;
mod matching;
mod node;
mod sources;
mod stats;
mod users;
mod viewer;
mod webhooks;

use async_graphql::MergedObject;

pub(crate) use claims::ClaimFilter;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    claims::ClaimsQuery,
    events::EventsQuery,
    matching::MatchingQuery,
    articles::ArticlesQuery,
    sources::SourcesQuery,
    stats::StatsQuery,
    users::UsersQuery,
    viewer::ViewerQuery,
    webhooks::WebhooksQuery,
);
