//! An article.

use std::sync::Arc;

use async_graphql::{Context, ID, Object, Result, connection::Connection};
use chrono::{DateTime, Utc};
use claimdesk_core::records;
use claimdesk_store::{ClaimFilter, ClaimOrder};

use crate::{
    id::NodeType,
    object::{Claim, TotalCount},
    pagination::{PageArgs, page_cost},
    query::list_claims,
};

/// A published article that claims are taken from. Shared: each claim of a page that asks
/// for its article gets the one the request's loader read, not a copy of its body.
pub struct Article(pub Arc<records::Article>);

/// A published article that claims are taken from.
#[Object]
impl Article {
    /// The article's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Article.id(self.0.id)
    }

    /// Where the article is published.
    async fn url(&self) -> &str {
        &self.0.url
    }

    /// The headline.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// When it was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// The full text. Claim spans count Unicode code points into it.
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// Who wrote it.
    async fn author(&self) -> Option<&str> {
        self.0.author.as_deref()
    }

    /// How many versions of the body ClaimDesk has received; 1 until it is revised.
    async fn revision(&self) -> i32 {
        self.0.revision
    }

    /// When ClaimDesk received it.
    async fn ingested_at(&self) -> DateTime<Utc> {
        self.0.ingested_at
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
            article_id: Some(self.0.id),
            ..ClaimFilter::default()
        };
        let args = PageArgs {
            after,
            before,
            first,
            last,
        };
        list_claims(ctx, filter, ClaimOrder::default(), args).await
    }
}
