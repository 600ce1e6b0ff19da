//! The verdict versions of claims, by claim ID.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::Loader;
use claimdesk_core::records::VerdictVersion;
use claimdesk_store::Store;

use super::shared::{Shared, for_every_key};
use crate::error::api_error;

/// Loads the verdict versions of claims, oldest first, in batches.
pub(crate) struct VerdictLoader(pub Store);

impl Loader<i64> for VerdictLoader {
    type Value = Shared<VerdictVersion>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Shared<VerdictVersion>>, async_graphql::Error> {
        let found = self
            .0
            .verdicts_by_claim(claim_ids)
            .await
            .map_err(api_error)?;
        Ok(for_every_key(claim_ids, found, Arc::new))
    }
}
