//! Helpers for the end-to-end tests: a real ClaimDesk server on a fresh database, on port 0,
//! and a small GraphQL client that talks to it over HTTP.
//!
//! Every test runs on SQLite. When `CLAIMDESK_TEST_POSTGRES` names a PostgreSQL server (for
//! example `postgres://postgres@127.0.0.1:5432/postgres`), it runs on PostgreSQL as well, each
//! time in a database of its own that is dropped afterwards.

mod database;

use std::{future::Future, net::SocketAddr};

use claimdesk_server::{Application, DatabaseConfig, LimitsConfig, ServeConfig};
use serde_json::{Value, json};
use tokio::{sync::oneshot, task::JoinHandle};

pub use database::{Backend, TestDatabase};

/// The environment variable that switches the PostgreSQL run on.
pub const POSTGRES_ENV: &str = "CLAIMDESK_TEST_POSTGRES";

/// Runs `test` against a fresh server on every configured backend, one after the other.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in Backend::configured() {
        eprintln!("--- on {backend:?}");
        let app = TestApp::spawn(backend).await;
        test(app).await;
    }
}

/// A running server on a fresh, seeded database.
pub struct TestApp {
    /// The backend the server runs on.
    pub backend: Backend,
    /// Where the server listens.
    pub address: SocketAddr,
    /// The database, dropped with the app.
    pub database: TestDatabase,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    /// Starts a server on a new database of `backend`.
    pub async fn spawn(backend: Backend) -> TestApp {
        let database = TestDatabase::create(&backend).await;
        let config = ServeConfig {
            bind: "127.0.0.1:0".parse().expect("a valid address"),
            database: DatabaseConfig {
                url: database.url.clone(),
            },
            local_user: "local-editor".into(),
            no_seed: false,
            limits: LimitsConfig::default(),
        };
        let app = Application::build(config).await.expect("the server starts");
        let address = app.address();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        TestApp {
            backend,
            address,
            database,
            client: reqwest::Client::new(),
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// The absolute URL of `path` on the server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The HTTP client, for requests that are not plain GraphQL.
    pub fn http(&self) -> &reqwest::Client {
        &self.client
    }

    /// POSTs a GraphQL request and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the server answers");
        response.json().await.expect("the response is JSON")
    }

    /// Runs a request that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let response = self.graphql(query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {response:#}"
        );
        response["data"].clone()
    }

    /// Runs a request that must fail with exactly one error and returns that error.
    pub async fn error(&self, query: &str, variables: Value) -> Value {
        let response = self.graphql(query, variables).await;
        let errors = response["errors"].as_array().unwrap_or_else(|| {
            panic!("expected an error, got {response:#}");
        });
        assert_eq!(errors.len(), 1, "expected one error, got {response:#}");
        errors[0].clone()
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        self.shutdown().await;
    }

    async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("the server task ends")
                .expect("the server stops cleanly");
        }
    }
}

/// The `extensions.code` of a GraphQL error.
pub fn code(error: &Value) -> &str {
    error["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code in {error:#}"))
}
