//! A webhook receiver for the tests: an axum server on 127.0.0.1:0 that records every
//! request and answers with the status it is told to, counting how many requests with the
//! same `webhook-id` are ever in flight at once.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU16, AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, http::StatusCode};
use serde_json::Value;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    /// The `webhook-id` header.
    pub id: String,
    /// The `webhook-timestamp` header.
    pub timestamp: String,
    /// The `webhook-signature` header.
    pub signature: String,
    /// The body, as sent.
    pub body: String,
    /// The status the receiver answered.
    pub answered: u16,
}

impl Received {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// The event ID of the body.
    pub fn event_id(&self) -> i64 {
        self.json()["data"]["event"]["id"]
            .as_i64()
            .expect("an event ID")
    }

    /// The claim ID of the body.
    pub fn claim_id(&self) -> i64 {
        self.json()["data"]["event"]["claimId"]
            .as_i64()
            .expect("a claim ID")
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    status: AtomicU16,
    delay_ms: AtomicUsize,
    in_flight: Mutex<HashMap<String, usize>>,
    most_in_flight_per_id: AtomicUsize,
    in_flight_total: AtomicUsize,
    most_in_flight: AtomicUsize,
}

/// A running receiver.
#[derive(Clone)]
pub struct Receiver {
    /// Where it listens.
    pub address: SocketAddr,
    shared: Arc<Shared>,
}

impl Receiver {
    /// Starts a receiver that answers 200.
    pub async fn start() -> Receiver {
        let shared = Arc::new(Shared::default());
        shared.status.store(200, Ordering::SeqCst);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("an address");
        let app = Router::new()
            .fallback(axum::routing::post(receive))
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { address, shared }
    }

    /// The URL to register.
    pub fn url(&self) -> String {
        format!("http://{}/hook", self.address)
    }

    /// Answers `status` from now on.
    pub fn answer(&self, status: u16) {
        self.shared.status.store(status, Ordering::SeqCst);
    }

    /// Waits `delay` before answering each request.
    pub fn delay(&self, delay: Duration) {
        let millis = usize::try_from(delay.as_millis()).unwrap_or(usize::MAX);
        self.shared.delay_ms.store(millis, Ordering::SeqCst);
    }

    /// Every request so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().expect("not poisoned").clone()
    }

    /// The requests answered 2xx.
    pub fn accepted(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|received| (200..300).contains(&received.answered))
            .collect()
    }

    /// The most requests with one `webhook-id` that were ever in flight at once.
    pub fn most_in_flight_per_id(&self) -> usize {
        self.shared.most_in_flight_per_id.load(Ordering::SeqCst)
    }

    /// The most requests of any kind that were ever in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.shared.most_in_flight.load(Ordering::SeqCst)
    }

    /// Waits up to `timeout` until `done` holds for the requests accepted; panics if it never
    /// does.
    pub async fn wait_until(&self, timeout: Duration, done: impl Fn(&[Received]) -> bool) {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if done(&self.accepted()) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the receiver got {} requests, {} accepted, and is still waiting",
                self.received().len(),
                self.accepted().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let id = header("webhook-id");
    {
        let mut in_flight = shared.in_flight.lock().expect("not poisoned");
        let count = in_flight.entry(id.clone()).or_default();
        *count += 1;
        shared
            .most_in_flight_per_id
            .fetch_max(*count, Ordering::SeqCst);
    }
    let total = shared.in_flight_total.fetch_add(1, Ordering::SeqCst) + 1;
    shared.most_in_flight.fetch_max(total, Ordering::SeqCst);
    let delay = shared.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(u64::try_from(delay).unwrap_or(0))).await;
    }
    let status = shared.status.load(Ordering::SeqCst);
    shared
        .received
        .lock()
        .expect("not poisoned")
        .push(Received {
            id: id.clone(),
            timestamp: header("webhook-timestamp"),
            signature: header("webhook-signature"),
            body: String::from_utf8_lossy(&body).into_owned(),
            answered: status,
        });
    shared.in_flight_total.fetch_sub(1, Ordering::SeqCst);
    if let Some(count) = shared.in_flight.lock().expect("not poisoned").get_mut(&id) {
        *count -= 1;
    }
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}
