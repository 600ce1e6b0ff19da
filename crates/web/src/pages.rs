//! The two HTML pages. Each is a static file that loads its scripts from `/assets/`; what a
//! page needs to know at run time (the endpoint, the signed-in user) it asks the API for.

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{assets::Assets, policy::page_headers};

/// `GET /desk`: the editorial desk.
pub async fn desk() -> Response {
    page("desk/index.html")
}

/// The GraphQL playground (GraphiQL), for `GET /graphql` from a browser.
pub fn playground() -> Response {
    page("playground/index.html")
}

fn page(path: &str) -> Response {
    let Some(file) = Assets::get(path) else {
        return (StatusCode::NOT_FOUND, "page not built into this binary").into_response();
    };
    (
        page_headers(),
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        file.data,
    )
        .into_response()
}
