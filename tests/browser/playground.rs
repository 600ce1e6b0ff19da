//! The playground in a real browser: GraphiQL loads from the server alone, runs a query and a
//! subscription, and signs its requests in with the token put in its Headers editor.

use std::time::Duration;

use claimdesk_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::harness::{self, Browser, TIMEOUT};

/// The seeded Jefferies claim.
const JEFFERIES: &str = "Q2xhaW06MTA";

const QUERY_EDITOR: &str = ".graphiql-query-editor .CodeMirror";
/// The visible one of the Variables and Headers editors.
const TOOL_EDITOR: &str = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror";
const RESULT: &str = ".result-window .CodeMirror";
const RUN: &str = ".graphiql-execute-button";

/// Opens the playground as a browser asks for it (`GET /graphql`, `Accept: text/html`) and
/// waits until GraphiQL shows its default document, the README's review.
async fn open_playground(browser: &Browser, app: &TestApp) {
    browser.open(&app.url("/graphql")).await;
    harness::wait_until("the review in the query editor", TIMEOUT, || async {
        match editor_value(browser, QUERY_EDITOR).await {
            Some(text) if text.contains("query FindJefferies") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
}

/// The text of the CodeMirror editor `selector` finds, if there is one.
async fn editor_value(client: &Client, selector: &str) -> Option<String> {
    let value = client
        .execute(
            "const node = document.querySelector(arguments[0]);
             return node && node.CodeMirror ? node.CodeMirror.getValue() : null;",
            vec![json!(selector)],
        )
        .await
        .expect("the script runs");
    value.as_str().map(str::to_owned)
}

/// Replaces the text of the CodeMirror editor `selector` finds (GraphiQL 3.9's editors are
/// CodeMirror 5, which keeps its API on its DOM node).
async fn set_editor(client: &Client, selector: &str, text: &str) {
    let done = client
        .execute(
            "const node = document.querySelector(arguments[0]);
             if (!node || !node.CodeMirror) return false;
             node.CodeMirror.setValue(arguments[1]);
             return true;",
            vec![json!(selector), json!(text)],
        )
        .await
        .expect("the script runs");
    assert_eq!(done, json!(true), "no editor at {selector}");
}

/// Puts `document`, of one operation, in the query editor and clicks the run button.
async fn run(client: &Client, document: &str) {
    set_editor(client, QUERY_EDITOR, document).await;
    // For a document of several operations the button opens a menu; React replaces it with a
    // plain button once the editor holds one, which makes a button found before stale.
    harness::wait_until("a run button for one operation", TIMEOUT, || async {
        let button = client
            .find(Locator::Css(RUN))
            .await
            .map_err(|error| error.to_string())?;
        if let Ok(Some(menu)) = button.attr("aria-haspopup").await {
            return Err(format!("a button with aria-haspopup={menu}"));
        }
        button.click().await.map_err(|error| error.to_string())
    })
    .await;
}

/// Waits until the result pane holds JSON that `accept` takes, and returns that JSON.
async fn wait_for_result(
    client: &Client,
    what: &str,
    timeout: Duration,
    accept: impl Fn(&Value) -> bool,
) -> Value {
    harness::wait_until(what, timeout, || async {
        let text = editor_value(client, RESULT).await.unwrap_or_default();
        match serde_json::from_str::<Value>(&text) {
            Ok(result) if accept(&result) => Ok(result),
            _ => Err(text),
        }
    })
    .await
}

#[tokio::test]
async fn the_playground_loads_from_the_server_alone_without_errors() {
    let Some(browser) = Browser::start("the_playground_loads_from_the_server_alone").await else {
        return;
    };
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.dev_open = true).await;
    open_playground(&browser, &app).await;
    // The documentation explorer lists the root types once GraphiQL has read the schema, over
    // the same endpoint, so the page is done loading.
    browser
        .find(Locator::Css(
            r#"button[aria-label="Show Documentation Explorer"]"#,
        ))
        .await
        .expect("the documentation button")
        .click()
        .await
        .expect("it can be clicked");
    harness::wait_until("the schema's root types", TIMEOUT, || async {
        let explorer = browser
            .find(Locator::Css(".graphiql-doc-explorer"))
            .await
            .map_err(|error| error.to_string())?;
        let text = explorer.text().await.map_err(|error| error.to_string())?;
        if text.contains("subscription") && text.contains("Subscription") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
    harness::screenshot(&browser, "playground-loaded").await;

    let own = [
        "/graphql",
        "/assets/vendor/graphiql-3.9.0/graphiql.min.js",
        "/assets/playground/playground.js",
        "/assets/playground/review.graphql",
    ];
    harness::assert_own_requests(&browser, &app.url("/"), &own).await;
    assert_eq!(
        harness::severe_log_entries(&browser).await,
        Vec::<String>::new(),
        "errors and CSP violations in the browser's log"
    );
    browser.close().await;
}

/// A server as `serve --dev-open` runs it: requests without a token act as `local-editor`.
async fn open_server(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |config| config.dev_open = true).await
}

#[tokio::test]
async fn graphiql_runs_a_query() {
    let Some(browser) = Browser::start("graphiql_runs_a_query").await else {
        return;
    };
    for backend in Backend::configured() {
        let app = open_server(backend).await;
        let query = format!(r#"{{ claim(id: "{JEFFERIES}") {{ text }} }}"#);
        let expected = json!({ "data": app.data(&query, json!({})).await });
        assert!(
            expected["data"]["claim"]["text"]
                .as_str()
                .is_some_and(|text| text.contains("$5.6 million")),
            "{expected}"
        );
        open_playground(&browser, &app).await;
        run(&browser, &query).await;
        let shown = wait_for_result(&browser, "the claim's text", TIMEOUT, |result| {
            result.get("data").is_some() || result.get("errors").is_some()
        })
        .await;
        harness::screenshot(
            &browser,
            &format!("playground-query-{}", harness::backend_name(&app.backend)),
        )
        .await;
        assert_eq!(shown, expected);
        app.stop().await;
    }
    browser.close().await;
}

#[tokio::test]
async fn graphiql_runs_a_subscription_and_shows_its_events() {
    let Some(browser) = Browser::start("graphiql_runs_a_subscription").await else {
        return;
    };
    for backend in Backend::configured() {
        let app = open_server(backend).await;
        open_playground(&browser, &app).await;
        run(&browser, "subscription { claimEvents { id kind } }").await;
        // While a subscription runs, the run button stops it instead.
        harness::wait_until(
            "the run button to become a stop button",
            TIMEOUT,
            || async {
                let button = browser
                    .find(Locator::Css(RUN))
                    .await
                    .map_err(|error| error.to_string())?;
                match button.attr("aria-label").await {
                    Ok(Some(label)) if label.starts_with("Stop") => Ok(()),
                    other => Err(format!("{other:?}")),
                }
            },
        )
        .await;
        // The button changes when GraphiQL sends the subscription, a moment before the server
        // has it: a note added in that moment is not the subscription's. Add one until one shows.
        let mut shown = None;
        for attempt in 1..=3 {
            app.data(
                "mutation($input: AddNoteInput!) { addNote(input: $input) { note { body } } }",
                json!({ "input": { "claimId": JEFFERIES, "body": format!("Seen live {attempt}") } }),
            )
            .await;
            let latest = wait_until_event(&browser, Duration::from_secs(5)).await;
            if latest.is_some() {
                shown = latest;
                break;
            }
        }
        let shown = shown.expect("a NOTE_ADDED event in the result pane");
        let history = app
            .data(
                "query($id: ID!) { claim(id: $id) { history(last: 1) { id kind } } }",
                json!({ "id": JEFFERIES }),
            )
            .await;
        assert_eq!(
            shown,
            json!({ "data": { "claimEvents": history["claim"]["history"][0] } }),
            "the pane shows the claim's latest event"
        );
        harness::screenshot(
            &browser,
            &format!(
                "playground-subscription-{}",
                harness::backend_name(&app.backend)
            ),
        )
        .await;
        app.stop().await;
    }
    browser.close().await;
}

/// The result pane's content once it shows a `NOTE_ADDED` event, or `None` after `timeout`.
async fn wait_until_event(client: &Client, timeout: Duration) -> Option<Value> {
    let deadline = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < deadline {
        let text = editor_value(client, RESULT).await.unwrap_or_default();
        if let Ok(result) = serde_json::from_str::<Value>(&text)
            && result["data"]["claimEvents"]["kind"] == "NOTE_ADDED"
        {
            return Some(result);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test]
async fn the_headers_editor_signs_the_requests_in() {
    let Some(browser) = Browser::start("the_headers_editor_signs_the_requests_in").await else {
        return;
    };
    // Without --dev-open: a request without a token is refused.
    let app = TestApp::spawn(Backend::Sqlite).await;
    open_playground(&browser, &app).await;
    run(&browser, "{ viewer { name } }").await;
    let refused = wait_for_result(&browser, "the refusal", TIMEOUT, |result| {
        result.get("errors").is_some()
    })
    .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{refused}"
    );

    browser
        .find(Locator::Css(
            r#".graphiql-editor-tools button[data-name="headers"]"#,
        ))
        .await
        .expect("the Headers tab")
        .click()
        .await
        .expect("it can be clicked");
    let headers = json!({ "Authorization": format!("Bearer {}", app.token("reviewer")) });
    set_editor(&browser, TOOL_EDITOR, &headers.to_string()).await;
    harness::screenshot(&browser, "playground-headers").await;
    run(&browser, "{ viewer { name } }").await;
    let shown = wait_for_result(&browser, "the viewer's name", TIMEOUT, |result| {
        result.get("data").is_some()
    })
    .await;
    harness::screenshot(&browser, "playground-headers-viewer").await;
    assert_eq!(
        shown,
        json!({ "data": { "viewer": { "name": "reviewer" } } })
    );
    browser.close().await;
}
