//! The security headers every page carries.
//!
//! The Content-Security-Policy admits only the server's own origin: scripts, styles, images,
//! fonts and connections (HTTP and WebSocket alike, which CSP Level 3 counts as `'self'`). There
//! is no `unsafe-eval` and no inline script or style: every script is a file under `/assets/`.

use axum::http::{HeaderName, HeaderValue, header};

/// The policy, one directive per concern.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
     manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The headers sent with each page, beside its content type.
pub fn page_headers() -> [(HeaderName, HeaderValue); 4] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ]
}
