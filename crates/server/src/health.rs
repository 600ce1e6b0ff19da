//! `/healthz` and `/readyz`.

use axum::{Json, extract::State, http::StatusCode};
use claimdesk_store::Store;
use serde_json::{Value, json};

/// The process is up.
pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The database answers, and the live-event listener hears other instances.
pub(crate) async fn readyz(State(store): State<Store>) -> (StatusCode, Json<Value>) {
    let database = match store.ping().await {
        Ok(()) => "ok",
        Err(error) => {
            tracing::warn!(%error, "readiness check: the database does not answer");
            "unreachable"
        }
    };
    let listener = if store.is_listening() {
        "ok"
    } else {
        "reconnecting"
    };
    let ready = database == "ok" && listener == "ok";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let summary = if ready { "ready" } else { "unavailable" };
    let body = json!({ "status": summary, "database": database, "eventListener": listener });
    (status, Json(body))
}
