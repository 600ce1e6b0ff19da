//! The quote highlight counts code points: after emoji and other characters outside the Basic
//! Multilingual Plane (two UTF-16 units each in the browser), the mark still covers exactly the
//! quote.

use claimdesk_tests::{Backend, TestApp};
use serde_json::json;

use crate::{
    desk,
    harness::{Browser, TIMEOUT, screenshot, wait_until},
};

const BEFORE: &str = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉🎉 headlines 👩‍👩‍👧‍👦 and 𝕄𝕒𝕥𝕙 🇺🇦 come first. ";
const QUOTE: &str = "The council said the 🚋 line cost €4.2 billion 💶";
const AFTER: &str = ", twice the 𝟚𝟘𝟙𝟡 estimate. 😀 Then more text.";

#[tokio::test]
async fn the_quote_is_highlighted_exactly_after_astral_characters() {
    let Some(browser) = Browser::start("the_quote_after_astral_characters").await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let body = format!("{BEFORE}{QUOTE}{AFTER}");
    let start = BEFORE.chars().count();
    let end = start + QUOTE.chars().count();
    // UTF-16 offsets differ: a desk slicing the string by them would mark the wrong text.
    assert_ne!(BEFORE.encode_utf16().count(), start);
    let ingested = app
        .as_user("ingest")
        .data(
            "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { claims { id quote span { start end } } } }",
            json!({ "input": {
                "url": "https://example.org/news/astral", "title": "Astral 🌌 headline",
                "body": body,
                "claims": [{ "externalId": "tram", "text": "The tram line cost €4.2 billion.",
                             "quote": QUOTE, "span": { "start": start, "end": end } }],
            } }),
        )
        .await;
    let claim = &ingested["ingestArticle"]["claims"][0];
    assert_eq!(claim["quote"], QUOTE);
    let id = claim["id"].as_str().expect("the claim's ID");

    desk::sign_in(&browser, &app, &format!("/desk/claims/{id}"), "viewer").await;
    desk::wait_claim(&browser, 1, "NEW").await;
    let (marked, whole) = wait_until("the highlighted quote", TIMEOUT, || async {
        let mark = browser
            .find(fantoccini::Locator::Css("#article-text mark"))
            .await
            .map_err(|error| error.to_string())?;
        let marked = mark.prop("textContent").await.map_err(|e| e.to_string())?;
        let text = browser
            .find(fantoccini::Locator::Css("#article-text"))
            .await
            .map_err(|error| error.to_string())?
            .prop("textContent")
            .await
            .map_err(|error| error.to_string())?;
        Ok((marked.unwrap_or_default(), text.unwrap_or_default()))
    })
    .await;
    screenshot(&browser, "desk-quote-astral").await;
    assert_eq!(marked, QUOTE, "the mark holds the quote exactly");
    assert_eq!(whole, body, "the article's text is all there, once");
    let shown = desk::text_of(&browser, "#article-text mark").await;
    assert_eq!(shown.as_deref(), Ok(QUOTE), "and shows it");
    app.stop().await;
    browser.close().await;
}
