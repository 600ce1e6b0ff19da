//! Live events: every committed claim event, fanned out to this instance's subscribers.
//!
//! One task per instance follows the event log. It wakes when an event is committed, and every
//! few seconds as a safety net. On PostgreSQL every commit, on any instance, is announced by a
//! `NOTIFY` carrying the newest event ID, sent inside the writing transaction and so only on
//! commit; without a listener (SQLite, or while PostgreSQL's is down) this instance's own
//! commits poke the task in-process. Each time it wakes, the task first takes every
//! announcement and poke already queued, without waiting, and then loads every event after
//! the last one it delivered, in batches of [`BATCH`], in ID order, which is commit order, and
//! broadcasts them; with nobody subscribed, it reads only the newest ID. So a burst costs one
//! read per batch, not one per event: an announcement of an event already delivered costs
//! nothing, and a local commit on PostgreSQL is read once, when its `NOTIFY` arrives, not once
//! more for its poke. A listener connection that drops is replaced, and the catch-up from the
//! log loses nothing; meanwhile readiness reports it.
//!
//! Subscribers hold a bounded window of the broadcast: one that falls further behind is told
//! so and can resume from the log with the last ID it saw.

use std::{
    pin::pin,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    task::{Context, Poll, Waker},
    time::Duration,
};

use claimdesk_core::{EventKind, records::ClaimEvent};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sqlx::postgres::{PgListener, PgNotification},
};
use tokio::sync::{Notify, broadcast, watch};

use crate::{
    Backend, Store, StoreError,
    entities::{claim, claim_event},
    history::EVENTS_CHANNEL,
    name_filter::name_in,
};

/// How many events one query of the log reads.
const BATCH: u64 = 500;
/// How often the log is read even when nothing announced an event.
const SAFETY_NET: Duration = Duration::from_secs(5);
/// How long to wait before connecting a dropped listener again.
const RECONNECT_DELAY: Duration = Duration::from_millis(250);

/// A committed event, with the article of its claim, as subscribers receive it.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveEvent {
    /// The event.
    pub event: ClaimEvent,
    /// The article of the event's claim.
    pub article_id: i64,
}

/// Which events a subscriber wants. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Events of this claim.
    pub claim_id: Option<i64>,
    /// Events of claims of this article.
    pub article_id: Option<i64>,
    /// Events of these kinds.
    pub kinds: Vec<EventKind>,
}

impl EventFilter {
    /// Whether `live` passes the filter.
    pub fn matches(&self, live: &LiveEvent) -> bool {
        self.claim_id.is_none_or(|id| id == live.event.claim_id)
            && self.article_id.is_none_or(|id| id == live.article_id)
            && (self.kinds.is_empty() || self.kinds.contains(&live.event.kind))
    }
}

/// The instance's fan-out of live events.
#[derive(Clone)]
pub(crate) struct LiveEvents {
    sender: broadcast::Sender<Arc<LiveEvent>>,
    /// The newest event ID the fan-out has learnt of, for those who need no event itself.
    newest: watch::Sender<i64>,
    poke: Arc<Notify>,
    listening: Arc<AtomicBool>,
    log_reads: Arc<AtomicU64>,
}

impl LiveEvents {
    /// A fan-out whose subscribers may fall `window` events behind.
    pub(crate) fn new(window: usize) -> Self {
        let (sender, _) = broadcast::channel(window);
        Self {
            sender,
            newest: watch::Sender::new(0),
            poke: Arc::new(Notify::new()),
            listening: Arc::new(AtomicBool::new(true)),
            log_reads: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Tells the fan-out that this instance committed events.
    pub(crate) fn poke(&self) {
        self.poke.notify_one();
    }
}

impl Store {
    /// Receives every event committed from now on, on any instance, in commit order.
    ///
    /// The receiver holds a bounded window; when it falls further behind, `recv` answers
    /// `Lagged` and the subscriber should resume with [`Store::events_after`].
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.live.sender.subscribe()
    }

    /// The ID of the newest event committed, on any instance, as this instance's fan-out
    /// learns of it: for whoever needs to know that events were committed but not which, such
    /// as the webhook dispatcher, and who, unlike a subscriber, costs the fan-out no read of
    /// the events.
    pub fn committed_events(&self) -> watch::Receiver<i64> {
        self.live.newest.subscribe()
    }

    /// Whether the fan-out hears other instances' events; always true on SQLite.
    pub fn is_listening(&self) -> bool {
        self.live.listening.load(Ordering::Relaxed)
    }

    /// How many live subscriptions this instance serves now.
    pub fn live_subscribers(&self) -> usize {
        self.live.sender.receiver_count()
    }

    /// How many times the fan-out has read the event log, one batch at a time; for the test
    /// that checks a burst of events costs few reads.
    #[cfg(test)]
    pub(crate) fn live_log_reads(&self) -> u64 {
        self.live.log_reads.load(Ordering::Relaxed)
    }

    /// Up to `limit` stored events after `after` that pass `filter`, in ID order.
    pub async fn events_after(
        &self,
        after: i64,
        filter: &EventFilter,
        limit: u64,
    ) -> Result<Vec<LiveEvent>, StoreError> {
        let mut query = claim_event::Entity::find()
            .filter(claim_event::Column::Id.gt(after))
            .order_by_asc(claim_event::Column::Id)
            .limit(limit);
        if let Some(claim_id) = filter.claim_id {
            query = query.filter(claim_event::Column::ClaimId.eq(claim_id));
        }
        if let Some(article_id) = filter.article_id {
            let claims = claim::Entity::find()
                .select_only()
                .column(claim::Column::Id)
                .filter(claim::Column::ArticleId.eq(article_id));
            query = query.filter(claim_event::Column::ClaimId.in_subquery(claims.into_query()));
        }
        let query = query.apply_if(
            name_in(claim_event::Column::Kind, &filter.kinds),
            QueryFilter::filter,
        );
        let rows = query.all(&self.reads).await?;
        self.with_articles(rows).await
    }

    /// The ID of the newest committed event, or 0 when there is none.
    pub async fn latest_event_id(&self) -> Result<i64, StoreError> {
        Ok(claim_event::Entity::find()
            .order_by_desc(claim_event::Column::Id)
            .one(&self.reads)
            .await?
            .map_or(0, |row| row.id))
    }

    /// Starts following the event log for this instance's subscribers. Call it once, from a
    /// Tokio runtime; the task runs until the process ends.
    pub async fn start_live_events(&self) -> Result<(), StoreError> {
        let last = self.latest_event_id().await?;
        let store = self.clone();
        tokio::spawn(async move { store.follow(last).await });
        Ok(())
    }

    async fn follow(self, mut last: i64) {
        let mut listener = None;
        let mut safety_net = tokio::time::interval(SAFETY_NET);
        loop {
            if self.backend_is_postgres() && listener.is_none() {
                listener = self.listen().await;
                self.live
                    .listening
                    .store(listener.is_some(), Ordering::Relaxed);
                if listener.is_none() {
                    tokio::time::sleep(RECONNECT_DELAY).await;
                } else {
                    // Events committed while nobody listened are not announced: read them now.
                    last = self.deliver_or_keep(last).await;
                }
            }
            let woken = tokio::select! {
                heard = next_announcement(&mut listener) => heard,
                () = self.live.poke.notified() => Wake::Poked,
                _ = safety_net.tick() => Wake::SafetyNet,
            };
            let mut read = false;
            let mut wake = Some(woken);
            while let Some(reason) = wake {
                read |= match reason {
                    Wake::Announced(id) => id > last,
                    // With a listener, the commit's own NOTIFY follows: read once, then.
                    Wake::Poked => listener.is_none(),
                    Wake::SafetyNet => true,
                    Wake::ListenerDropped => {
                        tracing::warn!("the event listener's connection dropped; reconnecting");
                        listener = None;
                        self.live.listening.store(false, Ordering::Relaxed);
                        // The reconnection reads the log.
                        false
                    }
                };
                wake = self.queued_wake(&mut listener);
            }
            if read {
                last = self.deliver_or_keep(last).await;
            }
        }
    }

    /// The next announcement or poke already queued, without waiting for one.
    fn queued_wake(&self, listener: &mut Option<PgListener>) -> Option<Wake> {
        if let Some(listener) = listener.as_mut()
            && let Some(heard) = ready_now(listener.try_recv())
        {
            return Some(Wake::heard(heard));
        }
        ready_now(self.live.poke.notified()).map(|()| Wake::Poked)
    }

    /// Delivers every event after `last` and returns the new last ID; on a database error,
    /// logs it and keeps `last`, so that the next wake-up retries.
    ///
    /// With nobody subscribed, the events are not read, only the newest ID, which becomes the
    /// last. The subscribers are counted again after that read, so that a subscriber who
    /// comes after the second count was not there when those events were committed, and gets
    /// every later one.
    async fn deliver_or_keep(&self, last: i64) -> i64 {
        let delivered = async {
            if self.live_subscribers() == 0 {
                let newest = self.latest_event_id().await?;
                if self.live_subscribers() == 0 {
                    return Ok(newest.max(last));
                }
            }
            self.deliver_after(last).await
        };
        match delivered.await {
            Ok(delivered) => {
                self.live.newest.send_if_modified(|newest| {
                    let later = delivered > *newest;
                    *newest = (*newest).max(delivered);
                    later
                });
                delivered
            }
            Err(error) => {
                tracing::error!(%error, "reading the event log");
                last
            }
        }
    }

    /// Broadcasts every event after `last`, in batches; returns the last ID delivered.
    async fn deliver_after(&self, mut last: i64) -> Result<i64, StoreError> {
        loop {
            self.live.log_reads.fetch_add(1, Ordering::Relaxed);
            let batch = self
                .events_after(last, &EventFilter::default(), BATCH)
                .await?;
            let Some(newest) = batch.last() else {
                return Ok(last);
            };
            last = newest.event.id;
            let full = batch.len() as u64 == BATCH;
            for event in batch {
                // No receivers is fine: nobody is subscribed right now.
                let _ = self.live.sender.send(Arc::new(event));
            }
            if !full {
                return Ok(last);
            }
        }
    }

    async fn listen(&self) -> Option<PgListener> {
        let pool = self.db.get_postgres_connection_pool();
        let result = async {
            let mut listener = PgListener::connect_with(pool).await?;
            listener.listen(EVENTS_CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        }
        .await;
        result
            .map_err(|error| tracing::warn!(%error, "cannot listen for events"))
            .ok()
    }

    fn backend_is_postgres(&self) -> bool {
        self.backend() == Backend::Postgres
    }

    async fn with_articles(
        &self,
        rows: Vec<claim_event::Model>,
    ) -> Result<Vec<LiveEvent>, StoreError> {
        let mut claim_ids: Vec<i64> = rows.iter().map(|row| row.claim_id).collect();
        claim_ids.sort_unstable();
        claim_ids.dedup();
        let articles: std::collections::HashMap<i64, i64> = claim::Entity::find()
            .select_only()
            .columns([claim::Column::Id, claim::Column::ArticleId])
            .filter(claim::Column::Id.is_in(claim_ids))
            .into_tuple::<(i64, i64)>()
            .all(&self.reads)
            .await?
            .into_iter()
            .collect();
        rows.into_iter()
            .map(|row| {
                let article_id = articles.get(&row.claim_id).copied().unwrap_or_default();
                Ok(LiveEvent {
                    event: row.try_into()?,
                    article_id,
                })
            })
            .collect()
    }
}

/// Why the fan-out woke up.
enum Wake {
    /// A `NOTIFY` announced the events up to this ID.
    Announced(i64),
    /// This instance committed events.
    Poked,
    /// The periodic read, in case an announcement was missed.
    SafetyNet,
    /// The listener's connection dropped.
    ListenerDropped,
}

impl Wake {
    fn heard(result: Result<Option<PgNotification>, sea_orm::sqlx::Error>) -> Self {
        match result {
            // A payload that is not an ID announces something all the same: read.
            Ok(Some(notification)) => {
                Self::Announced(notification.payload().parse().unwrap_or(i64::MAX))
            }
            Ok(None) | Err(_) => Self::ListenerDropped,
        }
    }
}

/// The next announcement of `listener`; never, without one.
async fn next_announcement(listener: &mut Option<PgListener>) -> Wake {
    match listener.as_mut() {
        Some(listener) => Wake::heard(listener.try_recv().await),
        None => std::future::pending().await,
    }
}

/// Polls `future` once: its output if it is ready now, else `None` (and it is dropped).
///
/// Both futures polled this way are cancel safe: `PgListener::try_recv` keeps a partly read
/// message buffered, and a dropped `Notified` hands a poke it took on to the next waiter.
fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

#[cfg(test)]
mod database_tests;
