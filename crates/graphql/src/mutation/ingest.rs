//! `ingestArticle`: an article and its claims from a bot, in one idempotent transaction.

use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use claimdesk_core::Role;
use claimdesk_store::{IngestArticle, IngestClaim, NewSource};

use super::claims::TextSpanInput;
use crate::{
    ApiError,
    enums::{AttributionKind, Priority, SourceKind},
    error::api_error,
    guard::RoleGuard,
    object::{Article, Claim},
    state::ContextExt,
};

/// Who a claim is attributed to; created when no source has this name yet.
#[derive(InputObject)]
pub struct IngestSourceInput {
    /// The name, matched regardless of case.
    name: String,
    /// What kind of entity it is.
    #[graphql(default_with = "SourceKind::Unknown")]
    kind: SourceKind,
    /// Who it is, for example a title and an affiliation.
    description: Option<String>,
}

/// A claim of an ingested article.
#[derive(InputObject)]
pub struct IngestClaimInput {
    /// Your identifier, unique within the request and the article: a claim already recorded
    /// under it is left as it is, so retries never duplicate it. Without one, a claim is
    /// identified by its `text`, `quote` and `span` together: a claim the article already has
    /// with all three the same is not created again, and two in one request are refused.
    external_id: Option<String>,
    /// The checkable statement.
    text: String,
    /// The exact words of the article.
    quote: String,
    /// Where the quote stands in the body; when left out, its only occurrence.
    span: Option<TextSpanInput>,
    /// Who the claim is attributed to.
    source: Option<IngestSourceInput>,
    /// How the article attributes it.
    #[graphql(default_with = "AttributionKind::Unattributed")]
    attribution: AttributionKind,
    /// How urgently it should be checked.
    #[graphql(default_with = "Priority::Normal")]
    priority: Priority,
}

/// An article to ingest, with its claims.
#[derive(InputObject)]
pub struct IngestArticleInput {
    /// Where the article is published; it identifies the article.
    url: String,
    /// The headline.
    title: String,
    /// Who published it.
    publisher: Option<String>,
    /// Who wrote it.
    author: Option<String>,
    /// When it was published.
    published_at: Option<DateTime<Utc>>,
    /// The full text.
    body: String,
    /// Its claims, at most 1,000.
    #[graphql(default)]
    claims: Vec<IngestClaimInput>,
    /// Also propose claims found by the claim detector; they enter as NEW with their
    /// `checkWorthiness` and `category`.
    #[graphql(default)]
    detect_claims: bool,
}

/// What ingesting did to the article.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_store::IngestOutcome")]
pub enum IngestOutcome {
    /// The article is new.
    Created,
    /// The article was known with the same body; nothing about it changed. Only the claims
    /// it did not have yet are created: none for a retry, which writes nothing.
    Unchanged,
    /// The article was known with another body: a revision was stored and its claims were
    /// re-anchored.
    Revised,
}

/// The result of `ingestArticle`.
#[derive(SimpleObject)]
pub struct IngestArticlePayload {
    /// What happened to the article.
    outcome: IngestOutcome,
    /// The article as it now is.
    article: Article,
    /// The claims this request created.
    claims: Vec<Claim>,
    /// How many existing claims were found at a new position in a revised body.
    reanchored: usize,
    /// How many existing claims lost their quote in a revised body (`anchorLost`).
    anchors_lost: usize,
}

#[derive(Default)]
pub struct IngestMutations;

#[Object]
impl IngestMutations {
    /// Ingests an article, the sources it needs and its claims, all in one transaction.
    /// Sending the same URL and body again changes nothing (`UNCHANGED`); a changed body is
    /// stored as a revision (`REVISED`). Claims the article already has, by `externalId` or
    /// else by text, quote and span, are not created again, so retries are safe, also in
    /// parallel. Every bad claim, including one that repeats another of the request, is
    /// reported in `extensions.items` with its index, and then nothing is written. Needs the
    /// INGEST role.
    #[graphql(guard = "RoleGuard(Role::Ingest)")]
    async fn ingest_article(
        &self,
        ctx: &Context<'_>,
        input: IngestArticleInput,
    ) -> Result<IngestArticlePayload> {
        let actor = ctx.actor()?;
        let input = into_store(input).map_err(api_error)?;
        let ingested = ctx
            .store()
            .ingest_article(actor.id, input)
            .await
            .map_err(api_error)?;
        let outcome = format!("{:?}", ingested.outcome).to_ascii_uppercase();
        metrics::counter!("claimdesk_ingested_articles_total", "outcome" => outcome).increment(1);
        metrics::counter!("claimdesk_ingested_claims_total")
            .increment(ingested.created.len() as u64);
        Ok(IngestArticlePayload {
            outcome: ingested.outcome.into(),
            article: Article::from(ingested.article),
            claims: ingested.created.into_iter().map(Claim).collect(),
            reanchored: ingested.reanchored,
            anchors_lost: ingested.anchors_lost,
        })
    }
}

fn into_store(input: IngestArticleInput) -> Result<IngestArticle, ApiError> {
    let claims = input
        .claims
        .into_iter()
        .map(|claim| {
            Ok(IngestClaim {
                external_id: claim.external_id,
                text: claim.text,
                quote: claim.quote,
                span: claim.span.map(TextSpanInput::into_span).transpose()?,
                source: claim.source.map(|source| NewSource {
                    name: source.name,
                    kind: source.kind.into(),
                    description: source.description,
                }),
                attribution: claim.attribution.into(),
                priority: claim.priority.into(),
                check_worthiness: None,
                category: None,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(IngestArticle {
        url: input.url,
        title: input.title,
        publisher: input.publisher,
        author: input.author,
        published_at: input.published_at,
        body: input.body,
        claims,
        detect: input.detect_claims,
    })
}
