//! The security headers every page carries.
//!
//! The Content-Security-Policy admits only the server's own origin: scripts, styles, images,
//! fonts and connections (HTTP and WebSocket alike, which CSP Level 3 counts as `'self'`). There
//! is no `unsafe-eval` and no inline script: every script is a file under `/assets/`. Images and
//! fonts may also be `data:` URLs, which GraphiQL's stylesheet embeds its fonts and icons as.
//!
//! The playground admits one more thing: `<style>` elements carrying the nonce of its response.
//! GraphiQL's menus and dialogs lock the page's scrolling while they are open by adding such an
//! element (react-remove-scroll, which marks it with the page's nonce when there is one); the
//! nonce is fresh for every response, so injected markup cannot know it.

use axum::http::{HeaderName, HeaderValue, header};

/// The policy of the desk and of every file, one directive per concern.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
     manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The playground's policy: [`CONTENT_SECURITY_POLICY`], with `<style>` elements that carry
/// `nonce` admitted too.
pub fn playground_policy(nonce: &str) -> String {
    CONTENT_SECURITY_POLICY.replace(
        "style-src 'self';",
        &format!("style-src 'self' 'nonce-{nonce}';"),
    )
}

/// The headers sent with each page and file, beside its content type.
pub fn page_headers() -> [(HeaderName, HeaderValue); 4] {
    headers_with_policy(HeaderValue::from_static(CONTENT_SECURITY_POLICY))
}

/// [`page_headers`] with another policy.
pub(crate) fn headers_with_policy(policy: HeaderValue) -> [(HeaderName, HeaderValue); 4] {
    [
        (header::CONTENT_SECURITY_POLICY, policy),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_playground_policy_adds_only_its_nonce() {
        let policy = playground_policy("abc123");
        assert!(policy.contains("style-src 'self' 'nonce-abc123';"));
        assert_eq!(
            policy.replace(" 'nonce-abc123'", ""),
            CONTENT_SECURITY_POLICY
        );
    }
}
