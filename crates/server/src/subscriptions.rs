//! `GET /graphql/ws`: subscriptions over the graphql-transport-ws protocol (and the older
//! graphql-ws one).
//!
//! A connection authenticates once, from its `connection_init` payload
//! (`{"authorization": "Bearer <token>"}`), exactly as an HTTP request does from its header;
//! a refused connection is closed.

use async_graphql::{Data, http::ALL_WEBSOCKET_PROTOCOLS};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    extract::{State, WebSocketUpgrade},
    response::Response,
};
use serde_json::Value;

use crate::router::AppState;

/// Upgrades the connection and serves subscriptions on it.
pub(crate) async fn upgrade(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let auth = state.auth.clone();
            GraphQLWebSocket::new(socket, state.schema.clone(), protocol)
                .on_connection_init(move |payload: Value| async move {
                    let authorization = payload.get("authorization").and_then(Value::as_str);
                    let actor = auth
                        .actor_for(authorization)
                        .await
                        .map_err(|refusal| async_graphql::Error::new(refusal.message()))?;
                    let mut data = Data::default();
                    data.insert(actor);
                    Ok(data)
                })
                .serve()
        })
}
