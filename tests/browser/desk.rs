//! What the desk's browser tests share: signing in with a token through the form, and clicking,
//! typing and choosing in the desk's controls by the ids of its DOM contract (the comment at
//! the top of `crates/web/assets/desk/app.js`), each retried until the page lets it happen.
//!
//! The claim view redraws itself when a live event says the claim changed, which replaces its
//! elements: every helper here finds its element again on each try instead of holding one.

use claimdesk_tests::TestApp;
use fantoccini::{
    Client, Locator,
    actions::{InputSource as _, KeyAction, KeyActions},
    elements::Element,
    error::CmdError,
    key::Key,
};
use serde_json::json;

use crate::harness::{self, Browser, TIMEOUT};

/// The seeded Jefferies claim (`Claim:10`).
pub const JEFFERIES: &str = "Q2xhaW06MTA";

/// The first element `css` finds, or why there is none.
pub async fn element(client: &Client, css: &str) -> Result<Element, String> {
    client
        .find(Locator::Css(css))
        .await
        .map_err(|error| format!("no {css}: {error}"))
}

/// The text of the first element `css` finds, or why there is none.
pub async fn text_of(client: &Client, css: &str) -> Result<String, String> {
    let element = element(client, css).await?;
    element.text().await.map_err(|error| error.to_string())
}

/// The attribute `name` of the first element `css` finds, or why there is none.
pub async fn attr_of(client: &Client, css: &str, name: &str) -> Result<String, String> {
    element(client, css)
        .await?
        .attr(name)
        .await
        .map_err(|error| error.to_string())?
        .ok_or_else(|| format!("{css} has no {name}"))
}

/// Waits until the text of `css` is `expected`.
pub async fn wait_text(client: &Client, css: &str, expected: &str) {
    harness::wait_until(&format!("{css} to read {expected:?}"), TIMEOUT, || async {
        let text = text_of(client, css).await?;
        if text == expected {
            Ok(())
        } else {
            Err(format!("{text:?}"))
        }
    })
    .await;
}

/// Waits until the text of `css` contains `part`, and returns the whole text.
pub async fn wait_text_containing(client: &Client, css: &str, part: &str) -> String {
    harness::wait_until(&format!("{css} to contain {part:?}"), TIMEOUT, || async {
        let text = text_of(client, css).await?;
        if text.contains(part) {
            Ok(text)
        } else {
            Err(format!("{text:?}"))
        }
    })
    .await
}

/// Clicks the element `css` finds, once it is there and can be clicked.
pub async fn click(client: &Client, css: &str) {
    harness::wait_until(&format!("{css} to be clicked"), TIMEOUT, || async {
        let element = element(client, css).await?;
        element.click().await.map_err(|error| error.to_string())
    })
    .await;
}

/// Puts `value` in the input or select `css` with `put`, again until the element holds it (a
/// redraw in the middle keeps the draft, so putting it again is safe).
pub async fn put_value<Fut>(client: &Client, css: &str, value: &str, put: impl Fn(Element) -> Fut)
where
    Fut: Future<Output = Result<(), CmdError>>,
{
    harness::wait_until(&format!("{css} to hold {value:?}"), TIMEOUT, || async {
        let element = element(client, css).await?;
        put(element.clone())
            .await
            .map_err(|error| error.to_string())?;
        let held = element
            .prop("value")
            .await
            .map_err(|error| error.to_string())?
            .unwrap_or_default();
        if held == value {
            Ok(())
        } else {
            Err(format!("it holds {held:?}"))
        }
    })
    .await;
}

/// Types `text` into the input or textarea `css`, which it empties first.
pub async fn type_into(client: &Client, css: &str, text: &str) {
    put_value(client, css, text, |element| async move {
        element.clear().await?;
        element.send_keys(text).await
    })
    .await;
}

/// Chooses the option with the value `value` in the select `css`, by clicking it.
pub async fn choose(client: &Client, css: &str, value: &str) {
    put_value(client, css, value, |select| async move {
        select.select_by_value(value).await
    })
    .await;
}

/// Presses and releases `key` on whatever has the focus, as a keyboard does.
pub async fn press(client: &Client, key: Key) {
    type_keys(client, &char::from(key).to_string()).await;
}

/// Types `text` on whatever has the focus, one key after the other.
pub async fn type_keys(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for value in text.chars() {
        actions = actions
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
    }
    client
        .perform_actions(actions)
        .await
        .expect("the text is typed");
}

/// The `id` of the focused element (empty when it has none).
pub async fn focused_id(client: &Client) -> String {
    let element = client.active_element().await.expect("a focused element");
    element.attr("id").await.ok().flatten().unwrap_or_default()
}

/// Waits until the focus is on the element with the id `id`.
pub async fn wait_focus(client: &Client, id: &str) {
    harness::wait_until(&format!("the focus on #{id}"), TIMEOUT, || async {
        let focused = focused_id(client).await;
        if focused == id { Ok(()) } else { Err(focused) }
    })
    .await;
}

/// Presses Tab (Shift+Tab when `backwards`) until `matches` accepts the focused element's id,
/// at most `limit` times.
pub async fn tab_to(
    client: &Client,
    what: &str,
    limit: usize,
    backwards: bool,
    matches: impl Fn(&str) -> bool,
) {
    let mut seen = Vec::new();
    for _ in 0..limit {
        if backwards {
            let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
            let actions = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab })
                .then(KeyAction::Up { value: shift });
            client
                .perform_actions(actions)
                .await
                .expect("Shift+Tab is pressed");
        } else {
            press(client, Key::Tab).await;
        }
        let id = focused_id(client).await;
        if matches(&id) {
            return;
        }
        seen.push(id);
    }
    panic!("{limit} presses of Tab never reached {what}; the focus went through {seen:?}");
}

/// Opens the desk at `path` and signs in as the test user `user` by pasting the user's token
/// into the sign-in form, then waits until the header names that user.
pub async fn sign_in(browser: &Browser, app: &TestApp, path: &str, user: &str) {
    browser.open(&app.url(path)).await;
    sign_in_here(browser, app, user).await;
}

/// Signs in as `user` on the sign-in form the desk shows now.
pub async fn sign_in_here(client: &Client, app: &TestApp, user: &str) {
    let role = claimdesk_tests::USERS
        .iter()
        .find(|(name, _)| *name == user)
        .map_or("admin", |(_, role)| role);
    sign_in_with(client, app.token(user), user, role).await;
}

/// Signs in with `token` on the sign-in form the desk shows now, then waits until the header
/// names the user `name` with the role `role`.
pub async fn sign_in_with(client: &Client, token: &str, name: &str, role: &str) {
    type_into(client, "#signin-token", token).await;
    click(client, "#signin-submit").await;
    let role = role.to_lowercase();
    wait_text(client, "#viewer", &format!("{name} ({role})")).await;
}

/// Signs out with the header's button and waits for the sign-in form.
pub async fn sign_out(client: &Client) {
    click(client, "#session-button").await;
    harness::wait_for(client, Locator::Css("#signin-token"), TIMEOUT).await;
}

/// The version the claim view shows, from `#claim`'s `data-version`.
pub async fn claim_version(client: &Client) -> Result<u64, String> {
    attr_of(client, "#claim", "data-version")
        .await?
        .parse()
        .map_err(|error| format!("data-version: {error}"))
}

/// Waits until the claim view shows the claim at `version`, in the status `status` (its
/// `data-status`), and returns the version.
pub async fn wait_claim(client: &Client, version: u64, status: &str) -> u64 {
    harness::wait_until(
        &format!("the claim at version {version}, {status}"),
        TIMEOUT,
        || async {
            let shown = claim_version(client).await?;
            let shown_status = attr_of(client, "#claim", "data-status").await?;
            let text = text_of(client, "#claim-version").await?;
            if shown == version && shown_status == status && text == version.to_string() {
                Ok(shown)
            } else {
                Err(format!("version {shown} ({text:?}), {shown_status}"))
            }
        },
    )
    .await
}

/// The ids of the action buttons the claim view offers now.
pub async fn offered_actions(client: &Client) -> Vec<String> {
    let buttons = client
        .find_all(Locator::Css("#claim .action-buttons button"))
        .await
        .expect("the action buttons");
    let mut ids = Vec::new();
    for button in buttons {
        if let Ok(Some(id)) = button.attr("id").await {
            ids.push(id);
        }
    }
    ids
}

/// The count a queue link in the navigation shows (`#queue-NEW` and so on), once it has one.
pub async fn queue_count(client: &Client, queue: &str) -> Result<u64, String> {
    let text = text_of(client, &format!("#queue-{queue} .count")).await?;
    text.replace(',', "")
        .parse()
        .map_err(|_| format!("the count of {queue} reads {text:?}"))
}

/// The ID of the test user `user`, as the API gives it.
pub async fn user_id(app: &TestApp, user: &str) -> String {
    let data = app.as_user(user).data("{ viewer { id } }", json!({})).await;
    data["viewer"]["id"].as_str().expect("an ID").to_owned()
}

/// The `kind` of every event in the claim view's history, in the order shown.
pub async fn history_kinds(client: &Client) -> Result<Vec<String>, String> {
    let items = client
        .find_all(Locator::Css("#history > li"))
        .await
        .map_err(|error| error.to_string())?;
    let mut kinds = Vec::new();
    for item in items {
        kinds.push(
            item.attr("data-kind")
                .await
                .map_err(|error| error.to_string())?
                .unwrap_or_default(),
        );
    }
    Ok(kinds)
}
