//! The two HTML pages. Each is a static file that loads its scripts from `/assets/`; what a
//! page needs to know at run time (the endpoint, the signed-in user) it asks the API for.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{
    assets::{Assets, hex},
    policy::{headers_with_policy, page_headers, playground_policy},
};

/// Where the playground's page takes its response's style nonce (see [`crate::policy`]).
const NONCE_SLOT: &str = "{{style-nonce}}";

/// `GET /desk`: the editorial desk.
pub async fn desk() -> Response {
    let Some(file) = Assets::get("desk/index.html") else {
        return not_built();
    };
    (page_headers(), html(), file.data).into_response()
}

/// The GraphQL playground (GraphiQL), for `GET /graphql` from a browser. Every response has a
/// fresh style nonce, in its policy and in the page.
pub fn playground() -> Response {
    let Some(file) = Assets::get("playground/index.html") else {
        return not_built();
    };
    let mut random = [0_u8; 16];
    if getrandom::fill(&mut random).is_err() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "no random source for the page's nonce",
        )
            .into_response();
    }
    let nonce = hex(&random);
    let page = String::from_utf8_lossy(&file.data).replace(NONCE_SLOT, &nonce);
    let policy = HeaderValue::from_str(&playground_policy(&nonce))
        .expect("a policy with a hex nonce is a valid header");
    (headers_with_policy(policy), html(), page).into_response()
}

fn html() -> [(header::HeaderName, &'static str); 1] {
    [(header::CONTENT_TYPE, "text/html; charset=utf-8")]
}

fn not_built() -> Response {
    (StatusCode::NOT_FOUND, "page not built into this binary").into_response()
}
