//! A minimal graphql-transport-ws client, to test subscriptions as a real client would.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{
    MaybeTlsStream, WebSocketStream, connect_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

/// How long a server takes, at most, to register a subscription.
const REGISTRATION: Duration = Duration::from_millis(300);

/// One WebSocket connection speaking graphql-transport-ws.
pub struct Subscriber {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The `x-request-id` the server's upgrade answer carried.
    request_id: Option<String>,
}

impl Subscriber {
    /// Subscribes to `query` as the operation `id`, and waits until the server surely
    /// registered it: the protocol does not acknowledge a `subscribe`, and events committed
    /// before it is registered are, by design, only delivered to subscribers that pass `after`.
    pub async fn subscribe_registered(&mut self, id: &str, query: &str, variables: Value) {
        self.subscribe(id, query, variables).await;
        tokio::time::sleep(REGISTRATION).await;
    }

    /// Connects to `url` and sends `connection_init` with `authorization`; returns the
    /// subscriber once acknowledged, or the close reason when the server refuses.
    pub async fn connect(url: &str, authorization: Option<&str>) -> Result<Subscriber, String> {
        let payload = match authorization {
            Some(authorization) => json!({ "authorization": authorization }),
            None => json!({}),
        };
        Self::connect_with(url, payload).await
    }

    /// Connects to `url` and sends `connection_init` with `payload`, as [`Self::connect`] does.
    pub async fn connect_with(url: &str, payload: Value) -> Result<Subscriber, String> {
        Self::connect_with_request_id(url, payload, None).await
    }

    /// Connects as [`Self::connect_with`] does, sending `request_id` as the upgrade request's
    /// `x-request-id`.
    pub async fn connect_with_request_id(
        url: &str,
        payload: Value,
        request_id: Option<&str>,
    ) -> Result<Subscriber, String> {
        let mut request = url.into_client_request().expect("a WebSocket URL");
        request.headers_mut().insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        if let Some(id) = request_id {
            let id = HeaderValue::from_str(id).expect("a request ID fit for a header");
            request.headers_mut().insert("x-request-id", id);
        }
        let (socket, answer) = connect_async(request)
            .await
            .map_err(|error| error.to_string())?;
        let request_id = answer
            .headers()
            .get("x-request-id")
            .and_then(|id| id.to_str().ok())
            .map(str::to_owned);
        let mut subscriber = Subscriber { socket, request_id };
        subscriber
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        match subscriber.message(Duration::from_secs(5)).await {
            Some(Ok(message)) if message["type"] == "connection_ack" => Ok(subscriber),
            Some(Ok(message)) => Err(format!("unexpected {message}")),
            Some(Err(reason)) => Err(reason),
            None => Err("no answer".into()),
        }
    }

    /// The request ID the server gave the connection, from its upgrade answer.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Starts the subscription `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let payload = json!({ "query": query, "variables": variables });
        self.send(json!({ "id": id, "type": "subscribe", "payload": payload }))
            .await;
    }

    /// The payload of the next `next` message, or the whole message when it is not `next`
    /// (`error`, `complete`); `None` when nothing comes within `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<Value> {
        match self.message(wait).await? {
            Ok(message) if message["type"] == "next" => Some(message["payload"].clone()),
            Ok(message) => Some(message),
            Err(reason) => Some(json!({ "type": "closed", "reason": reason })),
        }
    }

    /// The next protocol message as it is (`next`, `error`, `complete`, with its `id`), or
    /// `{"type": "closed", "reason": …}` when the socket closed; `None` when nothing comes
    /// within `wait`.
    pub async fn receive(&mut self, wait: Duration) -> Option<Value> {
        match self.message(wait).await? {
            Ok(message) => Some(message),
            Err(reason) => Some(json!({ "type": "closed", "reason": reason })),
        }
    }

    /// Sends `message` as one text frame; `Err` when the socket fails, which a server that
    /// refuses an oversized message may make it do.
    pub async fn try_send(&mut self, message: &Value) -> Result<(), String> {
        self.socket
            .send(Message::text(message.to_string()))
            .await
            .map_err(|error| error.to_string())
    }

    async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::text(message.to_string()))
            .await
            .expect("the socket is open");
    }

    /// The next protocol message, answering pings; `Err` with the reason when closed.
    async fn message(&mut self, wait: Duration) -> Option<Result<Value, String>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()?;
            match frame {
                Some(Ok(Message::Text(text))) => {
                    let message: Value = serde_json::from_str(&text).expect("JSON messages");
                    if message["type"] == "ping" {
                        self.send(json!({ "type": "pong" })).await;
                        continue;
                    }
                    return Some(Ok(message));
                }
                Some(Ok(Message::Close(frame))) => {
                    let reason = frame.map(|f| format!("{} {}", f.code, f.reason));
                    return Some(Err(reason.unwrap_or_default()));
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => return Some(Err(error.to_string())),
                None => return Some(Err("closed".into())),
            }
        }
    }
}
