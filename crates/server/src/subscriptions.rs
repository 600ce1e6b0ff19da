//! `GET /graphql/ws`: GraphQL over WebSocket, in the graphql-transport-ws protocol (and the
//! older graphql-ws one).
//!
//! A socket is held to the same rules as HTTP requests:
//! - The connection authenticates from its `connection_init` payload
//!   (`{"authorization": "Bearer <token>"}`, the key in any case); a refused connection is
//!   closed.
//! - Every operation it starts (`subscribe`), query and mutation included, is authenticated
//!   again and counts against the token's rate, as an HTTP request does. A refused operation
//!   gets an `error` message with the code `RATE_LIMITED` (and `retryAfter`, in seconds) or
//!   `UNAUTHENTICATED`; after `UNAUTHENTICATED` the connection is closed with 4401.
//! - Every `--socket-recheck-secs` the connection re-checks its token, without counting a
//!   request, and closes with 4401 once the token is revoked, ending its subscriptions.
//! - A message larger than `--max-body-bytes` closes the connection with 1009.
//! - The connection is served as part of its upgrade request (see [`crate::request_id`]):
//!   every error it sends carries that request's ID in `extensions.requestId`, and its log
//!   lines are in that request's span.
//!
//! async-graphql's [`WebSocket`] speaks the protocol; [`serve`] stands between it and the
//! socket, so that each `subscribe` is checked before the protocol sees it, and the actor it
//! resolves to is put on that operation's request.

use std::str::FromStr;

use async_graphql::{
    Data,
    http::{ALL_WEBSOCKET_PROTOCOLS, ClientMessage, WebSocket, WebSocketProtocols, WsMessage},
};
use axum::{
    extract::{
        State, WebSocketUpgrade,
        ws::{self, CloseFrame, Message},
    },
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures::{SinkExt, StreamExt, channel::mpsc};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite;

use crate::{
    auth::{Authenticator, Refusal},
    request_id,
    state::AppState,
};

/// The close code for a connection whose token is no longer valid (graphql-transport-ws).
const UNAUTHORIZED: u16 = 4401;
/// The close code for a message over the size limit (RFC 6455).
const MESSAGE_TOO_BIG: u16 = 1009;

/// Upgrades the connection, with messages limited to the HTTP body limit, and serves it.
pub(crate) async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(protocol) = protocol(&headers) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let limit = state.limits.max_body_bytes;
    let (id, span) = (request_id::current(), tracing::Span::current());
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| request_id::continued(id, span, serve(socket, state, protocol)))
}

/// The first GraphQL protocol the client offers.
fn protocol(headers: &HeaderMap) -> Option<WebSocketProtocols> {
    let offered = headers.get(header::SEC_WEBSOCKET_PROTOCOL)?.to_str().ok()?;
    offered
        .split(',')
        .find_map(|name| WebSocketProtocols::from_str(name.trim()).ok())
}

/// Runs the protocol on `socket` until either side closes it.
async fn serve(socket: ws::WebSocket, state: AppState, protocol: WebSocketProtocols) {
    let (mut sink, mut source) = socket.split();
    let (to_protocol, from_client) = mpsc::unbounded();
    let auth = state.auth.clone();
    let connection = WebSocket::from_message_stream(state.schema.clone(), from_client, protocol)
        .on_connection_init(move |payload: Value| async move {
            auth.actor_for(authorization(&payload).as_deref())
                .await
                .map_err(|refusal| async_graphql::Error::new(refusal.message()))?;
            Ok(Data::default())
        });
    futures::pin_mut!(connection);
    // What `connection_init` sent, once it came.
    let mut credentials: Option<Credentials> = None;
    let period = state.limits.socket_recheck();
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + period, period);

    let close = loop {
        tokio::select! {
            frame = source.next() => {
                let bytes = match frame {
                    Some(Ok(Message::Text(text))) => text.into(),
                    Some(Ok(Message::Binary(bytes))) => bytes,
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_))) | None => break None,
                    Some(Err(error)) => break too_big(error, state.limits.max_body_bytes),
                };
                let message = match ClientMessage::from_bytes(&bytes) {
                    Ok(ClientMessage::ConnectionInit { payload }) => {
                        let sent = payload.as_ref().unwrap_or(&Value::Null);
                        credentials = Some(Credentials(authorization(sent)));
                        Ok(ClientMessage::ConnectionInit { payload })
                    }
                    // Before `connection_init`, the protocol itself refuses the operation.
                    Ok(ClientMessage::Start { id, payload }) if let Some(credentials) = &credentials => {
                        match state.auth.actor_for(credentials.authorization()).await {
                            Ok(actor) => Ok(ClientMessage::Start { id, payload: payload.data(actor) }),
                            Err(refusal) => {
                                let error = refused(protocol, &id, &refusal);
                                if sink.send(error).await.is_err() {
                                    break None;
                                }
                                if matches!(refusal, Refusal::Unauthenticated(_)) {
                                    break Some(close_frame(UNAUTHORIZED, &refusal.message()));
                                }
                                continue;
                            }
                        }
                    }
                    other => other,
                };
                if to_protocol.unbounded_send(message).is_err() {
                    break None;
                }
            }
            message = connection.next() => match message {
                Some(WsMessage::Text(text)) => {
                    if sink.send(Message::Text(with_request_id(text).into())).await.is_err() {
                        break None;
                    }
                }
                Some(WsMessage::Close(code, reason)) => break Some(close_frame(code, &reason)),
                None => break None,
            },
            _ = recheck.tick(), if credentials.is_some() => {
                let Some(credentials) = &credentials else { continue };
                if let Some(refusal) = revoked(&state.auth, credentials).await {
                    break Some(close_frame(UNAUTHORIZED, &refusal.message()));
                }
            }
        }
    };
    if let Some(frame) = close {
        let _ = sink.send(Message::Close(Some(frame))).await;
    }
}

/// The `Authorization` value a connection sent in `connection_init`, if any.
struct Credentials(Option<String>);

impl Credentials {
    fn authorization(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// The `authorization` of a `connection_init` payload. Its key is matched in any case, as an
/// HTTP header name is: GraphiQL sends the headers of its Headers editor as the payload, so
/// `{"Authorization": "Bearer …"}` signs in its socket as it signs in its HTTP requests.
fn authorization(payload: &Value) -> Option<String> {
    payload
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("authorization"))
        .and_then(|(_, value)| value.as_str())
        .map(str::to_owned)
}

/// Why the connection's token no longer holds, if it does not; a failing store is no reason.
async fn revoked(auth: &Authenticator, credentials: &Credentials) -> Option<Refusal> {
    match auth.identify(credentials.authorization()).await {
        Err(refusal @ Refusal::Unauthenticated(_)) => Some(refusal),
        Ok(_) | Err(_) => None,
    }
}

/// The close frame for a read that failed because the message was over `limit` bytes.
fn too_big(error: axum::Error, limit: usize) -> Option<CloseFrame> {
    let error = error.into_inner();
    let capacity = matches!(
        error.downcast_ref::<tungstenite::Error>(),
        Some(tungstenite::Error::Capacity(_))
    );
    if capacity {
        let reason = format!("a message may hold at most {limit} bytes");
        Some(close_frame(MESSAGE_TOO_BIG, &reason))
    } else {
        tracing::debug!(%error, "reading a WebSocket message");
        None
    }
}

fn close_frame(code: u16, reason: &str) -> CloseFrame {
    // A close reason may hold at most 123 bytes.
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    CloseFrame {
        code,
        reason: reason[..end].into(),
    }
}

/// The `error` message that refuses the operation `id`, in the GraphQL error shape.
fn refused(protocol: WebSocketProtocols, id: &str, refusal: &Refusal) -> Message {
    let mut extensions = json!({ "code": refusal.code().as_str() });
    if let Refusal::RateLimited { seconds } = refusal {
        extensions["retryAfter"] = json!(seconds);
    }
    request_id::stamp(&mut extensions);
    let error = json!({ "message": refusal.message(), "extensions": extensions });
    // graphql-transport-ws sends a list of errors; the older graphql-ws, one error.
    let payload = match protocol {
        WebSocketProtocols::GraphQLWS => json!([error]),
        WebSocketProtocols::SubscriptionsTransportWS => error,
    };
    let message = json!({ "type": "error", "id": id, "payload": payload });
    Message::Text(message.to_string().into())
}

/// A protocol message with the connection's request ID in the extensions of each error it
/// holds: the errors of a result (`next`, and the older protocol's `data`), or those of an
/// `error` or `connection_error`. Other messages pass as they are.
fn with_request_id(text: String) -> String {
    if request_id::current().is_none() || !text.contains("error") {
        return text;
    }
    let Ok(mut message) = serde_json::from_str::<Value>(&text) else {
        return text;
    };
    let errors = match message["type"].as_str() {
        Some("next" | "data") => message["payload"].get_mut("errors"),
        Some("error" | "connection_error") => message.get_mut("payload"),
        _ => None,
    };
    let Some(errors) = errors else { return text };
    let errors = match errors {
        Value::Array(errors) => errors.iter_mut().collect(),
        one @ Value::Object(_) => vec![one],
        _ => Vec::new(),
    };
    for error in errors {
        if let Some(error) = error.as_object_mut() {
            let extensions = error
                .entry("extensions")
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            request_id::stamp(extensions);
        }
    }
    message.to_string()
}
