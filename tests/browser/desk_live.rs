//! Live updates: changes another user makes over HTTP show in an open desk, on a queue list and
//! on a claim, within two seconds and without a reload; after the server restarts on the same
//! address and database, the desk reconnects and is live again.

use std::{net::SocketAddr, time::Duration};

use claimdesk_server::Application;
use claimdesk_tests::{Backend, TestApp, TestDatabase, test_config};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::{
    desk::{self, JEFFERIES},
    harness::{self, Browser, TIMEOUT},
};

/// How soon a change must show in an open desk.
const LIVE: Duration = Duration::from_secs(2);

const FLAG: &str =
    "mutation($input: FlagClaimInput!) { flagClaim(input: $input) { claim { version } } }";

/// Waits at most [`LIVE`] until the queue `queue` counts `count`.
async fn wait_count(browser: &Browser, queue: &str, count: u64) {
    harness::wait_until(&format!("{queue} to count {count}"), LIVE, || async {
        let shown = desk::queue_count(browser, queue).await?;
        if shown == count {
            Ok(())
        } else {
            Err(shown.to_string())
        }
    })
    .await;
}

/// Waits at most `timeout` until the live indicator's `data-state` is `state`.
async fn wait_live_state(browser: &Browser, state: &str, timeout: Duration) {
    harness::wait_until(&format!("the live indicator {state}"), timeout, || async {
        let shown = desk::attr_of(browser, "#live-status", "data-state").await?;
        if shown == state { Ok(()) } else { Err(shown) }
    })
    .await;
}

#[tokio::test]
async fn changes_made_elsewhere_show_in_an_open_desk() {
    let Some(browser) = Browser::start("changes_made_elsewhere_show_live").await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    desk::sign_in(&browser, &app, "/desk?queue=NEW", "viewer").await;
    desk::wait_text(&browser, "#total-count", "22").await;
    wait_live_state(&browser, "live", TIMEOUT).await;
    wait_count(&browser, "NEW", 22).await;
    wait_count(&browser, "FLAGGED", 0).await;

    // The editor flags the Jefferies claim: the counts and the list follow.
    app.data(
        FLAG,
        json!({ "input": { "claimId": JEFFERIES, "reason": "Check the cost.", "priority": "HIGH" } }),
    )
    .await;
    wait_count(&browser, "NEW", 21).await;
    wait_count(&browser, "FLAGGED", 1).await;
    let row = format!(r#"#claim-list li[data-claim-id="{JEFFERIES}"]"#);
    harness::wait_until("the flagged claim to leave the NEW list", LIVE, || async {
        let total = desk::text_of(&browser, "#total-count").await?;
        let row = desk::text_of(&browser, &row).await;
        if total == "21" && row.is_err() {
            Ok(())
        } else {
            Err(format!("total {total}, row {row:?}"))
        }
    })
    .await;

    // On the claim, a change shows as it happens, the status included.
    desk::click(&browser, "#queue-FLAGGED").await;
    desk::click(&browser, &format!("{row} a")).await;
    desk::wait_claim(&browser, 2, "FLAGGED").await;
    app.as_user("reviewer")
        .data(
            "mutation($input: StartReviewInput!) { startReview(input: $input) { claim { version } } }",
            json!({ "input": { "claimId": JEFFERIES } }),
        )
        .await;
    harness::wait_until("the claim to be in review", LIVE, || async {
        let status = desk::text_of(&browser, "#claim-status").await?;
        let version = desk::claim_version(&browser).await?;
        if status == "In review" && version == 3 {
            Ok(())
        } else {
            Err(format!("{status}, version {version}"))
        }
    })
    .await;
    let said = desk::wait_text_containing(&browser, "#status", "reviewer changed the claim").await;
    assert!(said.contains("Review started"), "{said}");
    assert_eq!(
        desk::history_kinds(&browser).await.expect("the history"),
        ["CREATED", "FLAGGED", "REVIEW_STARTED"]
    );
    app.stop().await;
    browser.close().await;
}

/// A server of this test's own on a runtime of its own, so that it can stop as a process does,
/// with its open WebSockets, and start again on the same address. (A server stopped with
/// `run_until`, as `TestApp::stop` does, leaves the connections it upgraded running on the
/// test's runtime, so a desk would stay subscribed to the stopped instance.)
struct Instance {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Instance {
    fn start(database: &TestDatabase, bind: SocketAddr) -> Instance {
        let mut config = test_config(database);
        config.bind = bind;
        let (ready, address) = std::sync::mpsc::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let app = Application::build(config).await.expect("the server starts");
                ready.send(app.address()).expect("the test waits");
                app.run_until(async move {
                    let _ = stopped.await;
                })
                .await
                .expect("the server stops cleanly");
            });
            // Dropping the runtime ends every task it still runs: the open connections close.
            runtime.shutdown_timeout(Duration::from_secs(5));
        });
        let address = address.recv_timeout(TIMEOUT).expect("the server listens");
        Instance {
            address,
            stop,
            thread,
        }
    }

    fn stop(self) {
        let _ = self.stop.send(());
        self.thread.join().expect("the server's thread ends");
    }
}

#[tokio::test]
async fn the_desk_is_live_again_after_the_server_restarts() {
    let Some(browser) = Browser::start("the_desk_is_live_again_after_a_restart").await else {
        return;
    };
    // The test app makes the users and tokens and owns the database; the desk talks to an
    // instance of this test's own on the same database, which restarts on its address.
    let app = TestApp::spawn(Backend::Sqlite).await;
    let database = TestDatabase::borrowed(&app.database);
    let instance = Instance::start(&database, "127.0.0.1:0".parse().expect("an address"));
    let address = instance.address;
    let url = |path: &str| format!("http://{address}{path}");
    browser.open(&url("/desk?queue=FLAGGED")).await;
    desk::sign_in_here(&browser, &app, "viewer").await;
    desk::wait_text(&browser, "#total-count", "0").await;
    wait_live_state(&browser, "live", TIMEOUT).await;

    instance.stop();
    wait_live_state(&browser, "offline", TIMEOUT).await;
    let instance = Instance::start(&database, address);
    // The desk retries after 1 s, then 2 s, …
    wait_live_state(&browser, "live", TIMEOUT).await;

    let flagged: Value = app
        .http()
        .post(url("/graphql"))
        .bearer_auth(app.token("editor"))
        .json(&json!({ "query": FLAG, "variables": { "input": {
            "claimId": JEFFERIES, "reason": "After the restart.", "priority": "HIGH" } } }))
        .send()
        .await
        .expect("the restarted server answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        flagged["data"]["flagClaim"]["claim"]["version"], 2,
        "{flagged}"
    );
    wait_count(&browser, "FLAGGED", 1).await;
    harness::wait_until("the list to show the flagged claim", LIVE, || async {
        let total = desk::text_of(&browser, "#total-count").await?;
        if total == "1" { Ok(()) } else { Err(total) }
    })
    .await;
    instance.stop();
    app.stop().await;
    browser.close().await;
}
