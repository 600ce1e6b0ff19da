//! Helpers for the end-to-end tests: a real ClaimDesk server on a fresh database, on port 0,
//! and a small GraphQL client that talks to it over HTTP.
//!
//! Every test runs on SQLite. When `CLAIMDESK_TEST_POSTGRES` names a PostgreSQL server (for
//! example `postgres://postgres@127.0.0.1:5432/postgres`), it runs on PostgreSQL as well, each
//! time in a database of its own that is dropped afterwards.

mod binary;
mod receiver;
mod standard_webhooks;
mod subscriber;

use std::{collections::HashMap, future::Future, net::SocketAddr, num::NonZeroU32};

use claimdesk_server::{
    Application, DatabaseConfig, LimitsConfig, MatchingConfig, PublishingConfig, ServeConfig,
    WebhookConfig,
};
use serde_json::{Value, json};
use tokio::{sync::oneshot, task::JoinHandle};

pub use binary::{ChildServer, claimdesk_on, run_claimdesk};
pub use claimdesk_test_database::{Backend, POSTGRES_ENV, TestDatabase};
pub use receiver::{Received, Receiver};
pub use standard_webhooks::verify_with_reference;
pub use subscriber::Subscriber;

/// The allocator the `claimdesk` binary serves with, so that a server run in this process (by
/// a test or a benchmark) allocates as the one users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs `test` against a fresh server on every configured backend, one after the other.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with(|_| {}, test).await;
}

/// Runs `test` as [`on_each_backend`] does, on servers whose config `configure` changed.
pub async fn on_each_backend_with<C, F, Fut>(configure: C, test: F)
where
    C: Fn(&mut ServeConfig),
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in Backend::configured() {
        eprintln!("--- on {backend:?}");
        let app = TestApp::spawn_with(backend, &configure).await;
        test(app).await;
    }
}

/// The event kinds of the README's whole review of the Jefferies claim, in order: what its
/// history shows once an editor has closed it.
pub const REVIEW_KINDS: [&str; 7] = [
    "CREATED",
    "FLAGGED",
    "ASSIGNED",
    "REVIEW_STARTED",
    "EVIDENCE_ATTACHED",
    "NOTE_ADDED",
    "CLOSED",
];

/// The users every test server has, by name, with their roles.
pub const USERS: [(&str, &str); 4] = [
    ("viewer", "VIEWER"),
    ("ingest", "INGEST"),
    ("reviewer", "REVIEWER"),
    ("editor", "EDITOR"),
];

/// A running server on a fresh, seeded database, with a user and a token for every role.
pub struct TestApp {
    /// The backend the server runs on.
    pub backend: Backend,
    /// Where the server listens.
    pub address: SocketAddr,
    /// The database, dropped with the app.
    pub database: TestDatabase,
    tokens: HashMap<String, String>,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

/// A stopped app's database and tokens.
pub struct KeptData {
    /// The backend the database is on.
    pub backend: Backend,
    /// The database.
    pub database: TestDatabase,
    /// The test users' tokens, by user name.
    pub tokens: HashMap<String, String>,
}

/// Sends GraphQL requests as one user, or as nobody.
pub struct Client<'a> {
    app: &'a TestApp,
    token: Option<String>,
}

/// The retry schedule of the test servers: seconds instead of hours.
pub const TEST_RETRY_SCHEDULE: &str = "0s,1s,1s,1s,1s,1s,1s,1s";

/// The configuration every test server starts from.
pub fn test_config(database: &TestDatabase) -> ServeConfig {
    ServeConfig {
        bind: "127.0.0.1:0".parse().expect("a valid address"),
        database: DatabaseConfig {
            url: database.url.clone(),
        },
        dev_open: false,
        local_user: "local-editor".into(),
        no_seed: false,
        metrics_bind: None,
        no_metrics: false,
        rate_limit_per_minute: NonZeroU32::new(1_000_000).expect("not zero"),
        limits: LimitsConfig::default(),
        publishing: PublishingConfig {
            review_org_name: "Test Fact Check".into(),
            review_org_url: "https://factcheck.example".into(),
            public_base_url: Some("https://factcheck.example/reviews".into()),
            require_approval: false,
        },
        matching: MatchingConfig::default(),
        // The tests' receivers listen on 127.0.0.1, and retry within seconds.
        webhooks: WebhookConfig {
            webhook_allow_private: true,
            webhook_retry_schedule: TEST_RETRY_SCHEDULE.parse().expect("a schedule"),
            ..WebhookConfig::default()
        },
    }
}

impl TestApp {
    /// Starts a server on a new database of `backend`.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts a server on a new database of `backend`, with `configure` applied to the config.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut ServeConfig)) -> TestApp {
        let database = TestDatabase::create(&backend).await;
        let mut config = test_config(&database);
        configure(&mut config);
        let mut app = Self::run(backend, database, config, HashMap::new()).await;
        for (name, role) in USERS {
            let (_, token) = app.create_user(name, role).await;
            app.tokens.insert(name.to_owned(), token);
        }
        app
    }

    /// Starts a server on a database that already holds data (kept from a stopped app, or
    /// copied from one), with the tokens made on it or on the database it was copied from.
    pub async fn start_on(data: KeptData) -> TestApp {
        let config = test_config(&data.database);
        Self::run(data.backend, data.database, config, data.tokens).await
    }

    /// Builds the application with `config` on `database` and serves it in a task, with
    /// `tokens` and, on a new database, the admin's bootstrap token.
    async fn run(
        backend: Backend,
        database: TestDatabase,
        config: ServeConfig,
        mut tokens: HashMap<String, String>,
    ) -> TestApp {
        let app = Application::build(config).await.expect("the server starts");
        let address = app.address();
        if let Some(admin) = app.bootstrap_token() {
            tokens.insert("admin".to_owned(), admin.to_owned());
        }
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        TestApp {
            backend,
            address,
            database,
            tokens,
            client: reqwest::Client::new(),
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// Stops the server and keeps its database and tokens, to start it again with
    /// [`TestApp::start_on`] (while nothing else runs on it, for example).
    pub async fn stop_keeping_data(mut self) -> KeptData {
        self.shut_down().await;
        KeptData {
            backend: self.backend,
            database: self.database,
            tokens: self.tokens,
        }
    }

    /// The test users' tokens, by user name.
    pub fn tokens(&self) -> &HashMap<String, String> {
        &self.tokens
    }

    /// Starts a second server instance on the same database, with the same users.
    pub async fn spawn_another_instance(&self) -> TestApp {
        let database = TestDatabase::borrowed(&self.database);
        let config = test_config(&database);
        Self::run(self.backend.clone(), database, config, self.tokens.clone()).await
    }

    /// Opens a graphql-transport-ws connection as the test user `user`.
    pub async fn subscriber(&self, user: &str) -> Subscriber {
        let authorization = format!("Bearer {}", self.token(user));
        Subscriber::connect(&self.ws_url(), Some(&authorization))
            .await
            .expect("acknowledged")
    }

    /// The WebSocket URL of the subscriptions endpoint.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/graphql/ws", self.address)
    }

    /// Creates a user with a token, as the admin, and returns the token's ID and secret.
    pub async fn create_user(&self, name: &str, role: &str) -> (String, String) {
        let admin = self.as_user("admin");
        let user = admin
            .data(
                "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
                json!({ "input": { "name": name, "role": role } }),
            )
            .await;
        let token = admin
            .data(
                "mutation($input: CreateTokenInput!) { createToken(input: $input) { token { id } secret } }",
                json!({ "input": { "userId": user["createUser"]["user"]["id"], "label": "tests" } }),
            )
            .await;
        let text = |value: &Value| value.as_str().expect("a string").to_owned();
        (
            text(&token["createToken"]["token"]["id"]),
            text(&token["createToken"]["secret"]),
        )
    }

    /// A client acting as the test user `name` (`admin`, `editor`, `reviewer`, `ingest` or
    /// `viewer`).
    pub fn as_user(&self, name: &str) -> Client<'_> {
        let token = self
            .tokens
            .get(name)
            .unwrap_or_else(|| panic!("no test user {name}"));
        Client {
            app: self,
            token: Some(token.clone()),
        }
    }

    /// A client that sends `token` as it is, or no token at all.
    pub fn with_token(&self, token: Option<String>) -> Client<'_> {
        Client { app: self, token }
    }

    /// The token of the test user `name`.
    pub fn token(&self, name: &str) -> &str {
        &self.tokens[name]
    }

    /// The absolute URL of `path` on the server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The HTTP client, for requests that are not plain GraphQL.
    pub fn http(&self) -> &reqwest::Client {
        &self.client
    }

    /// GETs `path` without a token; the server must answer.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    /// GETs `path` as the test user `user`; the server must answer.
    pub async fn get_as(&self, user: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(self.token(user))
            .send()
            .await
            .expect("the server answers")
    }

    /// POSTs a GraphQL request as the editor and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.as_user("editor").graphql(query, variables).await
    }

    /// Runs a request as the editor that must succeed, and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        self.as_user("editor").data(query, variables).await
    }

    /// Runs a request as the editor that must fail with one error, and returns the error.
    pub async fn error(&self, query: &str, variables: Value) -> Value {
        self.as_user("editor").error(query, variables).await
    }

    /// Runs `mutation`, an `ingestArticle` that takes `$input`, as the ingest user, and returns
    /// its `ingestArticle`.
    pub async fn ingest(&self, mutation: &str, input: Value) -> Value {
        self.as_user("ingest")
            .data(mutation, json!({ "input": input }))
            .await["ingestArticle"]
            .clone()
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        self.shut_down().await;
    }

    /// Tells the server to stop, once, and waits for its task to end cleanly.
    async fn shut_down(&mut self) {
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

impl Client<'_> {
    /// POSTs a GraphQL request and returns the status and the whole response body.
    pub async fn send(&self, query: &str, variables: Value) -> (u16, Value) {
        self.post(&json!({ "query": query, "variables": variables }))
            .await
    }

    /// POSTs `body`, a whole GraphQL request (its `query`, with `variables` or an
    /// `operationName`), and returns the status and the whole response body.
    pub async fn post(&self, body: &Value) -> (u16, Value) {
        let response = self.post_with(&[], body).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("the response is JSON"))
    }

    /// POSTs the GraphQL request `body` with `headers` besides the token, and returns the
    /// response as it comes, for its status and headers; the server must answer.
    pub async fn post_with(&self, headers: &[(&str, &str)], body: &Value) -> reqwest::Response {
        let mut request = self.app.client.post(self.app.url("/graphql")).json(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("the server answers")
    }

    /// POSTs a GraphQL request and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.send(query, variables).await.1
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
}

/// The `ingestArticle` mutation that selects only the outcome.
pub const INGEST_OUTCOME: &str =
    "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }";

/// The nodes of a connection (`{ edges { node } }`), in order.
pub fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no edges in {connection:#}"))
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

/// The string `field` of every node of a connection, in order: its IDs, texts or names.
pub fn node_strings(connection: &Value, field: &str) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no edges in {connection:#}"))
        .iter()
        .map(|edge| {
            edge["node"][field]
                .as_str()
                .unwrap_or_else(|| panic!("no {field} in {edge:#}"))
                .to_owned()
        })
        .collect()
}

/// The `extensions.code` of a GraphQL error.
pub fn code(error: &Value) -> &str {
    error["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code in {error:#}"))
}

/// The row number inside a global ID (`Claim:42`, base64url): what public URLs, cursors and
/// the database use.
pub fn row_number(global_id: &str) -> i64 {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let bytes = URL_SAFE_NO_PAD
        .decode(global_id)
        .unwrap_or_else(|_| panic!("{global_id} is not base64url"));
    let text = String::from_utf8(bytes).expect("a global ID is UTF-8");
    text.rsplit_once(':')
        .and_then(|(_, row)| row.parse().ok())
        .unwrap_or_else(|| panic!("{text} is not Type:number"))
}
