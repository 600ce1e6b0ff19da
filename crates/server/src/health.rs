//! `/healthz` and `/readyz`.

use axum::{Json, extract::State, http::StatusCode};
use claimdesk_store::Store;
use serde_json::{Value, json};

/// The process is up.
pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The database answers.
pub(crate) async fn readyz(State(store): State<Store>) -> (StatusCode, Json<Value>) {
    match store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": "ok" })),
        ),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}
