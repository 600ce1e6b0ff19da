//! The server's metrics, recorded through the `metrics` facade and rendered in Prometheus's
//! text format by `metrics-exporter-prometheus` at `GET /metrics`.
//!
//! - `claimdesk_http_requests_total{route, status}` and
//!   `claimdesk_http_request_duration_seconds{route}`: every HTTP request.
//! - `claimdesk_graphql_operations_total{operation, outcome}` and
//!   `claimdesk_graphql_operation_duration_seconds{operation}`: GraphQL operations by name,
//!   with `ok` or the first error's code.
//! - `claimdesk_refused_requests_total{code}`: requests refused before GraphQL ran them
//!   (`RATE_LIMITED`, `UNAUTHENTICATED`, `PAYLOAD_TOO_LARGE`, …).
//! - `claimdesk_sql_statements_total{outcome}` and `claimdesk_sql_statement_duration_seconds`.
//! - `claimdesk_db_connections{pool, state}`, `claimdesk_live_subscribers` and
//!   `claimdesk_event_listener_up`: read from the store when scraped.
//! - `claimdesk_ingested_articles_total{outcome}` and `claimdesk_ingested_claims_total`
//!   (recorded by the GraphQL layer).
//! - `claimdesk_webhook_attempts_total{webhook, outcome}` (`succeeded` or `failed`) and
//!   `claimdesk_webhooks_disabled_total`, as this instance delivers; and
//!   `claimdesk_webhook_backlog{webhook}`, every endpoint's pending deliveries, read from the
//!   database when scraped, so that each instance shows the whole outbox.
//!
//! `/metrics` needs an ADMIN token on the main address; `--metrics-bind` serves it without a
//! token on an address of its own, for a scraper on a private network.

use std::{sync::OnceLock, time::Duration};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use claimdesk_core::Role;
use claimdesk_store::Store;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::state::AppState;

/// Latency buckets, in seconds: from a cached read to a slow export.
const BUCKETS: [f64; 14] = [
    0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder, installed once: the `metrics` facade has one global recorder, and
/// tests run several servers in one process.
static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// The handle that renders the metrics, installing the recorder on first use.
pub(crate) fn recorder() -> PrometheusHandle {
    RECORDER
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets(&BUCKETS)
                .expect("buckets are not empty")
                .install_recorder()
                .expect("no other metrics recorder is installed")
        })
        .clone()
}

/// Records every SQL statement `store` runs.
pub(crate) fn observe_statements(store: &mut Store) {
    store.observe_statements(|elapsed: Duration, failed: bool| {
        let outcome = if failed { "failed" } else { "ok" };
        metrics::counter!("claimdesk_sql_statements_total", "outcome" => outcome).increment(1);
        metrics::histogram!("claimdesk_sql_statement_duration_seconds").record(elapsed);
    });
}

/// Middleware: counts and times every request by its route and status.
pub(crate) async fn record_requests(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("claimdesk_http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("claimdesk_http_request_duration_seconds", "route" => route)
        .record(started.elapsed());
    response
}

/// Records a GraphQL operation: its name (`anonymous` without one) and its outcome, `ok` or
/// the code of its first error.
pub(crate) fn record_operation(name: Option<&str>, outcome: &str, elapsed: Duration) {
    let name = operation_label(name);
    metrics::counter!("claimdesk_graphql_operations_total",
        "operation" => name.clone(), "outcome" => outcome.to_owned())
    .increment(1);
    metrics::histogram!("claimdesk_graphql_operation_duration_seconds", "operation" => name)
        .record(elapsed);
}

/// An operation name fit for a label: names are the client's, so anything but a plain
/// GraphQL name of at most 64 characters is counted as `other`.
fn operation_label(name: Option<&str>) -> String {
    match name {
        None => "anonymous".to_owned(),
        Some(name)
            if name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            name.to_owned()
        }
        Some(_) => "other".to_owned(),
    }
}

/// Counts a request refused before GraphQL ran it.
pub(crate) fn record_refusal(code: &str) {
    metrics::counter!("claimdesk_refused_requests_total", "code" => code.to_owned()).increment(1);
}

/// Counts an attempt to deliver to endpoint `webhook`.
pub(crate) fn record_webhook_attempt(webhook: i64, succeeded: bool) {
    let outcome = if succeeded { "succeeded" } else { "failed" };
    metrics::counter!("claimdesk_webhook_attempts_total",
        "webhook" => webhook.to_string(), "outcome" => outcome)
    .increment(1);
}

/// Counts an endpoint disabled by this instance's deliveries.
pub(crate) fn record_webhook_disabled() {
    metrics::counter!("claimdesk_webhooks_disabled_total").increment(1);
}

/// Sets every endpoint's backlog gauge from the outbox; a failing read leaves them as they were.
async fn read_webhook_backlogs(store: &Store) {
    let (Ok(webhooks), Ok(backlogs)) = (store.webhooks().await, store.webhook_backlogs().await)
    else {
        return;
    };
    for webhook in webhooks {
        let pending = backlogs
            .iter()
            .find(|(id, _)| *id == webhook.id)
            .map_or(0, |(_, pending)| *pending);
        metrics::gauge!("claimdesk_webhook_backlog", "webhook" => webhook.id.to_string())
            .set(u32::try_from(pending).map_or(f64::MAX, f64::from));
    }
}

/// The metrics as Prometheus text, with the store's gauges read now.
pub(crate) async fn render(store: &Store, handle: &PrometheusHandle) -> Response {
    read_webhook_backlogs(store).await;
    for (pool, open, idle) in store.pool_use() {
        let busy = open.saturating_sub(u32::try_from(idle).unwrap_or(u32::MAX));
        metrics::gauge!("claimdesk_db_connections", "pool" => pool, "state" => "idle")
            .set(f64::from(u32::try_from(idle).unwrap_or(u32::MAX)));
        metrics::gauge!("claimdesk_db_connections", "pool" => pool, "state" => "busy")
            .set(f64::from(busy));
    }
    let subscribers = u32::try_from(store.live_subscribers()).unwrap_or(u32::MAX);
    metrics::gauge!("claimdesk_live_subscribers").set(f64::from(subscribers));
    metrics::gauge!("claimdesk_event_listener_up").set(if store.is_listening() {
        1.0
    } else {
        0.0
    });
    handle.run_upkeep();
    let mut response = handle.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// `GET /metrics` on the main address: for an ADMIN token only.
pub(crate) async fn admin_metrics(State(state): State<AppState>, request: Request) -> Response {
    let actor = match state.auth.actor(request.headers()).await {
        Ok(actor) => actor,
        Err(refusal) => return refusal,
    };
    if !actor.0.role.includes(Role::Admin) {
        return (
            StatusCode::FORBIDDEN,
            "the metrics need a token with the ADMIN role",
        )
            .into_response();
    }
    match &state.metrics {
        Some(handle) => render(&state.store, handle).await,
        None => (StatusCode::NOT_FOUND, "metrics are off (--no-metrics)").into_response(),
    }
}
