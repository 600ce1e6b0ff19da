//! The browser tests' harness: a real headless Chromium, driven over WebDriver with
//! [`fantoccini`], through a chromedriver of its own.
//!
//! # Switching it on
//!
//! `CLAIMDESK_TEST_BROWSER` names the chromedriver binary, `/usr/bin/chromedriver` from Debian's
//! `chromium-driver` (`.ci/run` installs `chromium` and `chromium-driver` and sets it). Without
//! it, [`Browser::start`] prints that the test is skipped and returns `None`, and the test
//! returns early and passes, as the PostgreSQL runs do without `CLAIMDESK_TEST_POSTGRES`.
//!
//! # Writing a test
//!
//! ```ignore
//! use claimdesk_tests::{Backend, TestApp};
//! use fantoccini::Locator;
//!
//! use crate::harness::{self, Browser, TIMEOUT};
//!
//! #[tokio::test]
//! async fn the_desk_lists_the_claims() {
//!     let Some(browser) = Browser::start("the_desk_lists_the_claims").await else {
//!         return;
//!     };
//!     for backend in Backend::configured() {
//!         // A server as `serve --dev-open` runs it. Without `dev_open` every request needs a
//!         // token: `app.token("editor")`, or another user of `claimdesk_tests::USERS`.
//!         let app = TestApp::spawn_with(backend, |config| config.dev_open = true).await;
//!         browser.open(&app.url("/desk")).await;
//!         let first = harness::wait_for(&browser, Locator::Css("#claims li"), TIMEOUT).await;
//!         first.click().await.unwrap();
//!         let name = format!("desk-list-{}", harness::backend_name(&app.backend));
//!         harness::screenshot(&browser, &name).await;
//!         assert_eq!(harness::foreign_requests(&browser, &app.url("/")).await, [""; 0]);
//!         assert_eq!(harness::severe_log_entries(&browser).await, [""; 0]);
//!         assert_eq!(harness::axe_violations(&browser).await, []);
//!         app.stop().await;
//!     }
//!     browser.close().await;
//! }
//! ```
//!
//! [`Browser`] dereferences to [`fantoccini::Client`], so every WebDriver command (`find`,
//! `execute`, `execute_async`, `screenshot`, …) is called on it directly, and the helpers here
//! take a `&Client`. One browser serves a whole test: loop over `Backend::configured()` (SQLite,
//! and PostgreSQL when `CLAIMDESK_TEST_POSTGRES` is set) inside it, or hand `&browser` to
//! `claimdesk_tests::on_each_backend` when the default, token-only server suits.
//!
//! The logs are read once: [`requested_urls`], [`foreign_requests`] and [`severe_log_entries`]
//! return what happened since the last read of their log, and [`Browser::open`] empties both.
//! To check both that the page asked for its own files and for nothing else, call
//! [`assert_own_requests`], which reads [`requested_urls`] once and filters it with [`foreign`].
//!
//! # What the browser is
//!
//! One chromedriver per test, on a free port, and one Chromium session: headless, with
//! `--no-sandbox --disable-gpu --disable-background-networking --disable-component-update
//! --disable-sync --no-first-run --disable-dev-shm-usage`, a fresh `--user-data-dir` removed
//! afterwards, a 1280×900 viewport ([`WINDOW`]), and the `performance` and `browser` logs
//! switched on. At most [`MAX_BROWSERS`] run at a time in one test binary. A test that panics
//! still ends its browser: dropping a [`Browser`] deletes the session and kills its
//! chromedriver. Screenshots go to `target/browser-screenshots/`.

use std::{
    future::Future,
    io::{Read as _, Write as _},
    net::{TcpListener, TcpStream},
    ops::Deref,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use claimdesk_tests::Backend;
use fantoccini::{
    Client, ClientBuilder, Locator, elements::Element, wd::WebDriverCompatibleCommand,
};
use reqwest::Method;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::{Semaphore, SemaphorePermit};
use url::Url;

/// The environment variable that names the chromedriver and so switches the browser tests on.
pub const BROWSER_ENV: &str = "CLAIMDESK_TEST_BROWSER";

/// How long a test waits for something the page should do by itself, by default.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How many browsers one test binary runs at once (CI has two cores).
pub const MAX_BROWSERS: usize = 2;

/// The size of the page's viewport, in CSS pixels: what the screenshots show.
pub const WINDOW: (u32, u32) = (1280, 900);

static SLOTS: Semaphore = Semaphore::const_new(MAX_BROWSERS);

/// A headless Chromium with a chromedriver of its own; it dereferences to its WebDriver
/// [`Client`].
pub struct Browser {
    client: Client,
    session: Option<String>,
    port: u16,
    driver: Child,
    _dir: TempDir,
    _slot: SemaphorePermit<'static>,
}

impl Deref for Browser {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Browser {
    /// Starts a browser for the test `test`, or, when [`BROWSER_ENV`] is unset, says that the
    /// test is skipped and returns `None`.
    pub async fn start(test: &str) -> Option<Browser> {
        let driver = match std::env::var(BROWSER_ENV) {
            Ok(driver) if !driver.trim().is_empty() => driver,
            _ => {
                eprintln!("{test}: skipped, {BROWSER_ENV} does not name a chromedriver");
                return None;
            }
        };
        let slot = SLOTS
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let port = free_port();
        let log = dir.path().join("chromedriver.log");
        let mut child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("{BROWSER_ENV}={driver} does not start: {error}"));
        if let Err(error) = wait_for_port(port, Duration::from_secs(10)) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromedriver does not listen on {port}: {error}\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        let profile = dir.path().join("profile");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                format!("--user-data-dir={}", profile.display()),
                format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            ] }),
        );
        capabilities.insert(
            "goog:loggingPrefs".into(),
            json!({ "performance": "ALL", "browser": "ALL" }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = match ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => client,
            Err(error) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "chromedriver opens no session: {error}\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
        };
        let session = client.session_id().await.expect("the session's ID");
        let browser = Browser {
            client,
            session,
            port,
            driver: child,
            _dir: dir,
            _slot: slot,
        };
        browser.size_viewport().await;
        Some(browser)
    }

    /// Sizes the window so that the page gets [`WINDOW`]: headless Chromium still takes room
    /// for a toolbar it does not draw.
    async fn size_viewport(&self) {
        let (width, height) = WINDOW;
        let inner = self
            .execute(
                "return [window.innerWidth, window.innerHeight];",
                Vec::new(),
            )
            .await
            .expect("the viewport's size");
        let inner = |axis: usize| {
            u32::try_from(inner[axis].as_u64().expect("a size")).expect("a small size")
        };
        let outer = (2 * width - inner(0), 2 * height - inner(1));
        self.set_window_size(outer.0, outer.1)
            .await
            .expect("the window can be sized");
    }

    /// Forgets what the logs hold so far, then loads `url` and waits for its `load` event.
    /// [`foreign_requests`] and [`severe_log_entries`] then report this page onwards.
    pub async fn open(&self, url: &str) {
        log_entries(self, "performance").await;
        log_entries(self, "browser").await;
        self.goto(url)
            .await
            .unwrap_or_else(|error| panic!("{url} loads: {error}"));
    }

    /// Ends the session, which closes Chromium, and stops the chromedriver.
    pub async fn close(mut self) {
        if self.session.take().is_some() {
            self.client.clone().close().await.expect("the session ends");
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A test that panicked left its session open: end it here, or Chromium outlives it.
        if let Some(session) = self.session.take() {
            let _ = delete_session(self.port, &session);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Sends `DELETE /session/{id}` to the chromedriver on `port`, without a runtime.
fn delete_session(port: u16, session: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map(|_| ())
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

fn wait_for_port(port: u16, timeout: Duration) -> std::io::Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(_) => return Ok(()),
            Err(error) if Instant::now() > deadline => return Err(error),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Polls `check` every 100 ms until it returns `Ok`, and returns that value; after `timeout`,
/// panics with `what` and the last `Err` it returned, which should say what it saw instead.
pub async fn wait_until<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        match check().await {
            Ok(value) => return value,
            Err(seen) if Instant::now() > deadline => {
                panic!("waited {timeout:?} for {what}; last seen: {seen}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Waits until the page has an element that `locator` finds, and returns the first.
pub async fn wait_for(client: &Client, locator: Locator<'_>, timeout: Duration) -> Element {
    wait_until(&format!("{locator:?}"), timeout, || async {
        client
            .find(locator)
            .await
            .map_err(|error| error.to_string())
    })
    .await
}

/// Saves a PNG of the window to `target/browser-screenshots/{name}.png` and returns its path.
pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let folder = screenshot_folder();
    std::fs::create_dir_all(&folder).expect("the screenshot folder can be created");
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = folder.join(format!("{name}.png"));
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(&path, png).expect("the screenshot can be saved");
    eprintln!("screenshot: {}", path.display());
    path
}

/// A short name for `backend`, for screenshots: `sqlite` or `postgres`.
pub fn backend_name(backend: &Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres(_) => "postgres",
    }
}

/// `target/browser-screenshots`, beside the profile folder the test binary runs from
/// (`target/debug/deps/browser-…`), so `CARGO_TARGET_DIR` is honoured.
pub fn screenshot_folder() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
            Path::to_path_buf,
        )
        .join("browser-screenshots")
}

/// One entry of a WebDriver log.
#[derive(Debug, Clone)]
pub struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO` or `DEBUG`.
    pub level: String,
    /// The message; for the performance log, a DevTools event as JSON.
    pub message: String,
}

/// The legacy log command, which chromedriver still answers: `POST /session/{id}/se/log`.
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(&self, base: &Url, session: Option<&str>) -> Result<Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        (Method::POST, Some(json!({ "type": self.0 }).to_string()))
    }
}

/// The entries of the log `kind` (`browser` or `performance`) since it was last read: reading
/// empties it.
pub async fn log_entries(client: &Client, kind: &'static str) -> Vec<LogEntry> {
    let entries = client
        .issue_cmd(GetLog(kind))
        .await
        .unwrap_or_else(|error| panic!("the {kind} log: {error}"));
    entries
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| LogEntry {
                    level: entry["level"].as_str().unwrap_or_default().to_owned(),
                    message: entry["message"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The messages of the browser log's `SEVERE` entries since it was last read: JavaScript
/// errors, `console.error`, Content-Security-Policy violations, failed loads.
pub async fn severe_log_entries(client: &Client) -> Vec<String> {
    log_entries(client, "browser")
        .await
        .into_iter()
        .filter(|entry| entry.level == "SEVERE")
        .map(|entry| entry.message)
        .collect()
}

/// Every URL the page asked for since the performance log was last read: HTTP requests
/// (`Network.requestWillBeSent`) and WebSockets (`Network.webSocketCreated`).
pub async fn requested_urls(client: &Client) -> Vec<String> {
    let mut urls = Vec::new();
    for entry in log_entries(client, "performance").await {
        let Ok(event) = serde_json::from_str::<Value>(&entry.message) else {
            continue;
        };
        let event = &event["message"];
        let url = match event["method"].as_str() {
            Some("Network.requestWillBeSent") => &event["params"]["request"]["url"],
            Some("Network.webSocketCreated") => &event["params"]["url"],
            _ => continue,
        };
        if let Some(url) = url.as_str() {
            urls.push(url.to_owned());
        }
    }
    urls
}

/// Every URL the page asked for since the performance log was last read whose origin is not
/// `origin` (for example `app.url("/")`): [`requested_urls`] through [`foreign`].
pub async fn foreign_requests(client: &Client, origin: &str) -> Vec<String> {
    foreign(&requested_urls(client).await, origin)
}

/// Checks that the page asked, since the performance log was last read, for each of `own`
/// (paths on the server at `origin`, for example `app.url("/")`) and for nothing on another
/// host.
pub async fn assert_own_requests(client: &Client, origin: &str, own: &[&str]) {
    let requested = requested_urls(client).await;
    for path in own {
        let url = format!("{}{path}", origin.trim_end_matches('/'));
        assert!(
            requested.contains(&url),
            "the log shows the page asking for {path}: {requested:#?}"
        );
    }
    assert_eq!(
        foreign(&requested, origin),
        Vec::<String>::new(),
        "requests to another host"
    );
}

/// The URLs of `urls` whose origin is not `origin`, with `ws:` counted as `http:` and `wss:` as
/// `https:`; `data:`, `about:`, `chrome-extension:` and `devtools:` URLs are left out.
pub fn foreign(urls: &[String], origin: &str) -> Vec<String> {
    let origin = Url::parse(origin)
        .expect("the server's origin is a URL")
        .origin();
    urls.iter()
        .filter(|url| is_foreign(url, &origin))
        .cloned()
        .collect()
}

fn is_foreign(url: &str, origin: &url::Origin) -> bool {
    let Ok(mut parsed) = Url::parse(url) else {
        return true;
    };
    let scheme = match parsed.scheme() {
        "data" | "about" | "chrome-extension" | "devtools" => return false,
        "ws" => Some("http"),
        "wss" => Some("https"),
        _ => None,
    };
    if let Some(scheme) = scheme {
        let _ = parsed.set_scheme(scheme);
    }
    parsed.origin() != *origin
}

/// An accessibility rule that axe-core found broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxeViolation {
    /// The rule, such as `color-contrast` or `label`.
    pub id: String,
    /// `serious` or `critical`: [`axe_violations`] reports only these.
    pub impact: String,
    /// What the rule asks for, in words.
    pub help: String,
    /// The CSS selectors of the elements that break it.
    pub nodes: Vec<String>,
}

/// The `serious` and `critical` violations axe-core finds on the page as it is now.
///
/// axe-core comes from `tests/graphql-http/node_modules/axe-core/axe.min.js`, pinned in that
/// folder's `package-lock.json` (`npm ci --prefix tests/graphql-http`); it is put into the page
/// through WebDriver, which the page's Content-Security-Policy does not restrict.
pub async fn axe_violations(client: &Client) -> Vec<AxeViolation> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("graphql-http/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; install it with npm ci --prefix tests/graphql-http",
            path.display()
        )
    });
    client
        .execute(&axe, Vec::new())
        .await
        .expect("axe-core loads into the page");
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] })
              .then((results) => done(results.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                nodes: violation.nodes.map((node) => node.target.join(" ")),
              }))))
              .catch((error) => done({ error: String(error) }));"#,
            Vec::new(),
        )
        .await
        .expect("axe-core runs");
    let violations = found
        .as_array()
        .unwrap_or_else(|| panic!("axe-core fails: {found}"));
    violations
        .iter()
        .filter(|violation| matches!(violation["impact"].as_str(), Some("serious" | "critical")))
        .map(|violation| AxeViolation {
            id: text(&violation["id"]),
            impact: text(&violation["impact"]),
            help: text(&violation["help"]),
            nodes: violation["nodes"]
                .as_array()
                .map(|nodes| nodes.iter().map(text).collect())
                .unwrap_or_default(),
        })
        .collect()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}
