//! The desk keeps to its server and its page is sound: going through the list, a claim, the
//! counts and an ingestion asks no other host for anything and logs no error (a
//! Content-Security-Policy violation would be one), and axe-core finds no serious or critical
//! accessibility violation on the list and on the claim.

use claimdesk_tests::{Backend, TestApp};
use fantoccini::Client;

use crate::{
    desk::{self, JEFFERIES},
    harness::{self, Browser, TIMEOUT},
};

/// Asserts that the page asked no other host than `app`'s for anything and logged no error,
/// since the logs were last read.
async fn assert_clean(browser: &Client, app: &TestApp, view: &str) {
    assert_eq!(
        harness::foreign_requests(browser, &app.url("/")).await,
        Vec::<String>::new(),
        "requests to another host on the {view}"
    );
    assert_eq!(
        harness::severe_log_entries(browser).await,
        Vec::<String>::new(),
        "errors in the browser's log on the {view}"
    );
}

#[tokio::test]
async fn the_desk_asks_no_other_host_and_logs_no_error() {
    let Some(browser) = Browser::start("the_desk_asks_no_other_host").await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    desk::sign_in(&browser, &app, "/desk", "editor").await;
    // The desk's first request goes without a token and is refused: the browser logs that 401,
    // and only that, as an error.
    let severe = harness::severe_log_entries(&browser).await;
    assert!(
        severe
            .iter()
            .all(|entry| entry.contains("/graphql") && entry.contains("401")),
        "{severe:#?}"
    );
    let own = [
        "/desk",
        "/assets/desk/app.js",
        "/assets/desk/desk.css",
        "/graphql",
    ];
    harness::assert_own_requests(&browser, &app.url("/"), &own).await;

    desk::wait_text(&browser, "#total-count", "22").await;
    desk::wait_text(&browser, "#live-status", "live").await;
    assert_clean(&browser, &app, "list").await;
    let list = harness::axe_violations(&browser).await;
    assert_eq!(list, [], "axe-core on the list");

    desk::click(
        &browser,
        &format!(r#"#claim-list li[data-claim-id="{JEFFERIES}"] a"#),
    )
    .await;
    desk::wait_claim(&browser, 1, "NEW").await;
    // With a form open, as people see it while they work.
    desk::click(&browser, "#action-FLAG").await;
    harness::wait_for(&browser, fantoccini::Locator::Css("#flag-reason"), TIMEOUT).await;
    assert_clean(&browser, &app, "claim").await;
    let claim = harness::axe_violations(&browser).await;
    assert_eq!(claim, [], "axe-core on the claim");

    desk::click(&browser, "#nav-counts").await;
    harness::wait_for(&browser, fantoccini::Locator::Css("#by-status"), TIMEOUT).await;
    assert_clean(&browser, &app, "counts").await;

    desk::click(&browser, "#nav-ingest").await;
    desk::type_into(&browser, "#ingest-url", "https://example.org/news/budget").await;
    desk::type_into(&browser, "#ingest-title", "Budget").await;
    desk::type_into(&browser, "#ingest-publisher", "Example News").await;
    desk::type_into(
        &browser,
        "#ingest-body",
        "City Hall said on Monday that the new budget totals $4.2 billion. Critics called it reckless.",
    )
    .await;
    desk::click(&browser, "#ingest-submit").await;
    desk::wait_text_containing(&browser, "#ingest-outcome", "Created").await;
    assert_clean(&browser, &app, "ingestion").await;
    app.stop().await;
    browser.close().await;
}
