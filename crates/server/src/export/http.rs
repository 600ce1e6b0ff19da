//! `GET /export/claims.csv` and `GET /export/claims.jsonl`: the export of the claims that
//! pass `?filter=` (the JSON of a GraphQL `ClaimFilter`), streamed.
//!
//! A request needs a token, as `/graphql` does (401 `UNAUTHENTICATED` without one); a filter
//! the `claims` field would refuse gets 400 `BAD_USER_INPUT`. A failure after the first page
//! has been sent can no longer change the status: the body is cut short, which a client sees
//! as an incomplete response, and the cause is logged.

use axum::{
    body::Body,
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use claimdesk_graphql::{ApiError, ErrorCode, claim_filter_from_json};
use futures::TryStreamExt;
use serde::Deserialize;

use super::{ExportFormat, claim_export};
use crate::{
    request_error::{field_error, request_error},
    state::AppState,
};

/// The query string of an export.
#[derive(Debug, Deserialize)]
pub(crate) struct ExportQuery {
    /// A `ClaimFilter` as JSON; all claims without it.
    filter: Option<String>,
}

/// `GET /export/claims.csv`.
pub(crate) async fn claims_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Response {
    export(&state, &headers, query, ExportFormat::Csv).await
}

/// `GET /export/claims.jsonl`.
pub(crate) async fn claims_jsonl(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Response {
    export(&state, &headers, query, ExportFormat::Jsonl).await
}

async fn export(
    state: &AppState,
    headers: &HeaderMap,
    query: Result<Query<ExportQuery>, QueryRejection>,
    format: ExportFormat,
) -> Response {
    if let Err(refusal) = state.auth.actor(headers).await {
        return refusal;
    }
    let Query(query) = match query {
        Ok(query) => query,
        Err(rejection) => {
            let message = rejection.body_text();
            return request_error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, &message);
        }
    };
    let filter = match claim_filter_from_json(query.filter.as_deref().unwrap_or("{}")) {
        Ok(filter) => filter,
        Err(error) => return bad_filter(&error),
    };
    let chunks = claim_export(state.store.clone(), filter, format).inspect_err(|error| {
        tracing::error!(%error, "the export stopped part-way");
    });
    let extension = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Jsonl => "jsonl",
    };
    let disposition = format!("attachment; filename=\"claims.{extension}\"");
    let mut response = Body::from_stream(chunks).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    if let Ok(disposition) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// The 400 for a filter the `claims` field would refuse, with its code and field.
fn bad_filter(error: &ApiError) -> Response {
    let field = match error {
        ApiError::BadUserInput { field, .. } => field.as_deref(),
        _ => None,
    };
    field_error(
        StatusCode::BAD_REQUEST,
        error.code(),
        &error.to_string(),
        field,
    )
}
