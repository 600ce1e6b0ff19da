//! Claims: one by ID, or a filtered connection.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, connection::Connection};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use claimdesk_core::validation::{limits, optional_text};
use claimdesk_store::{ClaimFilter as StoreClaimFilter, WorthinessCursor};

use crate::{
    ApiError,
    enums::{ClaimCategory, ClaimStatus, Priority, Verdict},
    error::api_error,
    id::NodeType,
    loader,
    object::{Claim, TotalCount},
    pagination::{PageArgs, connection, page_cost},
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
    /// Claims closed with any of these verdicts.
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
}

/// The order of a list of claims.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimOrder {
    /// Oldest first. Pages both ways.
    #[default]
    OldestFirst,
    /// Most check-worthy first; claims the detector did not score come last, ties oldest
    /// first. Pages forward only (`first`, `after`).
    MostCheckWorthy,
}

impl ClaimFilter {
    pub(crate) fn into_store(self) -> Result<StoreClaimFilter, ApiError> {
        optional_text(
            "filter.sourceName",
            self.source_name.as_deref(),
            limits::NAME,
        )?;
        Ok(StoreClaimFilter {
            statuses: self
                .status
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            article_id: self
                .article_id
                .map(|id| NodeType::Article.row_id("filter.articleId", &id))
                .transpose()?,
            source_id: self
                .source_id
                .map(|id| NodeType::Source.row_id("filter.sourceId", &id))
                .transpose()?,
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
            verdicts: self
                .verdict
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            priorities: self
                .priority
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            assignee_id: self
                .assignee_id
                .map(|id| NodeType::User.row_id("filter.assigneeId", &id))
                .transpose()?,
            unassigned: self.unassigned,
            flagged_before: self.flagged_before,
            flagged_after: self.flagged_after,
            created_before: self.created_before,
            created_after: self.created_after,
            has_evidence: self.has_evidence,
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

    /// The claims that pass `filter`, in `orderBy` order (oldest first by default), as a
    /// Relay connection.
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments, reason = "the Relay paging arguments")]
    async fn claims(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClaimFilter>,
        #[graphql(default)] order_by: ClaimOrder,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, Claim, TotalCount>> {
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        match order_by {
            ClaimOrder::OldestFirst => list_claims(ctx, filter, after, before, first, last).await,
            ClaimOrder::MostCheckWorthy => {
                most_check_worthy(
                    ctx,
                    filter,
                    PageArgs {
                        after,
                        before,
                        first,
                        last,
                    },
                )
                .await
            }
        }
    }
}

/// A page of the claims that pass `filter`, most check-worthy first.
async fn most_check_worthy(
    ctx: &Context<'_>,
    filter: StoreClaimFilter,
    args: PageArgs,
) -> Result<Connection<String, Claim, TotalCount>> {
    if args.last.is_some() || args.before.is_some() {
        let error = ApiError::bad_input(
            "orderBy",
            "MOST_CHECK_WORTHY pages forward only: use first and after",
        );
        return Err(api_error(error));
    }
    let first = args.request().map_err(api_error)?.first.unwrap_or_default();
    let after = args
        .after
        .as_deref()
        .map(decode_worthiness_cursor)
        .transpose()
        .map_err(api_error)?;
    let (claims, more) = ctx
        .store()
        .claims_by_check_worthiness(&filter, after, first)
        .await
        .map_err(api_error)?;
    let mut connection = Connection::with_additional_fields(
        after.is_some(),
        more,
        TotalCount::Claims(Box::new(filter)),
    );
    connection.edges = claims
        .into_iter()
        .map(|claim| {
            let cursor = encode_worthiness_cursor(WorthinessCursor {
                score: claim.check_worthiness,
                id: claim.id,
            });
            async_graphql::connection::Edge::new(cursor, Claim(claim))
        })
        .collect();
    Ok(connection)
}

const WORTHINESS_CURSOR: &str = "worthiness:";

fn encode_worthiness_cursor(cursor: WorthinessCursor) -> String {
    let score = cursor
        .score
        .map_or_else(|| "-".to_owned(), |score| score.to_string());
    URL_SAFE_NO_PAD.encode(format!("{WORTHINESS_CURSOR}{score}:{}", cursor.id))
}

fn decode_worthiness_cursor(cursor: &str) -> Result<WorthinessCursor, ApiError> {
    let invalid = || ApiError::bad_input("after", "is not a cursor from this list");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (score, id) = text
        .strip_prefix(WORTHINESS_CURSOR)
        .and_then(|rest| rest.split_once(':'))
        .ok_or_else(invalid)?;
    let score = if score == "-" {
        None
    } else {
        Some(score.parse::<f64>().map_err(|_| invalid())?)
    };
    Ok(WorthinessCursor {
        score,
        id: id.parse().map_err(|_| invalid())?,
    })
}

/// A page of the claims that pass `filter`; shared by `claims` and the objects that list claims.
pub(crate) async fn list_claims(
    ctx: &Context<'_>,
    filter: StoreClaimFilter,
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
) -> Result<Connection<String, Claim, TotalCount>> {
    let request = PageArgs {
        after,
        before,
        first,
        last,
    }
    .request()
    .map_err(api_error)?;
    let page = ctx
        .store()
        .claims(&filter, request)
        .await
        .map_err(api_error)?;
    let node = ctx.look_ahead().field("edges").field("node");
    loader::prefetch_for_claims(ctx, &node, &page.items).await?;
    Ok(connection(
        page,
        |claim| claim.id,
        Claim,
        TotalCount::Claims(Box::new(filter)),
    ))
}
