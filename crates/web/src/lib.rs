//! The browser side of ClaimDesk: the editorial desk at `/desk` and the GraphQL playground.
//!
//! Every file either page loads is embedded in the binary at compile time and served from the
//! server's own origin under `/assets/`, so both pages work on a machine without internet access
//! and under a Content-Security-Policy that admits nothing else (see [`policy`]). In debug builds
//! the files are read from `crates/web/assets/` at each request, so an edit shows on reload.

mod assets;
mod pages;
pub mod policy;

use axum::{Router, routing::get};

pub use pages::{desk, playground};

/// The desk's routes and the embedded files: `GET /desk` (and any path below it, which the desk
/// reads as the view to show) and `GET /assets/{path}`. The playground is served by the GraphQL
/// endpoint itself, through [`playground`].
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/desk", get(desk))
        .route("/desk/", get(desk))
        .route("/desk/{*view}", get(desk))
        .route("/assets/{*path}", get(assets::serve))
}
