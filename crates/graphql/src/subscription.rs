//! The root `Subscription`: live claim events.

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Result, Subscription as Root};
use claimdesk_store::{EventFilter, LiveEvent};
use futures_core::Stream;
use tokio::sync::broadcast::error::RecvError;

use crate::{
    ApiError, enums::EventKind, error::api_error, id::NodeType, object::ClaimEvent,
    state::ContextExt,
};

/// How many stored events one read of the log returns while replaying.
const REPLAY_BATCH: u64 = 500;

/// Which events to receive. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct ClaimEventFilter {
    /// Events of this claim.
    claim_id: Option<ID>,
    /// Events of the claims of this article.
    article_id: Option<ID>,
    /// Events of these kinds.
    kinds: Option<Vec<EventKind>>,
}

impl ClaimEventFilter {
    fn into_store(self) -> Result<EventFilter, ApiError> {
        Ok(EventFilter {
            claim_id: self
                .claim_id
                .map(|id| NodeType::Claim.row_id("filter.claimId", &id))
                .transpose()?,
            article_id: self
                .article_id
                .map(|id| NodeType::Article.row_id("filter.articleId", &id))
                .transpose()?,
            kinds: self
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        })
    }
}

/// Everything a client can follow live.
#[derive(Default)]
pub struct Subscription;

#[Root]
impl Subscription {
    /// Claim events as they are committed, on any server instance, in commit order; never an
    /// event of a change that was rolled back.
    ///
    /// With `after`, the stored events after that event ID come first, then live ones, with
    /// no gap and no duplicate at the seam: a client that reconnects with the last ID it
    /// received loses nothing. A subscriber that falls too far behind gets an error with the
    /// code `SUBSCRIBER_TOO_SLOW` and `extensions.resumeAfter`, and the stream ends.
    async fn claim_events(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClaimEventFilter>,
        after: Option<ID>,
    ) -> Result<impl Stream<Item = Result<ClaimEvent>> + use<>> {
        ctx.actor()?;
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let after = after
            .map(|id| NodeType::ClaimEvent.row_id("after", &id))
            .transpose()
            .map_err(api_error)?;
        let store = ctx.store().clone();
        // Subscribe before replaying, so that nothing committed meanwhile is missed; the
        // overlap is dropped by ID.
        let mut live = store.subscribe();
        // Where this subscriber starts: what it resumes from if it falls behind.
        let start = match after {
            Some(after) => after,
            None => store.latest_event_id().await.map_err(api_error)?,
        };
        Ok(async_stream::stream! {
            let mut last = start;
            if let Some(after) = after {
                let mut cursor = after;
                loop {
                    let batch = match store.events_after(cursor, &filter, REPLAY_BATCH).await {
                        Ok(batch) => batch,
                        Err(error) => {
                            yield Err(api_error(error));
                            return;
                        }
                    };
                    let done = (batch.len() as u64) < REPLAY_BATCH;
                    for LiveEvent { event, .. } in batch {
                        cursor = event.id;
                        last = event.id;
                        yield Ok(ClaimEvent(event, None));
                    }
                    if done {
                        break;
                    }
                }
            }
            loop {
                match live.recv().await {
                    Ok(event) => {
                        if event.event.id <= last || !filter.matches(&event) {
                            continue;
                        }
                        last = event.event.id;
                        yield Ok(ClaimEvent(event.event.clone(), None));
                    }
                    Err(RecvError::Lagged(missed)) => {
                        yield Err(too_slow(missed, last));
                        return;
                    }
                    Err(RecvError::Closed) => return,
                }
            }
        })
    }
}

fn too_slow(missed: u64, last: i64) -> async_graphql::Error {
    let resume = NodeType::ClaimEvent.id(last);
    async_graphql::Error::new(format!(
        "this subscriber fell {missed} events behind and was closed; subscribe again with `after: \"{}\"` to receive the rest",
        resume.as_str()
    ))
    .extend_with(|_, extensions| {
        extensions.set("code", "SUBSCRIBER_TOO_SLOW");
        extensions.set("resumeAfter", resume.as_str());
    })
}
