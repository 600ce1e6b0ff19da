//! Sources and users by ID.

use std::{collections::HashMap, future::Future, marker::PhantomData};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::{Source, User};
use claimdesk_store::{Store, StoreError};

use crate::error::api_error;

/// A record that is loaded by its ID, and how the store reads a batch of them.
pub(crate) trait ById: Send + Sync + Clone + Sized + 'static {
    /// The records with these IDs, by ID; unknown IDs are left out.
    fn read(
        store: &Store,
        ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Self>, StoreError>> + Send;
}

/// Sources.
impl ById for Source {
    fn read(
        store: &Store,
        ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Self>, StoreError>> + Send {
        store.sources_by_id(ids)
    }
}

/// Users.
impl ById for User {
    fn read(
        store: &Store,
        ids: &[i64],
    ) -> impl Future<Output = Result<HashMap<i64, Self>, StoreError>> + Send {
        store.users_by_id(ids)
    }
}

/// Loads records of type `T` by ID, in batches.
pub(crate) struct RecordLoader<T>(Store, PhantomData<fn() -> T>);

impl<T> RecordLoader<T> {
    /// A loader that reads from `store`.
    pub(crate) fn new(store: Store) -> Self {
        Self(store, PhantomData)
    }
}

impl<T: ById> Loader<i64> for RecordLoader<T> {
    type Value = T;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, T>, Self::Error> {
        T::read(&self.0, ids).await.map_err(api_error)
    }
}
