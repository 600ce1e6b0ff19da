//! An article.

use std::sync::Arc;

use async_graphql::{Context, ID, Object, Result, connection::Connection};
use chrono::{DateTime, Utc};
use claimdesk_core::records;
use claimdesk_store::{ClaimFilter, ClaimOrder};

use crate::{
    id::NodeType,
    loader,
    object::{Claim, TotalCount, list_claims},
    pagination::{PageArgs, page_cost},
};

/// A published article that claims are taken from. Shared: each claim of a page that asks
/// for its article gets the one the request's loader read.
pub struct Article {
    record: Arc<records::Article>,
    /// Whether `record` holds the body. The articles of a page of claims are read without
    /// it, and a body asked for is then read in a batch of its own.
    with_body: bool,
}

impl From<records::Article> for Article {
    fn from(record: records::Article) -> Self {
        Self {
            record: Arc::new(record),
            with_body: true,
        }
    }
}

impl Article {
    /// An article read without its body.
    pub(crate) fn without_body(record: Arc<records::Article>) -> Self {
        Self {
            record,
            with_body: false,
        }
    }
}

/// A published article that claims are taken from.
#[Object]
impl Article {
    /// The article's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Article.id(self.record.id)
    }

    /// Where the article is published.
    async fn url(&self) -> &str {
        &self.record.url
    }

    /// The headline.
    async fn title(&self) -> &str {
        &self.record.title
    }

    /// Who published it.
    async fn publisher(&self) -> Option<&str> {
        self.record.publisher.as_deref()
    }

    /// When it was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.record.published_at
    }

    /// The full text. Claim spans count Unicode code points into it.
    async fn body(&self, ctx: &Context<'_>) -> Result<String> {
        if self.with_body {
            return Ok(self.record.body.clone());
        }
        loader::article_body(ctx, self.record.id).await
    }

    /// Who wrote it.
    async fn author(&self) -> Option<&str> {
        self.record.author.as_deref()
    }

    /// How many versions of the body ClaimDesk has received; 1 until it is revised.
    async fn revision(&self) -> i32 {
        self.record.revision
    }

    /// When ClaimDesk received it.
    async fn ingested_at(&self) -> DateTime<Utc> {
        self.record.ingested_at
    }

    /// The claims taken from this article, oldest first.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn claims(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Claim, TotalCount>> {
        let filter = ClaimFilter {
            article_id: Some(self.record.id),
            ..ClaimFilter::default()
        };
        let args = PageArgs::new(after, before, first, last);
        list_claims(ctx, filter, ClaimOrder::default(), args).await
    }
}
