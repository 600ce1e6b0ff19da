//! The root `Subscription`: live claim events, and webhook endpoints as they are disabled.

use std::{collections::HashSet, time::Duration};

use chrono::{DateTime, Utc};

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Result, Subscription as Root};
use claimdesk_core::Role;
use claimdesk_store::{EventFilter, LiveEvent};
use futures_core::Stream;
use tokio::sync::broadcast::error::RecvError;

use crate::{
    ApiError,
    enums::{EventKind, domain_values},
    error::api_error,
    guard::RoleGuard,
    id::NodeType,
    object::{ClaimEvent, Webhook},
    state::ContextExt,
};

/// How many stored events one read of the log returns while replaying.
const REPLAY_BATCH: u64 = 500;
/// How often `webhookDisabled` reads the endpoints. It reads the database, not this
/// instance's memory, so it sees an endpoint disabled by any instance.
const WEBHOOK_POLL: Duration = Duration::from_secs(1);

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
            claim_id: NodeType::Claim.optional_row_id("filter.claimId", self.claim_id.as_ref())?,
            article_id: NodeType::Article
                .optional_row_id("filter.articleId", self.article_id.as_ref())?,
            kinds: domain_values(self.kinds),
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
        let after = NodeType::ClaimEvent
            .optional_row_id("after", after.as_ref())
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

    /// Webhook endpoints as they are disabled, on any server instance: by `disableWebhook`,
    /// after answering `410 Gone`, or after every delivery failed for longer than
    /// `--webhook-disable-after-secs`. Each disabling after the subscription starts comes
    /// once, within a second, with its `disabledReason` and `disabledAt`; an endpoint enabled
    /// and disabled again comes again. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn webhook_disabled(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<Webhook>> + use<>> {
        let store = ctx.store().clone();
        // The disablings made before the subscription started are not news. Comparing the
        // endpoints' state, not times, holds whatever the instances' clocks say.
        let mut told: HashSet<_> = store
            .webhooks()
            .await
            .map_err(api_error)?
            .iter()
            .filter_map(disabling)
            .collect();
        Ok(async_stream::stream! {
            let mut poll = tokio::time::interval(WEBHOOK_POLL);
            loop {
                poll.tick().await;
                let webhooks = match store.webhooks().await {
                    Ok(webhooks) => webhooks,
                    Err(error) => {
                        yield Err(api_error(error));
                        return;
                    }
                };
                let mut disabled: Vec<_> = webhooks
                    .into_iter()
                    .filter_map(|webhook| Some((disabling(&webhook)?, webhook)))
                    .filter(|(disabling, _)| !told.contains(disabling))
                    .collect();
                disabled.sort_by_key(|((id, at), _)| (*at, *id));
                for (disabling, webhook) in disabled {
                    told.insert(disabling);
                    yield Ok(Webhook(webhook));
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

/// Which disabling of which endpoint `webhook` is in, if it is disabled.
fn disabling(webhook: &claimdesk_core::webhooks::records::Webhook) -> Option<(i64, DateTime<Utc>)> {
    if webhook.enabled {
        return None;
    }
    Some((webhook.id, webhook.disabled_at?))
}
