//! `latestEventId`: where a live client starts, so that it can resume after a reconnection
//! even before it has received an event.

use async_graphql::{Context, ID, Object, Result};

use crate::{error::api_error, id::NodeType, state::ContextExt};

#[derive(Default)]
pub struct EventsQuery;

#[Object]
impl EventsQuery {
    /// The ID of the newest committed claim event, or null while there is none. A client
    /// reads it before it reads its data, then subscribes with `claimEvents(after:)` set to
    /// it: every change made after the read arrives, and none twice.
    async fn latest_event_id(&self, ctx: &Context<'_>) -> Result<Option<ID>> {
        let latest = ctx.store().latest_event_id().await.map_err(api_error)?;
        Ok((latest > 0).then(|| NodeType::ClaimEvent.id(latest)))
    }
}
