//! `importClaimReviews`: other fact-checkers' `ClaimReview`s as closed, matchable claims.

use async_graphql::{Context, InputObject, Json, Object, Result, SimpleObject};
use claimdesk_core::{Role, review_import::read_reviews};

use crate::{ApiError, error::api_error, guard::RoleGuard, object::Claim, state::ContextExt};

/// A ClaimReview document to import.
#[derive(InputObject)]
pub struct ImportClaimReviewsInput {
    /// One schema.org ClaimReview, an array of them, or a DataFeed of them (the format of
    /// ClaimDesk's own `/claim-reviews.jsonld`).
    document: Json<serde_json::Value>,
}

/// What an import did.
#[derive(SimpleObject)]
pub struct ImportClaimReviewsPayload {
    /// The claims created, one per review not imported before, each CLOSED with the verdict
    /// its rating maps to and matched against the recorded claims.
    imported: Vec<Claim>,
    /// How many reviews were imported before (by URL) and left as they were.
    unchanged: usize,
}

#[derive(Default)]
pub struct ReviewImportMutations;

#[Object]
impl ReviewImportMutations {
    /// Imports other publishers' `ClaimReview`s. Each review becomes an article (the review
    /// page, with its publisher and date, `claimReviewed` as its body) and a CLOSED claim
    /// quoting the whole body, with the verdict from the rating's `alternateName` (else its
    /// `ratingValue`; UNPROVEN when neither says) and the review body or the rating as its
    /// summary. Importing a review again changes nothing. All or nothing: a bad review is
    /// reported as `BAD_USER_INPUT` with its field (`document[1].url`), and nothing is written.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn import_claim_reviews(
        &self,
        ctx: &Context<'_>,
        input: ImportClaimReviewsInput,
    ) -> Result<ImportClaimReviewsPayload> {
        let actor = ctx.actor()?;
        let reviews = read_reviews(&input.document).map_err(|error| {
            ApiError::bad_input(
                format!("document[{}].{}", error.index, error.error.field),
                error.error.problem,
            )
            .into_graphql()
        })?;
        let report = ctx
            .store()
            .import_reviews(actor.id, reviews)
            .await
            .map_err(api_error)?;
        Ok(ImportClaimReviewsPayload {
            imported: report.created.into_iter().map(Claim).collect(),
            unchanged: report.unchanged,
        })
    }
}
