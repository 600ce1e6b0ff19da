//! The HTTP routes.
//!
//! - `POST /graphql` runs a GraphQL request.
//! - `GET /graphql` runs a query given in the URL, or serves GraphiQL to a browser.
//! - `GET /healthz` and `GET /readyz` report liveness and readiness.

use async_graphql::http::GraphiQLSource;
use async_graphql::parser::types::OperationType;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    Json, Router,
    extract::{RawQuery, State},
    http::{HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use claimdesk_graphql::{Actor, ClaimDeskSchema};
use claimdesk_store::Store;
use serde_json::json;
use tower_http::trace::TraceLayer;

use crate::health;

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub schema: ClaimDeskSchema,
    pub store: Store,
    pub actor: Actor,
}

impl axum::extract::FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}

pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn graphql_post(State(state): State<AppState>, request: GraphQLRequest) -> GraphQLResponse {
    execute(&state, request).await
}

/// Runs the query in the URL; without one, serves GraphiQL.
///
/// Only queries run over GET: a mutation there is refused with 405, as the GraphQL over HTTP
/// specification asks, so that a link or an image tag can never change data.
async fn graphql_get(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let Some(query) = query.filter(|query| !query.is_empty()) else {
        return Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .title("ClaimDesk")
                .finish(),
        )
        .into_response();
    };
    let request = match async_graphql::http::parse_query_string(&query) {
        Ok(request) => request,
        Err(error) => return request_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    if is_mutation(&request) {
        let mut response = request_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "mutations are only accepted over POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let request = request.data(state.actor.clone());
    GraphQLResponse::from(state.schema.execute(request).await).into_response()
}

async fn execute(state: &AppState, request: GraphQLRequest) -> GraphQLResponse {
    let request = request.into_inner().data(state.actor.clone());
    state.schema.execute(request).await.into()
}

/// Whether the operation the request would run is a mutation.
fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let selected = request.operation_name.as_deref();
    document.operations.iter().any(|(name, operation)| {
        let chosen = match (selected, name) {
            (Some(selected), Some(name)) => selected == name.as_str(),
            (None, _) => true,
            (Some(_), None) => false,
        };
        chosen && operation.node.ty == OperationType::Mutation
    })
}

/// A response in the GraphQL shape for a request that could not be run.
fn request_error(status: StatusCode, message: &str) -> Response {
    let body = json!({
        "errors": [{ "message": message, "extensions": { "code": "BAD_REQUEST" } }]
    });
    (status, Json(body)).into_response()
}
