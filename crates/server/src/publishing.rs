//! Published fact-checks, open to everyone: `GET /claim-reviews/{id}.jsonld` for one closed
//! review as schema.org ClaimReview, and `GET /claim-reviews.jsonld?after=&limit=` for a
//! schema.org DataFeed of all of them by when each was last published, a page at a time (a
//! `Link: rel="next"` header points to the next page). A claim whose review is not closed, or
//! whose verdict awaits approval, is 404. `GET /claim-reviews/corrections.jsonld?after=&limit=`
//! lists every published correction, newest first, paged the same way.
//!
//! `GET /claim-reviews/{id}`, the review's public `url`, serves the same document, so that the
//! URL a review gives for itself resolves.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use claimdesk_graphql::ErrorCode;
use claimdesk_store::StoreError;
use serde::Deserialize;
use serde_json::Value;

use crate::{request_error::request_error, state::AppState};

const JSON_LD: &str = "application/ld+json";
const DEFAULT_PAGE: u64 = 50;
const MAX_PAGE: u64 = 100;

/// `GET /claim-reviews/{id}.jsonld`, and `GET /claim-reviews/{id}`, the review's `url`.
pub(crate) async fn one(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let id = file.strip_suffix(".jsonld").unwrap_or(&file);
    let Ok(id) = id.parse::<i64>() else {
        return not_found("no such review; use /claim-reviews/{id}.jsonld");
    };
    match state.store.claim_review(id, &state.publisher).await {
        Ok(review) => json_ld(&review, None),
        Err(StoreError::NotFound { .. } | StoreError::NotPublished { .. }) => {
            not_found("no published review for this claim")
        }
        Err(error) => internal(&error),
    }
}

/// The paging of the feed.
#[derive(Debug, Deserialize)]
pub(crate) struct FeedPage {
    after: Option<i64>,
    limit: Option<u64>,
}

impl FeedPage {
    /// How many entries the page holds: the limit asked for, within bounds.
    fn limit(&self) -> u64 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// `GET /claim-reviews.jsonld`.
pub(crate) async fn feed(State(state): State<AppState>, Query(page): Query<FeedPage>) -> Response {
    feed_page(&state, Feed::Reviews, &page).await
}

/// `GET /claim-reviews/corrections.jsonld`.
pub(crate) async fn corrections(
    State(state): State<AppState>,
    Query(page): Query<FeedPage>,
) -> Response {
    feed_page(&state, Feed::Corrections, &page).await
}

/// A published feed.
#[derive(Clone, Copy)]
enum Feed {
    /// The reviews, by when each was last published.
    Reviews,
    /// The corrections, newest first.
    Corrections,
}

impl Feed {
    /// Where the feed is served.
    fn path(self) -> &'static str {
        match self {
            Feed::Reviews => "/claim-reviews.jsonld",
            Feed::Corrections => "/claim-reviews/corrections.jsonld",
        }
    }
}

/// The `page` of `feed` as JSON-LD, with a `Link` to the next page when there is one
/// (`next_after`, the `after` of that page).
async fn feed_page(state: &AppState, feed: Feed, page: &FeedPage) -> Response {
    let (publisher, after, limit) = (&state.publisher, page.after, page.limit());
    let read = match feed {
        Feed::Reviews => state.store.claim_review_feed(publisher, after, limit).await,
        Feed::Corrections => state.store.correction_feed(publisher, after, limit).await,
    };
    match read {
        Ok(read) => {
            let next = read.next_after.map(|after| {
                format!(
                    "<{}{}?after={after}&limit={limit}>; rel=\"next\"",
                    publisher.base_url.trim_end_matches('/'),
                    feed.path()
                )
            });
            json_ld(&read.feed, next)
        }
        Err(error) => internal(&error),
    }
}

fn json_ld(body: &Value, next: Option<String>) -> Response {
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_LD));
    if let Some(link) = next.and_then(|link| HeaderValue::from_str(&link).ok()) {
        headers.insert(header::LINK, link);
    }
    response
}

fn not_found(message: &str) -> Response {
    request_error(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
}

fn internal(error: &StoreError) -> Response {
    tracing::error!(%error, "publishing claim reviews");
    request_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "internal error",
    )
}
