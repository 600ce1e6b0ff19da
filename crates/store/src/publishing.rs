//! Published fact-checks: closed claims as schema.org ClaimReview JSON-LD.

use claimdesk_core::{
    ClaimStatus,
    publishing::{self, Publisher},
    records::Claim,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::{
    ClaimFilter, PageRequest, Store, StoreError,
    entities::{claim_event, imported_review},
};

/// One page of the published reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFeedPage {
    /// The DataFeed of this page's reviews.
    pub feed: Value,
    /// The claim ID to pass as `after` for the next page, when there is one.
    pub next_after: Option<i64>,
}

impl Store {
    /// The ClaimReview of the claim with `id`; only closed reviews are published.
    pub async fn claim_review(&self, id: i64, publisher: &Publisher) -> Result<Value, StoreError> {
        let claim = self.claim(id).await?;
        self.render_review(&claim, publisher).await
    }

    /// A page of published reviews, oldest claim first, as a schema.org DataFeed.
    pub async fn claim_review_feed(
        &self,
        publisher: &Publisher,
        after: Option<i64>,
        limit: u64,
    ) -> Result<ReviewFeedPage, StoreError> {
        let filter = ClaimFilter {
            statuses: vec![ClaimStatus::Closed],
            ..ClaimFilter::default()
        };
        let request = PageRequest {
            after,
            first: Some(limit),
            ..PageRequest::default()
        };
        let page = self.claims(&filter, request).await?;
        let next_after = page
            .has_next_page
            .then(|| page.items.last().map(|claim| claim.id))
            .flatten();
        let ids: Vec<i64> = page.items.iter().map(|claim| claim.id).collect();
        let imported: Vec<i64> = imported_review::Entity::find()
            .filter(imported_review::Column::ClaimId.is_in(ids))
            .all(&self.reads)
            .await?
            .into_iter()
            .map(|row| row.claim_id)
            .collect();
        let mut reviews = Vec::with_capacity(page.items.len());
        let mut newest = None;
        // Other publishers' reviews are imported to be matched, not republished.
        for claim in page
            .items
            .iter()
            .filter(|claim| !imported.contains(&claim.id))
        {
            reviews.push(self.render_review(claim, publisher).await?);
            newest = newest.max(claim.closed_at);
        }
        let modified = newest.unwrap_or_else(|| self.clock.now());
        Ok(ReviewFeedPage {
            feed: publishing::data_feed(publisher, reviews, modified),
            next_after,
        })
    }

    /// The ClaimReview of `claim` as given (such as a claim as it stood after an event), with
    /// its article and source as they are.
    pub async fn render_review(
        &self,
        claim: &Claim,
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
        let mut review = publishing::claim_review(claim, &article, source.as_ref(), publisher)
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
