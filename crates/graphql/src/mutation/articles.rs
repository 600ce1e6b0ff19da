//! `createArticle`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use claimdesk_core::Role;
use claimdesk_store::NewArticle;

use crate::{error::api_error, guard::RoleGuard, object::Article, state::ContextExt};

/// An article to record.
#[derive(InputObject)]
pub struct CreateArticleInput {
    /// Where the article is published: an absolute http or https URL. Sending the same URL
    /// with the same title and body again returns the article already recorded.
    url: String,
    /// The headline.
    title: String,
    /// Who published it.
    publisher: Option<String>,
    /// When it was published.
    published_at: Option<DateTime<Utc>>,
    /// The full text. Claim spans will count Unicode code points into it.
    body: String,
}

/// The result of `createArticle`.
#[derive(SimpleObject)]
pub struct CreateArticlePayload {
    /// The article.
    article: Article,
    /// Whether this request created it; false when it was already recorded.
    created: bool,
}

#[derive(Default)]
pub struct ArticleMutations;

#[Object]
impl ArticleMutations {
    /// Records an article. Idempotent: a retry with the same URL, title and body returns the
    /// article already recorded.
    #[graphql(guard = "RoleGuard(Role::Ingest)")]
    async fn create_article(
        &self,
        ctx: &Context<'_>,
        input: CreateArticleInput,
    ) -> Result<CreateArticlePayload> {
        let input = NewArticle {
            url: input.url,
            title: input.title,
            publisher: input.publisher,
            published_at: input.published_at,
            body: input.body,
        };
        let created = ctx.store().create_article(input).await.map_err(api_error)?;
        Ok(CreateArticlePayload {
            article: Article::from(created.record),
            created: created.created,
        })
    }
}
