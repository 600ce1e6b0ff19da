//! The harness's own checks see what they look for: a request to another host, a script
//! error, a Content-Security-Policy violation and an accessibility failure, each on a small
//! page of its own, so that a clean result from the real pages means something.

use fantoccini::Locator;

use crate::harness::{self, Browser, TIMEOUT};

/// A `data:` URL of the HTML document `html`.
fn page(html: &str) -> String {
    let mut url = url::Url::parse("data:text/html;charset=utf-8,").expect("a data URL");
    url.set_path(&format!("text/html;charset=utf-8,{html}"));
    url.into()
}

#[tokio::test]
async fn the_logs_show_foreign_requests_errors_and_policy_violations() {
    let Some(browser) = Browser::start("the_logs_show_foreign_requests").await else {
        return;
    };
    // Nobody listens on 127.0.0.2:9: the request fails at once, without any network.
    browser
        .open(&page(
            r#"<!doctype html><html lang="en"><head><title>Checks</title>
            <meta http-equiv="Content-Security-Policy" content="script-src 'none'">
            </head><body><main><h1 id="ready">Checks</h1>
            <img alt="" src="http://127.0.0.2:9/pixel.png">
            <script>console.log("must not run")</script></main></body></html>"#,
        ))
        .await;
    harness::wait_for(&browser, Locator::Css("#ready"), TIMEOUT).await;
    let foreign = harness::wait_until("the image's request", TIMEOUT, || async {
        let foreign = harness::foreign_requests(&browser, "http://127.0.0.1:1/").await;
        if foreign.is_empty() {
            Err("no request".to_owned())
        } else {
            Ok(foreign)
        }
    })
    .await;
    assert_eq!(foreign, ["http://127.0.0.2:9/pixel.png"]);
    assert!(
        harness::foreign(&foreign, "http://127.0.0.2:9/").is_empty(),
        "a URL of the origin itself is not foreign"
    );
    assert!(
        harness::foreign(
            &["ws://127.0.0.2:9/graphql/ws".to_owned()],
            "http://127.0.0.2:9/"
        )
        .is_empty(),
        "the server's WebSocket is not foreign"
    );

    browser
        .execute(
            "setTimeout(() => { throw new Error('thrown by the page'); });",
            Vec::new(),
        )
        .await
        .expect("the script runs");
    // The log empties as it is read: gather it until the error shows.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let mut severe = Vec::new();
    while !severe
        .iter()
        .any(|entry: &String| entry.contains("thrown by the page"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no thrown error in {severe:#?}"
        );
        severe.extend(harness::severe_log_entries(&browser).await);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let said = |words: &str| severe.iter().any(|entry| entry.contains(words));
    assert!(
        said("Content Security Policy"),
        "the violation: {severe:#?}"
    );
    assert!(
        said("127.0.0.2:9/pixel.png"),
        "the failed load: {severe:#?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn axe_finds_a_field_without_a_label_and_nothing_on_a_plain_page() {
    let Some(browser) = Browser::start("axe_finds_a_field_without_a_label").await else {
        return;
    };
    browser
        .open(&page(
            r#"<!doctype html><html lang="en"><head><title>Plain</title></head>
            <body><main><h1>Plain</h1><p>Nothing to see.</p></main></body></html>"#,
        ))
        .await;
    assert_eq!(harness::axe_violations(&browser).await, []);

    browser
        .open(&page(
            r#"<!doctype html><html lang="en"><head><title>Unlabelled</title></head>
            <body><main><h1>Search</h1><input id="query" type="text"></main></body></html>"#,
        ))
        .await;
    let violations = harness::axe_violations(&browser).await;
    harness::screenshot(&browser, "harness-unlabelled-field").await;
    let label = violations
        .iter()
        .find(|violation| violation.id == "label")
        .unwrap_or_else(|| panic!("no label violation in {violations:#?}"));
    assert_eq!(label.impact, "critical");
    assert_eq!(label.nodes, ["#query"]);
    browser.close().await;
}
