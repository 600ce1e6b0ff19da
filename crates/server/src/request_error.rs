//! A request refused before GraphQL runs it (by the transport, authentication or a
//! publishing route), answered in the GraphQL response shape with a code from [`ErrorCode`].

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use claimdesk_graphql::ErrorCode;
use serde_json::json;

/// The media type of a plain JSON response.
pub(crate) const JSON: &str = "application/json";

/// A request that cannot run, answered in the GraphQL response shape.
pub(crate) fn request_error(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    field_error(status, code, message, None)
}

/// A request that cannot run because of its input `field` (in `extensions.field`, as a
/// GraphQL error names it), answered in the GraphQL response shape.
pub(crate) fn field_error(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    field: Option<&str>,
) -> Response {
    let code = code.as_str();
    crate::metrics::record_refusal(code);
    let mut extensions = json!({ "code": code });
    if let Some(field) = field {
        extensions["field"] = field.into();
    }
    crate::request_id::stamp(&mut extensions);
    let body = json!({ "errors": [{ "message": message, "extensions": extensions }] });
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    response
}
