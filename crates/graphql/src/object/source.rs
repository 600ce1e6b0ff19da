//! A source.

use async_graphql::{Context, ID, Object, Result, connection::Connection};
use claimdesk_core::records;
use claimdesk_store::ClaimFilter;

use crate::{
    enums::SourceKind,
    id::NodeType,
    object::{Claim, TotalCount},
    pagination::page_cost,
    query::list_claims,
};

/// Who a claim is attributed to.
pub struct Source(pub records::Source);

/// Who a claim is attributed to.
#[Object]
impl Source {
    /// The source's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Source.id(self.0.id)
    }

    /// The source's name, unique regardless of case.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What kind of entity the source is.
    async fn kind(&self) -> SourceKind {
        self.0.kind.into()
    }

    /// Who the source is, for example a title and an affiliation.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The claims attributed to this source, oldest first.
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
            source_id: Some(self.0.id),
            ..ClaimFilter::default()
        };
        list_claims(ctx, filter, after, before, first, last).await
    }
}
