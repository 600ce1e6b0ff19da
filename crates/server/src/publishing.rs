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
use claimdesk_store::{FeedPage as StoreFeedPage, StoreError};
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
    let limit = page.limit();
    let feed = state
        .store
        .claim_review_feed(&state.publisher, page.after, limit)
        .await;
    feed_page(&state, "/claim-reviews.jsonld", limit, feed)
}

/// `GET /claim-reviews/corrections.jsonld`.
pub(crate) async fn corrections(
    State(state): State<AppState>,
    Query(page): Query<FeedPage>,
) -> Response {
    let limit = page.limit();
    let feed = state
        .store
        .correction_feed(&state.publisher, page.after, limit)
        .await;
    feed_page(&state, "/claim-reviews/corrections.jsonld", limit, feed)
}

/// A page of the feed at `path` as JSON-LD, with a `Link` to the next page when there is one
/// (`next_after`, the `after` of that page).
fn feed_page(
    state: &AppState,
    path: &str,
    limit: u64,
    page: Result<StoreFeedPage, StoreError>,
) -> Response {
    match page {
        Ok(page) => {
            let next = page.next_after.map(|after| {
                format!(
                    "<{}{path}?after={after}&limit={limit}>; rel=\"next\"",
                    state.publisher.base_url.trim_end_matches('/')
                )
            });
            json_ld(&page.feed, next)
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
