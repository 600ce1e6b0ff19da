//! Claims: one by ID, or a filtered connection.

use async_graphql::{Context, ID, InputObject, Object, Result, connection::Connection};
use chrono::{DateTime, Utc};
use claimdesk_core::validation::{ValidationError, limits, optional_text};
use claimdesk_store::{ClaimFilter as StoreClaimFilter, SearchTerms};

use super::claim_order::ClaimOrder;
use crate::{
    ApiError,
    enums::{ClaimCategory, ClaimStatus, MatchState, Priority, Verdict, domain_values},
    error::api_error,
    id::NodeType,
    object::{Claim, TotalCount, list_claims},
    pagination::{PageArgs, page_cost},
    state::ContextExt,
};

/// Which claims to list. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct ClaimFilter {
    /// Claims in any of these statuses.
    status: Option<Vec<ClaimStatus>>,
    /// Claims taken from this article.
    article_id: Option<ID>,
    /// Claims attributed to this source.
    source_id: Option<ID>,
    /// Claims attributed to a source whose name contains this text, regardless of case.
    source_name: Option<String>,
    /// Claims whose quote a revision of the article removed (true), or the others (false).
    anchor_lost: Option<bool>,
    /// Claims the detector scored at least this check-worthy (0 to 1).
    min_check_worthiness: Option<f64>,
    /// Claims the detector put in any of these categories.
    category: Option<Vec<ClaimCategory>>,
    /// Claims with any of these verdicts: closed, or awaiting approval with it (combine with
    /// `status` to tell them apart).
    verdict: Option<Vec<Verdict>>,
    /// Claims of any of these priorities.
    priority: Option<Vec<Priority>>,
    /// Claims assigned to this user.
    assignee_id: Option<ID>,
    /// Claims assigned to nobody (true) or to somebody (false).
    unassigned: Option<bool>,
    /// Claims flagged before this instant.
    flagged_before: Option<DateTime<Utc>>,
    /// Claims flagged at or after this instant.
    flagged_after: Option<DateTime<Utc>>,
    /// Claims recorded before this instant.
    created_before: Option<DateTime<Utc>>,
    /// Claims recorded at or after this instant.
    created_after: Option<DateTime<Utc>>,
    /// Claims with at least one piece of evidence (true) or none (false).
    has_evidence: Option<bool>,
    /// Claims whose text, quote or source name holds every word of this search, each as the
    /// start of a word ("llam" finds "Llama"), regardless of case. Punctuation is ignored.
    search: Option<String>,
    /// Claims with a stored match in any of these states.
    match_state: Option<Vec<MatchState>>,
    /// Claims with a match to a CLOSED claim (true), or without one (false): with
    /// `matchState`, the same match must be in one of those states, else any match but a
    /// REJECTED one counts. `{matchState: [SUGGESTED], hasClosedMatch: true}` lists the new
    /// copies of claims already checked.
    has_closed_match: Option<bool>,
}

impl ClaimFilter {
    pub(crate) fn into_store(self) -> Result<StoreClaimFilter, ApiError> {
        optional_text(
            "filter.sourceName",
            self.source_name.as_deref(),
            limits::NAME,
        )?;
        Ok(StoreClaimFilter {
            statuses: domain_values(self.status),
            article_id: NodeType::Article
                .optional_row_id("filter.articleId", self.article_id.as_ref())?,
            source_id: NodeType::Source
                .optional_row_id("filter.sourceId", self.source_id.as_ref())?,
            source_name: self.source_name,
            anchor_lost: self.anchor_lost,
            min_check_worthiness: self.min_check_worthiness,
            categories: self
                .category
                .unwrap_or_default()
                .into_iter()
                .map(|category| {
                    claimdesk_core::detect::ClaimCategory::from(category)
                        .as_ref()
                        .to_owned()
                })
                .collect(),
            verdicts: domain_values(self.verdict),
            priorities: domain_values(self.priority),
            assignee_id: NodeType::User
                .optional_row_id("filter.assigneeId", self.assignee_id.as_ref())?,
            unassigned: self.unassigned,
            flagged_before: self.flagged_before,
            flagged_after: self.flagged_after,
            created_before: self.created_before,
            created_after: self.created_after,
            has_evidence: self.has_evidence,
            search: self
                .search
                .as_deref()
                .map(|search| {
                    optional_text("filter.search", Some(search), limits::NAME)?;
                    SearchTerms::parse(search)
                        .map_err(|error| ValidationError::new("filter.search", error.problem))
                })
                .transpose()?,
            match_states: domain_values(self.match_state),
            has_closed_match: self.has_closed_match,
        })
    }
}

#[derive(Default)]
pub struct ClaimsQuery;

#[Object]
impl ClaimsQuery {
    /// The claim with this ID. An unknown ID is a `NOT_FOUND` error.
    async fn claim(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Claim>> {
        let id = NodeType::Claim.row_id("id", &id).map_err(api_error)?;
        ctx.store()
            .claim(id)
            .await
            .map(|claim| Some(Claim(claim)))
            .map_err(api_error)
    }

    /// The claims that pass `filter`, in `orderBy` order, as a Relay connection. Without
    /// `orderBy` the list is oldest first, or best match first when `filter.search` is given.
    /// Every order pages both ways, by keyset.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments, reason = "the Relay paging arguments")]
    async fn claims(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClaimFilter>,
        order_by: Option<ClaimOrder>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Claim, TotalCount>> {
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let order = ClaimOrder::into_store(order_by, filter.search.is_some());
        let args = PageArgs::new(after, before, first, last);
        list_claims(ctx, filter, order, args).await
    }
}
