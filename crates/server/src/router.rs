//! The HTTP routes.
//!
//! - `POST /graphql` runs a GraphQL request; `GET /graphql` runs a query given in the URL, or
//!   serves GraphiQL to a browser (see [`crate::graphql_http`]).
//! - `GET /graphql/ws` serves subscriptions over WebSocket (see [`crate::subscriptions`]).
//! - `GET /claim-reviews/{id}.jsonld` (also at a review's own URL, `/claim-reviews/{id}`) and
//!   `GET /claim-reviews.jsonld` publish closed reviews, and
//!   `GET /claim-reviews/corrections.jsonld` their corrections (see [`crate::publishing`]).
//! - `GET /desk` serves the editorial desk and `GET /assets/{path}` the files it and the
//!   playground load (see [`claimdesk_web`]).
//! - `GET /export/claims.csv` and `GET /export/claims.jsonl` stream the claims that pass a
//!   filter to a token's holder (see [`crate::export`]).
//! - `GET /healthz` and `GET /readyz` report liveness and readiness.
//! - `GET /metrics` serves the metrics to ADMIN tokens (see [`crate::metrics`]).
//!
//! Every request gets a request ID (see [`crate::request_id`]) and, unless metrics are off,
//! is counted and timed.

use axum::{Router, middleware, routing::get};
use tower_http::trace::TraceLayer;

use crate::{
    export, graphql_http, health, metrics, publishing, request_id, state::AppState, subscriptions,
};

/// Every route, sharing `state`.
pub(crate) fn router(state: AppState) -> Router {
    let router = Router::new()
        .route("/graphql", get(graphql_http::get).post(graphql_http::post))
        .route("/graphql/ws", get(subscriptions::upgrade))
        .route("/claim-reviews.jsonld", get(publishing::feed))
        .route(
            "/claim-reviews/corrections.jsonld",
            get(publishing::corrections),
        )
        .route("/claim-reviews/{file}", get(publishing::one))
        .route("/export/claims.csv", get(export::http::claims_csv))
        .route("/export/claims.jsonl", get(export::http::claims_jsonl))
        .route("/healthz", get(health::healthz))
        .merge(claimdesk_web::routes())
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::admin_metrics));
    let router = router.layer(TraceLayer::new_for_http());
    let router = if state.metrics.is_some() {
        router.layer(middleware::from_fn(metrics::record_requests))
    } else {
        router
    };
    router
        .layer(middleware::from_fn(request_id::with_request_id))
        .with_state(state)
}
