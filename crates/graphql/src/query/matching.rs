//! `matchClaim`: the recorded claims that state the same thing as a text.

use async_graphql::{Context, Object, Result};
use claimdesk_core::validation::{limits, required_text};

use crate::{ApiError, error::api_error, object::ClaimMatch, state::ContextExt};

#[derive(Default)]
pub struct MatchingQuery;

#[Object]
impl MatchingQuery {
    /// The recorded claims that state the same thing as `text` (a sentence pasted by a
    /// reviewer, a bot's candidate), best first, at most `first`, each SUGGESTED. Claims whose
    /// score is under the suggest threshold are left out. Nothing is written.
    #[graphql(complexity = "first.max(0).unsigned_abs() as usize * child_complexity")]
    async fn match_claim(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 5, validator(minimum = 0, maximum = 50))] first: i32,
    ) -> Result<Vec<ClaimMatch>> {
        required_text("text", &text, limits::CLAIM_TEXT)
            .map_err(|error| ApiError::from(error).into_graphql())?;
        let first = usize::try_from(first).unwrap_or_default();
        let found = ctx
            .store()
            .match_text(&text, first)
            .await
            .map_err(api_error)?;
        Ok(found.into_iter().map(ClaimMatch).collect())
    }
}
