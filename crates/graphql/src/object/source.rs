//! A source.

use async_graphql::{Context, ID, Object, Result, SimpleObject, connection::Connection};
use claimdesk_core::records;
use claimdesk_store::{ClaimFilter, ClaimOrder};

use crate::{
    enums::{SourceKind, Verdict, counted},
    id::NodeType,
    loader,
    object::{Claim, TotalCount, list_claims},
    pagination::{PageArgs, page_cost},
};

/// Who a claim is attributed to.
pub struct Source(pub records::Source);

/// How many of a source's claims were closed with a verdict.
#[derive(SimpleObject)]
pub struct SourceVerdictCount {
    /// The verdict.
    verdict: Verdict,
    /// How many of the source's claims have it.
    count: u64,
}

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

    /// How many claims are attributed to this source.
    async fn claim_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(loader::source_counts(ctx, self.0.id).await?.total)
    }

    /// How many of this source's claims were closed with each verdict (published: not those
    /// awaiting approval).
    async fn claims_by_verdict(&self, ctx: &Context<'_>) -> Result<Vec<SourceVerdictCount>> {
        let counts = loader::source_counts(ctx, self.0.id).await?;
        Ok(counted(&counts.by_verdict, |verdict, count| {
            SourceVerdictCount { verdict, count }
        }))
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
        let args = PageArgs::new(after, before, first, last);
        list_claims(ctx, filter, ClaimOrder::default(), args).await
    }
}
