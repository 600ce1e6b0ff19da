//! `createClaim`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::Role;
use claimdesk_core::TextSpan;
use claimdesk_store::NewClaim;

use crate::{
    ApiError,
    enums::{AttributionKind, Priority},
    error::api_error,
    guard::RoleGuard,
    id::NodeType,
    object::Claim,
    state::ContextExt,
};

/// Where a quote stands in its article's body: Unicode code points, end exclusive.
#[derive(InputObject)]
pub struct TextSpanInput {
    /// The first code point of the quote.
    start: i32,
    /// One past the last code point of the quote.
    end: i32,
}

impl TextSpanInput {
    pub(super) fn into_span(self) -> Result<TextSpan, ApiError> {
        let offset = |field: &str, value: i32| {
            usize::try_from(value).map_err(|_| ApiError::bad_input(field, "must not be negative"))
        };
        Ok(TextSpan {
            start: offset("span.start", self.start)?,
            end: offset("span.end", self.end)?,
        })
    }
}

/// A claim to record.
#[derive(InputObject)]
pub struct CreateClaimInput {
    /// The article the claim is taken from.
    article_id: ID,
    /// Your own identifier for the claim, unique within the article. A retry with the same
    /// one returns the claim already recorded instead of creating another.
    external_id: Option<String>,
    /// The checkable statement.
    text: String,
    /// The exact words of the article; checked against the body at `span`.
    quote: String,
    /// Where the quote stands in the article body.
    span: TextSpanInput,
    /// Who the claim is attributed to.
    source_id: Option<ID>,
    /// How the article attributes it.
    #[graphql(default_with = "AttributionKind::Unattributed")]
    attribution: AttributionKind,
    /// How urgently it should be checked.
    #[graphql(default_with = "Priority::Normal")]
    priority: Priority,
}

/// The result of `createClaim`.
#[derive(SimpleObject)]
pub struct CreateClaimPayload {
    /// The claim.
    claim: Claim,
    /// Whether this request created it; false when a retry found it already recorded.
    created: bool,
}

#[derive(Default)]
pub struct ClaimMutations;

#[Object]
impl ClaimMutations {
    /// Records a claim as NEW after checking its quote against the article body.
    #[graphql(guard = "RoleGuard(Role::Ingest)")]
    async fn create_claim(
        &self,
        ctx: &Context<'_>,
        input: CreateClaimInput,
    ) -> Result<CreateClaimPayload> {
        let actor = ctx.actor()?;
        let input = new_claim(input).map_err(api_error)?;
        let created = ctx
            .store()
            .create_claim(actor.id, input)
            .await
            .map_err(api_error)?;
        Ok(CreateClaimPayload {
            claim: Claim(created.record),
            created: created.created,
        })
    }
}

fn new_claim(input: CreateClaimInput) -> Result<NewClaim, ApiError> {
    Ok(NewClaim {
        article_id: NodeType::Article.row_id("articleId", &input.article_id)?,
        external_id: input.external_id,
        text: input.text,
        quote: input.quote,
        span: input.span.into_span()?,
        source_id: NodeType::Source.optional_row_id("sourceId", input.source_id.as_ref())?,
        attribution: input.attribution.into(),
        priority: input.priority.into(),
    })
}
