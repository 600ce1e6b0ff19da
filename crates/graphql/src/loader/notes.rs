//! The notes of claims, by claim ID, each with its author.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::{Note, User};
use claimdesk_store::Store;

use super::shared::{Shared, for_every_key};
use crate::error::api_error;

/// Loads the notes of claims, oldest first, in batches.
pub(crate) struct NoteLoader(pub Store);

impl Loader<i64> for NoteLoader {
    type Value = Shared<(Note, User)>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Shared<(Note, User)>>, async_graphql::Error> {
        let found = self.0.notes_by_claim(claim_ids).await.map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}
