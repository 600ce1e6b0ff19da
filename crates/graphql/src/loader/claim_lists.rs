//! The lists that hang off a claim (its evidence, notes, history, verdict versions and stored
//! matches), each read for a whole batch of claims in one statement, by claim ID; and its last
//! events, by claim ID and how many.

use std::{collections::HashMap, future::Future, marker::PhantomData, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::{ClaimEvent, Evidence, Note, User, VerdictVersion};
use claimdesk_store::{ClaimMatch, Store, StoreError};

use super::shared::{Shared, for_every_key};
use crate::error::api_error;

/// An item of a list that hangs off a claim, and how the store reads the lists of a batch of
/// claims, each in its order.
pub(crate) trait ClaimList: Send + Sync + Sized + 'static {
    /// The lists of these claims, by claim ID; a claim without items may be left out.
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send;
}

/// Evidence, oldest first.
impl ClaimList for Evidence {
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send {
        store.evidence_by_claim(claim_ids)
    }
}

/// Notes with their authors, oldest first.
impl ClaimList for (Note, User) {
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send {
        store.notes_by_claim(claim_ids)
    }
}

/// The whole history, oldest first.
impl ClaimList for ClaimEvent {
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send {
        store.history_by_claim(claim_ids)
    }
}

/// Verdict versions, oldest first.
impl ClaimList for VerdictVersion {
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send {
        store.verdicts_by_claim(claim_ids)
    }
}

/// Stored matches, best first.
impl ClaimList for ClaimMatch {
    fn read(
        store: &Store,
        claim_ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Vec<Self>>, StoreError>> + Send {
        store.matches_by_claim(claim_ids)
    }
}

/// Loads the lists of type `T` of claims, in batches.
pub(crate) struct ClaimListLoader<T>(Store, PhantomData<fn() -> T>);

impl<T> ClaimListLoader<T> {
    /// A loader that reads from `store`.
    pub(crate) fn new(store: Store) -> Self {
        Self(store, PhantomData)
    }
}

impl<T: ClaimList> Loader<i64> for ClaimListLoader<T> {
    type Value = Shared<T>;
    type Error = async_graphql::Error;

    async fn load(&self, claim_ids: &[i64]) -> Result<HashMap<i64, Shared<T>>, Self::Error> {
        let found = T::read(&self.0, claim_ids).await.map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}

/// Loads the last events of claims, oldest first, in batches: a key is a claim's ID and how
/// many of its last events to read, so that `history(last: 3)` reads three events per claim
/// instead of all of them.
pub(crate) struct RecentHistoryLoader(pub Store);

impl Loader<(i64, u64)> for RecentHistoryLoader {
    type Value = Shared<ClaimEvent>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(i64, u64)],
    ) -> Result<HashMap<(i64, u64), Shared<ClaimEvent>>, async_graphql::Error> {
        let mut by_last: HashMap<u64, Vec<i64>> = HashMap::new();
        for &(claim_id, last) in keys {
            by_last.entry(last).or_default().push(claim_id);
        }
        let mut loaded = HashMap::with_capacity(keys.len());
        for (last, claim_ids) in by_last {
            let found = self
                .0
                .recent_history_by_claim(&claim_ids, last)
                .await
                .map_err(api_error)?;
            let found = for_every_key(&claim_ids, found, Arc::new);
            loaded.extend(
                found
                    .into_iter()
                    .map(|(claim_id, events)| ((claim_id, last), events)),
            );
        }
        Ok(loaded)
    }
}
