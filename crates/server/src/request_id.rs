//! Request IDs: every request gets the `x-request-id` it came with (when it is a plain token
//! of at most 128 characters) or a new one. The ID names the request's tracing span, so it is
//! in every log line of the request; it is sent back in the `x-request-id` header, and put in
//! `extensions.requestId` of every error the request answers with.
//!
//! A WebSocket connection is served as part of its upgrade request: its operations' log lines
//! and errors carry the ID that the `101 Switching Protocols` answer sent back.

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use serde_json::Value;
use tracing::Instrument;

/// The header that carries the ID.
pub(crate) static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    /// The ID of the request being served, for the errors it answers with.
    static CURRENT: String;
}

/// The ID of the request this task serves, if any.
pub(crate) fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Runs `work`, which outlives the request `id` (a WebSocket connection after its upgrade),
/// as part of that request: in `span`, its log lines; with [`current`], its errors.
pub(crate) async fn continued<F: Future>(
    id: Option<String>,
    span: tracing::Span,
    work: F,
) -> F::Output {
    match id {
        Some(id) => CURRENT.scope(id, work.instrument(span)).await,
        None => work.instrument(span).await,
    }
}

/// Puts the current request's ID in `extensions`, a GraphQL error's extensions object.
pub(crate) fn stamp(extensions: &mut Value) {
    if let (Some(id), Some(object)) = (current(), extensions.as_object_mut()) {
        object.insert("requestId".to_owned(), id.into());
    }
}

/// Middleware: gives the request its ID, serves it in a span named by the ID, and returns
/// the ID in the response.
pub(crate) async fn with_request_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|value| acceptable(value))
        .map_or_else(new_id, ToOwned::to_owned);
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path()
    );
    let mut response = CURRENT
        .scope(id.clone(), next.run(request).instrument(span))
        .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

/// Whether a client's ID may be used as it is: short, and of characters safe in a log.
fn acceptable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-_.:".contains(&byte))
}

/// A new random ID: 16 bytes in hex.
fn new_id() -> String {
    let mut bytes = [0_u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        return "unidentified".to_owned();
    }
    bytes
        .iter()
        .fold(String::with_capacity(32), |mut hex, byte| {
            use std::fmt::Write;
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_kept_only_when_safe_to_log() {
        assert!(acceptable("req-42.a_b:c"));
        assert!(!acceptable(""));
        assert!(!acceptable("two words"));
        assert!(!acceptable(&"x".repeat(129)));
        assert_eq!(new_id().len(), 32);
    }
}
