//! What the dashboard benchmarks share: the release server as a process of its own, demo data,
//! the desk's queries, and 16 clients that send one query over keep-alive HTTP and check
//! every answer.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use claimdesk_core::{Clock, SystemClock};
use claimdesk_tests::{Backend, TestDatabase, claimdesk_on};
use serde_json::{Value, json};

/// How many clients send at once.
pub const CLIENTS: usize = 16;
/// How many demo claims each article gets.
pub const CLAIMS_PER_ARTICLE: usize = 50;
/// How long the clients send before the measured time.
pub const WARM_UP: Duration = Duration::from_secs(2);

/// What a desk row shows beside each claim.
macro_rules! row_fields {
    () => {
        "id text status priority article { title } source { name kind } assignee { name }
        evidenceCount latestNote { body } history(last: 3) { kind at }"
    };
}

/// The bare page: the first 50 claims, oldest first, with what a desk shows beside each.
pub const DASHBOARD: &str = concat!(
    "{ claims(first: 50) { edges { node { ",
    row_fields!(),
    " } } } }"
);

/// The desk page: the open claims of two statuses, counted, 50 at a time; with `$after`,
/// its next page.
pub const DESK: &str = concat!(
    "query($after: String) { claims(filter: { status: [FLAGGED, IN_REVIEW] }, first: 50,
    after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ",
    row_fields!(),
    " } } } }"
);

/// One status, counted.
pub const ONE_STATUS: &str = concat!(
    "{ claims(filter: { status: [FLAGGED] }, first: 50) { totalCount edges { node { ",
    row_fields!(),
    " } } } }"
);

/// A reviewer's queue: their open claims, most urgent first, counted.
pub const QUEUE: &str = concat!(
    "query($assignee: ID!) { claims(filter: { assigneeId: $assignee,
    status: [FLAGGED, IN_REVIEW] }, orderBy: { field: PRIORITY, direction: DESC }, first: 50) {
    totalCount edges { node { ",
    row_fields!(),
    " } } } }"
);

/// An article's claims, in the order of their spans.
pub const ARTICLE: &str = "query($article: ID!) { claims(filter: { articleId: $article },
    orderBy: { field: SPAN }, first: 50) {
    edges { node { id text quote span { start end } status source { name } } } } }";

/// A search among the open claims, counted.
pub const SEARCH_OPEN: &str =
    "{ claims(filter: { search: \"llama\", status: [FLAGGED, IN_REVIEW] },
    first: 20) { totalCount edges { node { id text quote status source { name } } } } }";

/// The triage list: urgent open claims flagged more than two days ago, oldest first.
pub const TRIAGE: &str = "query($before: DateTime!) { claims(
    filter: { priority: [HIGH, URGENT], status: [FLAGGED, IN_REVIEW], flaggedBefore: $before },
    orderBy: { field: FLAGGED_AT, direction: ASC }, first: 50) {
    edges { node { id text status priority flaggedAt flagReason assignee { name } } } } }";

/// A ranked search.
pub const SEARCH: &str = "{ claims(filter: { search: \"llama\" },
    orderBy: { field: RELEVANCE, direction: DESC }, first: 20) {
    edges { node { id text quote status source { name } } } } }";

/// The desk counts.
pub const STATS: &str = "{ stats(filter: {}) {
    byStatus { status count } byVerdict { verdict count } byPriority { priority count }
    openByAssignee { assignee { name } openClaims }
    flagToClose { closed medianSeconds p90Seconds } closedPerDay { date count } } }";

/// One query as one server is asked it: its name, body, and where its answer's list is.
pub struct Query {
    /// The desk shape it measures.
    pub name: &'static str,
    /// The request.
    pub body: Value,
    /// The JSON pointer of the list every answer must hold.
    pub list: &'static str,
}

/// What the desk's queries name in the data: found by asking the ClaimDesk server at `url`.
pub struct DeskData {
    /// The global ID of the user with the most open claims.
    pub assignee: String,
    /// The global ID of the first claim's article.
    pub article: String,
    /// The desk page's end cursor.
    pub desk_cursor: String,
}

impl DeskData {
    /// Asks the ClaimDesk server at `url`.
    pub async fn of(url: &str) -> DeskData {
        let stats = post(
            url,
            &json!({ "query":
            "{ stats { openByAssignee { assignee { id } openClaims } } }" }),
        )
        .await;
        let assignee = stats["data"]["stats"]["openByAssignee"]
            .as_array()
            .and_then(|rows| rows.iter().find_map(|row| row["assignee"]["id"].as_str()))
            .expect("someone has open claims")
            .to_owned();
        let first = post(
            url,
            &json!({ "query":
            "{ claims(first: 1) { edges { node { article { id } } } } }" }),
        )
        .await;
        let article = first["data"]["claims"]["edges"][0]["node"]["article"]["id"]
            .as_str()
            .expect("a claim")
            .to_owned();
        let desk = post(url, &json!({ "query": DESK })).await;
        let desk_cursor = desk["data"]["claims"]["pageInfo"]["endCursor"]
            .as_str()
            .expect("a desk page")
            .to_owned();
        DeskData {
            assignee,
            article,
            desk_cursor,
        }
    }
}

/// The desk's shapes, as the ClaimDesk server at `url` is asked them.
pub async fn claimdesk_queries(url: &str) -> Vec<Query> {
    let data = DeskData::of(url).await;
    let before = (SystemClock.now() - chrono::Duration::days(2)).to_rfc3339();
    let edges = "/data/claims/edges";
    vec![
        query("desk page", json!({ "query": DESK }), edges),
        query(
            "desk page 2",
            json!({ "query": DESK, "variables": { "after": data.desk_cursor } }),
            edges,
        ),
        query("one status", json!({ "query": ONE_STATUS }), edges),
        query(
            "reviewer queue",
            json!({ "query": QUEUE, "variables": { "assignee": data.assignee } }),
            edges,
        ),
        query(
            "article claims",
            json!({ "query": ARTICLE, "variables": { "article": data.article } }),
            edges,
        ),
        query("search + status", json!({ "query": SEARCH_OPEN }), edges),
        query("bare page", json!({ "query": DASHBOARD }), edges),
        query(
            "triage list",
            json!({ "query": TRIAGE, "variables": { "before": before } }),
            edges,
        ),
        query("search \"llama\"", json!({ "query": SEARCH }), edges),
        query("stats", json!({ "query": STATS }), "/data/stats/byStatus"),
    ]
}

/// A query named `name`.
pub fn query(name: &'static str, body: Value, list: &'static str) -> Query {
    Query { name, body, list }
}

/// The answer of the GraphQL server at `url` to `body`.
pub async fn post(url: &str, body: &Value) -> Value {
    reqwest::Client::new()
        .post(url)
        .json(body)
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("a JSON answer")
}

/// Sends `count` numbered requests to `url` from `clients` clients at once, each client
/// taking the next number `n` and posting `body(n)` (with `token`, when given) over its own
/// keep-alive connection; `check` looks at every answer. Returns the time it took and the
/// latencies, sorted.
pub async fn send_numbered(
    url: &str,
    token: Option<&str>,
    clients: usize,
    count: usize,
    body: impl Fn(usize) -> Value + Send + Sync + 'static,
    check: impl Fn(&Value) + Send + Sync + 'static,
) -> (Duration, Vec<Duration>) {
    let next = Arc::new(AtomicUsize::new(0));
    let (body, check) = (Arc::new(body), Arc::new(check));
    let started = Instant::now();
    let clients: Vec<_> = (0..clients)
        .map(|_| {
            let (next, body, check) = (next.clone(), body.clone(), check.clone());
            let (url, token) = (url.to_owned(), token.map(str::to_owned));
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut latencies = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return latencies;
                    }
                    let mut request = client.post(&url).json(&body(n));
                    if let Some(token) = &token {
                        request = request.bearer_auth(token);
                    }
                    let sent = Instant::now();
                    let response: Value = request.send().await.unwrap().json().await.unwrap();
                    latencies.push(sent.elapsed());
                    check(&response);
                }
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for client in clients {
        latencies.extend(client.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    (elapsed, latencies)
}

/// The release `claimdesk` binary: `CLAIMDESK_BIN`, or built next to this benchmark.
pub fn claimdesk_binary() -> PathBuf {
    if let Ok(path) = std::env::var("CLAIMDESK_BIN") {
        return PathBuf::from(path);
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "claimdesk-server",
            "--bin",
            "claimdesk",
        ])
        .current_dir(&workspace)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the claimdesk binary builds");
    // This benchmark runs from target/release/deps; the binary is in target/release.
    let exe = std::env::current_exe().expect("the benchmark's path");
    let release = exe.parent().and_then(Path::parent).expect("target/release");
    release.join("claimdesk")
}

/// Fills the database at `url` with `claims` demo claims and returns how long it took.
pub fn demo_data(binary: &Path, url: &str, claims: usize) -> Duration {
    let articles = (claims / CLAIMS_PER_ARTICLE).max(1).to_string();
    let claims = claims.to_string();
    let args = [
        "demo-data",
        "--articles",
        &articles,
        "--claims",
        &claims,
        "--seed",
        "1",
    ];
    let started = Instant::now();
    claimdesk_on(binary, url, &args);
    started.elapsed()
}

/// A server under test as a process of its own, stopped when dropped.
pub struct Server {
    child: Child,
    /// Where it answers GraphQL requests.
    pub url: String,
}

impl Server {
    /// `claimdesk serve --dev-open` on a fresh database of `backend` filled with `claims`
    /// claims by [`demo_data`], once it is ready; with the database, to be dropped after the
    /// server, and the time the filling took (also printed, after `label`).
    pub async fn on_demo_data(
        binary: &Path,
        backend: &Backend,
        claims: usize,
        label: &str,
    ) -> (TestDatabase, Server, Duration) {
        let database = TestDatabase::create(backend).await;
        let loaded = demo_data(binary, &database.url, claims);
        eprintln!(
            "{label}, {claims} claims: loaded in {:.1} s",
            loaded.as_secs_f64()
        );
        let server = Server::claimdesk(binary, &database.url).await;
        (database, server, loaded)
    }

    /// `claimdesk serve --dev-open` on `database_url`, once it is ready.
    pub async fn claimdesk(binary: &Path, database_url: &str) -> Server {
        Self::claimdesk_with(binary, database_url, &[]).await
    }

    /// `claimdesk serve --dev-open` on `database_url` with the options `options`, once it is
    /// ready.
    pub async fn claimdesk_with(binary: &Path, database_url: &str, options: &[&str]) -> Server {
        let port = free_port();
        let mut command = Command::new(binary);
        command
            .args(["serve", "--dev-open", "--no-seed", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(options)
            .env("CLAIMDESK_DATABASE_URL", database_url)
            .env("CLAIMDESK_RATE_LIMIT_PER_MINUTE", "4000000000")
            .env("RUST_LOG", "warn");
        let server = Server::spawn(command, port);
        server
            .wait_until(|client| client.get(format!("http://127.0.0.1:{port}/readyz")))
            .await;
        server
    }

    /// Runs `command`, which serves GraphQL at `/graphql` on `port`.
    pub fn spawn(mut command: Command, port: u16) -> Server {
        let child = command
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts");
        Server {
            child,
            url: format!("http://127.0.0.1:{port}/graphql"),
        }
    }

    /// Waits, for a minute at most, until `request` is answered with 200.
    pub async fn wait_until(&self, request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder) {
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(response) = request(&client).send().await
                && response.status() == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not become ready within a minute");
    }

    /// The most memory the server has held, from `VmHWM`, with the processes it started.
    pub fn peak_rss_mb(&self) -> f64 {
        process_tree(self.child.id())
            .into_iter()
            .map(peak_rss_mb)
            .sum()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        for pid in process_tree(self.child.id()).into_iter().skip(1) {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// The process and its descendants, from `/proc`.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut tree = vec![pid];
    let mut next = 0;
    while next < tree.len() {
        let children = std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", tree[next]))
            .unwrap_or_default();
        tree.extend(
            children
                .split_whitespace()
                .filter_map(|child| child.parse::<u32>().ok()),
        );
        next += 1;
    }
    tree
}

/// The most memory the process has held, from `VmHWM`; 0 once it is gone.
fn peak_rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kilobytes: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_default();
    kilobytes / 1024.0
}

/// A query's measured throughput and latencies.
pub struct Run {
    /// Answers per second.
    pub per_second: f64,
    /// The median latency.
    pub p50: Duration,
    /// The 99th percentile latency.
    pub p99: Duration,
}

/// Sends `body` from `CLIENTS` clients for a warm-up, then for `time`, checking that every
/// answer holds a list that is not empty at the JSON pointer `list`.
pub async fn drive(url: &str, body: &Value, list: &str, time: Duration) -> Result<Run, String> {
    let body: Arc<[u8]> = serde_json::to_vec(body).unwrap().into();
    send_for(url, &body, list, WARM_UP).await?;
    let started = Instant::now();
    let mut latencies = send_for(url, &body, list, time).await?;
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |per_mille: usize| latencies[(latencies.len() - 1) * per_mille / 1000];
    #[allow(clippy::cast_precision_loss)]
    let per_second = latencies.len() as f64 / elapsed.as_secs_f64();
    Ok(Run {
        per_second,
        p50: at(500),
        p99: at(990),
    })
}

/// Every client's latencies over `time`, or the first wrong answer.
async fn send_for(
    url: &str,
    body: &Arc<[u8]>,
    list: &str,
    time: Duration,
) -> Result<Vec<Duration>, String> {
    let until = Instant::now() + time;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (url, body, list) = (url.to_owned(), body.clone(), list.to_owned());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut latencies = Vec::new();
                while Instant::now() < until {
                    let sent = Instant::now();
                    let response = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body.to_vec())
                        .send()
                        .await
                        .map_err(|error| format!("no answer: {error}"))?;
                    let status = response.status();
                    let bytes = response
                        .bytes()
                        .await
                        .map_err(|error| format!("no body: {error}"))?;
                    latencies.push(sent.elapsed());
                    check(status.as_u16(), &bytes, &list)?;
                }
                Ok::<_, String>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failure = None;
    for client in clients {
        match client.await.expect("a client runs to its end") {
            Ok(client_latencies) => latencies.extend(client_latencies),
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    failure.map_or(Ok(latencies), Err)
}

/// Whether the answer is HTTP 200 without errors, with a list at `list` that is not empty.
fn check(status: u16, bytes: &[u8], list: &str) -> Result<(), String> {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    if status != 200 {
        return Err(format!("HTTP {status}: {}", text()));
    }
    let response: Value =
        serde_json::from_slice(bytes).map_err(|_| format!("not JSON: {}", text()))?;
    if response.get("errors").is_some() {
        return Err(format!("errors: {}", text()));
    }
    let found = response
        .pointer(list)
        .and_then(Value::as_array)
        .map(Vec::len);
    if found.is_some_and(|n| n > 0) {
        Ok(())
    } else {
        Err(format!("no list at {list}: {}", text()))
    }
}

/// A duration in milliseconds, to one decimal.
pub fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// The `claims` sentences of the benchmarks' spending report `n`: one sentence repeated with
/// other officials, agencies, days and amounts, so that every claim shares words with the
/// others (a candidate of each when they are matched) and differs in its amounts.
pub fn spending_sentences(n: usize, claims: usize) -> Vec<String> {
    (0..claims)
        .map(|s| {
            format!(
                "Official {} of agency {s} said on day {} that spending rose {}.{s} percent to ${} million.",
                n % 97,
                n % 28 + 1,
                (n + s) % 50,
                (n * 7 + s) % 900 + 100
            )
        })
        .collect()
}

/// The first command-line argument that reads as a number (a benchmark's size), or `default`.
pub fn size_argument<T: std::str::FromStr>(default: T) -> T {
    std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(default)
}
