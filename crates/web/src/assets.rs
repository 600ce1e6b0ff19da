//! The embedded files under `/assets/`, each with its type and an entity tag from its SHA-256,
//! so that a browser revalidates cheaply instead of loading a file again.

use axum::{
    extract::Path,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use rust_embed::RustEmbed;

use crate::policy::page_headers;

/// Every file of `crates/web/assets/`.
#[derive(RustEmbed)]
#[folder = "assets/"]
pub(crate) struct Assets;

/// `GET /assets/{path}`.
pub(crate) async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = Assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = entity_tag(&file.metadata.sha256_hash());
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    let etag = HeaderValue::from_str(&etag).expect("a hex entity tag is a valid header");
    if fresh {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    let content_type = HeaderValue::from_static(content_type(&path));
    (
        page_headers(),
        [(header::CONTENT_TYPE, content_type), (header::ETAG, etag)],
        file.data,
    )
        .into_response()
}

fn entity_tag(sha256: &[u8; 32]) -> String {
    format!("\"{}\"", hex(sha256))
}

/// `bytes` in lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// The media type of a file, by its extension; the desk and the playground use only these.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        // GraphQL documents have no registered media type of their own.
        Some("txt" | "md" | "graphql") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
