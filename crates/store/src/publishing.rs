//! Published fact-checks: closed claims as schema.org ClaimReview JSON-LD, the feed of all of
//! them by the time each was last published, and the feed of corrections (`corrections.rs`).

mod corrections;

use chrono::{DateTime, Utc};
use claimdesk_core::{
    publishing::{self, Publisher},
    records::{Claim, VerdictVersion},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Order, Query},
};
use serde_json::Value;

use crate::{
    Store, StoreError,
    entities::{claim, claim_event, claim_verdict, imported_review},
    verdicts,
};

/// One page of a published feed: of the reviews, or of the corrections.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    /// The DataFeed of this page's reviews or corrections.
    pub feed: Value,
    /// What to pass as `after` for the next page, when there is one: the ID of this page's
    /// last claim (reviews) or last correction (corrections).
    pub next_after: Option<i64>,
}

impl Store {
    /// The ClaimReview of the claim with `id`; only closed reviews are published.
    pub async fn claim_review(&self, id: i64, publisher: &Publisher) -> Result<Value, StoreError> {
        let claim = self.claim(id).await?;
        let versions = verdicts::versions(&self.reads, id).await?;
        self.render_review(&claim, &versions, publisher).await
    }

    /// A page of published reviews as a schema.org DataFeed, in the order they were last
    /// published (`dateModified`, or `datePublished` for an uncorrected review), so that a
    /// corrected review comes again after the ones published before its correction. `after`
    /// is the claim ID of the last review of the previous page.
    pub async fn claim_review_feed(
        &self,
        publisher: &Publisher,
        after: Option<i64>,
        limit: u64,
    ) -> Result<FeedPage, StoreError> {
        let cursor = match after {
            Some(claim_id) => last_published(&self.reads, claim_id)
                .await?
                .map(|at| (at, claim_id)),
            None => None,
        };
        let mut page = published_claims(&self.reads, cursor, limit + 1).await?;
        let has_next = page.len() > usize::try_from(limit).unwrap_or(usize::MAX);
        page.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_after = has_next.then(|| page.last().map(|(id, _)| *id)).flatten();
        let ids: Vec<i64> = page.iter().map(|(id, _)| *id).collect();
        let mut claims: std::collections::HashMap<i64, Claim> = claim::Entity::find()
            .filter(claim::Column::Id.is_in(ids.clone()))
            .all(&self.reads)
            .await?
            .into_iter()
            .map(|row| Claim::try_from(row).map(|claim| (claim.id, claim)))
            .collect::<Result<_, _>>()?;
        let mut versions = self.verdicts_by_claim(&ids).await?;
        let imported: Vec<i64> = imported_review::Entity::find()
            .filter(imported_review::Column::ClaimId.is_in(ids.clone()))
            .all(&self.reads)
            .await?
            .into_iter()
            .map(|row| row.claim_id)
            .collect();
        let mut reviews = Vec::with_capacity(page.len());
        // Other publishers' reviews are imported to be matched, not republished.
        for id in ids.iter().filter(|id| !imported.contains(id)) {
            let claim = claims
                .remove(id)
                .ok_or(StoreError::not_found("claim", *id))?;
            let versions = versions.remove(id).unwrap_or_default();
            reviews.push(self.render_review(&claim, &versions, publisher).await?);
        }
        let modified = page
            .iter()
            .map(|(_, at)| *at)
            .max()
            .unwrap_or_else(|| self.clock.now());
        Ok(FeedPage {
            feed: publishing::data_feed(publisher, reviews, modified),
            next_after,
        })
    }

    /// The ClaimReview of `claim` as given (such as a claim as it stood after an event), with
    /// its article and source as they are.
    pub async fn render_review(
        &self,
        claim: &Claim,
        versions: &[VerdictVersion],
        publisher: &Publisher,
    ) -> Result<Value, StoreError> {
        let article = self.article(claim.article_id).await?;
        let source = match claim.source_id {
            Some(id) => Some(self.source(id).await?),
            None => None,
        };
        if imported_review::Entity::find_by_id(claim.id)
            .one(&self.reads)
            .await?
            .is_some()
        {
            return Err(StoreError::NotPublished { claim_id: claim.id });
        }
        let mut review =
            publishing::claim_review(claim, versions, &article, source.as_ref(), publisher)
                .map_err(|_| StoreError::NotPublished { claim_id: claim.id })?;
        if let Some(url) = self.verdict_based_on(claim.id).await? {
            publishing::based_on(&mut review, &url);
        }
        Ok(review)
    }

    /// The review the claim's verdict was taken from, when its last closing applied a
    /// matched verdict (`apply_matched_verdict`).
    async fn verdict_based_on(&self, claim_id: i64) -> Result<Option<String>, StoreError> {
        let closed = claim_event::Entity::find()
            .filter(claim_event::Column::ClaimId.eq(claim_id))
            .filter(claim_event::Column::Kind.eq(claimdesk_core::EventKind::Closed.as_ref()))
            .order_by_desc(claim_event::Column::Id)
            .one(&self.reads)
            .await?;
        Ok(closed.and_then(|event| event.detail.get("basedOn")?.as_str().map(str::to_owned)))
    }
}

/// When the claim's latest verdict was published, if ever.
async fn last_published(
    db: &impl ConnectionTrait,
    claim_id: i64,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(claim_verdict::Entity::find()
        .select_only()
        .column_as(Expr::col(claim_verdict::Column::PublishedAt).max(), "at")
        .filter(claim_verdict::Column::ClaimId.eq(claim_id))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten())
}

/// The closed claims with when each was last published, in that order and then by ID, after
/// `cursor`; at most `limit`.
async fn published_claims(
    db: &impl ConnectionTrait,
    cursor: Option<(DateTime<Utc>, i64)>,
    limit: u64,
) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
    let verdicts = Alias::new("claim_verdicts");
    let claims = Alias::new("claims");
    let claim_id = Expr::col((verdicts.clone(), Alias::new("claim_id")));
    let modified = Expr::col((verdicts.clone(), Alias::new("published_at"))).max();
    let mut query = Query::select();
    query
        .expr_as(claim_id.clone(), Alias::new("claim_id"))
        .expr_as(modified.clone(), Alias::new("modified"))
        .from(verdicts.clone())
        .inner_join(
            claims.clone(),
            Expr::col((claims.clone(), Alias::new("id")))
                .equals((verdicts.clone(), Alias::new("claim_id"))),
        )
        .and_where(Expr::col((verdicts.clone(), Alias::new("published_at"))).is_not_null())
        .and_where(
            Expr::col((claims, Alias::new("status")))
                .eq(claimdesk_core::ClaimStatus::Closed.as_ref()),
        )
        .group_by_col((verdicts, Alias::new("claim_id")))
        .order_by(Alias::new("modified"), Order::Asc)
        .order_by(Alias::new("claim_id"), Order::Asc)
        .limit(limit);
    if let Some((at, after)) = cursor {
        query.and_having(
            modified
                .clone()
                .gt(at)
                .or(modified.eq(at).and(claim_id.gt(after))),
        );
    }
    let rows = db.query_all(&query).await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                row.try_get::<i64>("", "claim_id")?,
                row.try_get::<DateTime<Utc>>("", "modified")?,
            ))
        })
        .collect()
}
