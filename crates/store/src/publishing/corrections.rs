//! The public record of corrections: every published verdict that replaced another, newest
//! first, a page at a time.

use chrono::{DateTime, Utc};
use claimdesk_core::publishing::{self, PublishedCorrection, Publisher};
use sea_orm::{
    ConnectionTrait,
    sea_query::{Alias, Expr, ExprTrait, Order, Query},
};

use super::FeedPage;
use crate::{Store, StoreError};

impl Store {
    /// A page of published corrections, newest first, as a schema.org DataFeed. `after` is the
    /// ID of the last correction of the previous page.
    pub async fn correction_feed(
        &self,
        publisher: &Publisher,
        after: Option<i64>,
        limit: u64,
    ) -> Result<FeedPage, StoreError> {
        let cursor = match after {
            Some(id) => corrections(&self.reads, Cursor::Exactly(id), 1)
                .await?
                .first()
                .map(|correction| (correction.published_at, id)),
            None => None,
        };
        let from = cursor.map_or(Cursor::Start, |(at, id)| Cursor::Before(at, id));
        let mut page = corrections(&self.reads, from, limit + 1).await?;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let has_next = page.len() > limit;
        page.truncate(limit);
        let next_after = has_next
            .then(|| page.last().map(|correction| correction.version_id))
            .flatten();
        let modified = page
            .first()
            .map_or_else(|| self.clock.now(), |correction| correction.published_at);
        Ok(FeedPage {
            feed: publishing::correction_feed(publisher, &page, modified),
            next_after,
        })
    }
}

/// Where a read of corrections starts.
#[derive(Clone, Copy)]
enum Cursor {
    /// At the newest.
    Start,
    /// After the one published at that time with that ID, going back in time.
    Before(DateTime<Utc>, i64),
    /// The one with this ID alone.
    Exactly(i64),
}

/// Published corrections from `cursor`, newest first; at most `limit`.
async fn corrections(
    db: &impl ConnectionTrait,
    cursor: Cursor,
    limit: u64,
) -> Result<Vec<PublishedCorrection>, StoreError> {
    let verdicts = Alias::new("claim_verdicts");
    let claims = Alias::new("claims");
    let column = |name: &str| Expr::col((verdicts.clone(), Alias::new(name)));
    let mut query = Query::select();
    query
        .expr_as(column("id"), Alias::new("id"))
        .expr_as(column("claim_id"), Alias::new("claim_id"))
        .expr_as(column("correction"), Alias::new("correction"))
        .expr_as(column("published_at"), Alias::new("published_at"))
        .expr_as(
            Expr::col((claims.clone(), Alias::new("text"))),
            Alias::new("text"),
        )
        .from(verdicts.clone())
        .inner_join(
            claims.clone(),
            Expr::col((claims, Alias::new("id")))
                .equals((verdicts.clone(), Alias::new("claim_id"))),
        )
        .and_where(column("correction").is_not_null())
        .and_where(column("published_at").is_not_null())
        .order_by_expr(column("published_at"), Order::Desc)
        .order_by_expr(column("id"), Order::Desc)
        .limit(limit);
    match cursor {
        Cursor::Start => {}
        Cursor::Before(at, id) => {
            query.and_where(
                column("published_at")
                    .lt(at)
                    .or(column("published_at").eq(at).and(column("id").lt(id))),
            );
        }
        Cursor::Exactly(id) => {
            query.and_where(column("id").eq(id));
        }
    }
    let rows = db.query_all(&query).await?;
    rows.into_iter()
        .map(|row| {
            Ok(PublishedCorrection {
                version_id: row.try_get("", "id")?,
                claim_id: row.try_get("", "claim_id")?,
                claim_text: row.try_get("", "text")?,
                text: row.try_get("", "correction")?,
                published_at: row.try_get("", "published_at")?,
            })
        })
        .collect()
}
