//! The README's whole review of the Jefferies claim, done in the desk as people do it: a
//! reviewer signs in with a token, finds the claim, flags, assigns, reviews, attaches the
//! evidence and a note; an editor signs in after them and closes it; the history and the
//! published ClaimReview say what happened. On each configured backend.

use std::path::{Path, PathBuf};

use claimdesk_tests::{Backend, TestApp};
use fantoccini::Locator;
use serde_json::Value;

use crate::{
    desk::{self, JEFFERIES},
    harness::{self, Browser, TIMEOUT},
};

const FLAG_REASON: &str = "Widely repeated cost figure; it may cover only the final training run.";
const EVIDENCE_URL: &str = "https://arxiv.org/abs/2412.19437";
const EVIDENCE_TITLE: &str = "DeepSeek-V3 Technical Report";
const EVIDENCE_EXCERPT: &str = "DeepSeek-V3 requires only 2.788M H800 GPU hours for its full \
    training. Assuming the rental price of the H800 GPU is $2 per GPU hour, our total training \
    costs amount to only $5.576M.";
const NOTE: &str = "$5.576M assumes $2 per GPU hour and excludes research and ablations.";
const SUMMARY: &str = "The $5.6M is DeepSeek's own estimate for the final V3 training run at \
    rented-GPU prices; it excludes research, ablations and hardware, so comparing it with the \
    full cost of Llama misleads.";

/// Set to refresh `docs/desk-list.png` and `docs/desk-claim.png` from the SQLite run.
const DOCS_ENV: &str = "CLAIMDESK_DOCS_SCREENSHOTS";

#[tokio::test]
async fn a_reviewer_and_an_editor_do_the_whole_jefferies_review() {
    let Some(browser) = Browser::start("the_whole_jefferies_review").await else {
        return;
    };
    for backend in Backend::configured() {
        let app = TestApp::spawn(backend).await;
        review(&browser, &app).await;
        app.stop().await;
    }
    browser.close().await;
}

async fn review(browser: &Browser, app: &TestApp) {
    let list_shot = find_the_claim(browser, app).await;
    let mut versions = vec![desk::wait_claim(browser, 1, "NEW").await];
    review_as_reviewer(browser, app, &mut versions).await;
    close_as_editor(browser, app, &mut versions).await;
    assert_eq!(versions, [1, 2, 3, 4, 5, 6, 7], "one version per step");
    check_the_record(browser, app).await;
    // The queue counts follow: one closed, the rest new.
    harness::wait_until("the counts after the review", TIMEOUT, || async {
        let new = desk::queue_count(browser, "NEW").await?;
        let closed = desk::queue_count(browser, "CLOSED").await?;
        let open = desk::queue_count(browser, "IN_REVIEW").await?;
        if (new, open, closed) == (21, 0, 1) {
            Ok(())
        } else {
            Err(format!("new {new}, in review {open}, closed {closed}"))
        }
    })
    .await;

    browser
        .execute("window.scrollTo(0, 0);", Vec::new())
        .await
        .expect("the page scrolls");
    let backend = harness::backend_name(&app.backend);
    let claim_shot = harness::screenshot(browser, &format!("desk-claim-{backend}")).await;
    if app.backend == Backend::Sqlite && std::env::var_os(DOCS_ENV).is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        std::fs::copy(&list_shot, docs.join("desk-list.png")).expect("docs/desk-list.png");
        std::fs::copy(&claim_shot, docs.join("desk-claim.png")).expect("docs/desk-claim.png");
    }
}

/// Signs in as the reviewer, opens the NEW queue (screenshot), searches and opens the claim.
async fn find_the_claim(browser: &Browser, app: &TestApp) -> PathBuf {
    let backend = harness::backend_name(&app.backend);
    // Without --dev-open the desk asks for a token first.
    desk::sign_in(browser, app, "/desk", "reviewer").await;

    // The NEW queue lists every seeded claim; the Jefferies row leads to the claim.
    harness::wait_until("the NEW queue's count", TIMEOUT, || async {
        desk::queue_count(browser, "NEW").await.and_then(|count| {
            (count == 22)
                .then_some(())
                .ok_or(format!("{count} new claims"))
        })
    })
    .await;
    desk::click(browser, "#queue-NEW").await;
    desk::wait_text(browser, "#list-heading", "New claims").await;
    desk::wait_text(browser, "#total-count", "22").await;
    let row = format!(r#"#claim-list li[data-claim-id="{JEFFERIES}"] a"#);
    desk::wait_text_containing(browser, &row, "$5.6 million").await;
    let list_shot = harness::screenshot(browser, &format!("desk-list-{backend}")).await;

    // A search narrows it to the one claim.
    desk::type_into(browser, "#search", "jefferies").await;
    desk::click(browser, "#search-submit").await;
    desk::wait_text(browser, "#total-count", "1").await;
    desk::click(browser, &row).await;
    list_shot
}

/// The reviewer's part: flag, assign to themselves, start, evidence, a note; never close.
async fn review_as_reviewer(browser: &Browser, app: &TestApp, versions: &mut Vec<u64>) {
    desk::wait_text_containing(browser, "#claim-heading", "$5.6 million").await;
    assert!(
        !desk::offered_actions(browser)
            .await
            .contains(&"action-CLOSE_REVIEW".to_owned()),
        "a reviewer cannot close a new claim"
    );

    // Flag, as high priority.
    desk::click(browser, "#action-FLAG").await;
    desk::type_into(browser, "#flag-reason", FLAG_REASON).await;
    desk::choose(browser, "#flag-priority", "HIGH").await;
    desk::click(browser, "#flag-submit").await;
    versions.push(desk::wait_claim(browser, 2, "FLAGGED").await);
    desk::wait_text(browser, "#claim-status", "Flagged").await;
    desk::wait_text(browser, "#claim-priority", "High").await;

    // Assign to themselves: the only person a reviewer may choose.
    desk::click(browser, "#action-ASSIGN").await;
    let me = desk::user_id(app, "reviewer").await;
    desk::choose(browser, "#assign-user", &me).await;
    let options = browser
        .find_all(Locator::Css("#assign-user option"))
        .await
        .expect("the options");
    assert_eq!(options.len(), 1, "a reviewer can assign only themselves");
    desk::click(browser, "#assign-submit").await;
    versions.push(desk::wait_claim(browser, 3, "FLAGGED").await);
    desk::wait_text(browser, "#claim-assignee", "reviewer").await;

    desk::click(browser, "#action-START_REVIEW").await;
    desk::click(browser, "#start-submit").await;
    versions.push(desk::wait_claim(browser, 4, "IN_REVIEW").await);
    desk::wait_text(browser, "#claim-status", "In review").await;

    desk::click(browser, "#action-ATTACH_EVIDENCE").await;
    desk::type_into(browser, "#evidence-url", EVIDENCE_URL).await;
    desk::type_into(browser, "#evidence-title", EVIDENCE_TITLE).await;
    desk::type_into(browser, "#evidence-publisher", "arXiv").await;
    desk::type_into(browser, "#evidence-excerpt", EVIDENCE_EXCERPT).await;
    desk::choose(browser, "#evidence-stance", "CONTEXT").await;
    set_date(browser, "#evidence-published-at", "2024-12-27").await;
    desk::click(browser, "#evidence-submit").await;
    versions.push(desk::wait_claim(browser, 5, "IN_REVIEW").await);
    let evidence = desk::wait_text_containing(browser, "#evidence", EVIDENCE_TITLE).await;
    assert!(evidence.contains("Context"), "{evidence}");
    assert!(evidence.contains("arXiv"), "{evidence}");
    assert!(evidence.contains("Added by reviewer"), "{evidence}");

    desk::click(browser, "#action-ADD_NOTE").await;
    desk::type_into(browser, "#note-body", NOTE).await;
    desk::click(browser, "#note-submit").await;
    versions.push(desk::wait_claim(browser, 6, "IN_REVIEW").await);
    desk::wait_text_containing(browser, "#notes", NOTE).await;

    let offered = desk::offered_actions(browser).await;
    assert!(
        !offered.contains(&"action-CLOSE_REVIEW".to_owned()),
        "a reviewer is not offered to close: {offered:?}"
    );
    assert!(
        offered.contains(&"action-ADD_NOTE".to_owned()),
        "{offered:?}"
    );
}

/// The editor's part, in the same tab after the reviewer signs out: close as misleading.
async fn close_as_editor(browser: &Browser, app: &TestApp, versions: &mut Vec<u64>) {
    // The editor takes over in the same tab, after the reviewer signs out.
    desk::sign_out(browser).await;
    assert_eq!(desk::text_of(browser, "#viewer").await.as_deref(), Ok(""));
    desk::sign_in_here(browser, app, "editor").await;
    // Signing in returns to the claim the URL names.
    desk::wait_claim(browser, 6, "IN_REVIEW").await;
    desk::click(browser, "#action-CLOSE_REVIEW").await;
    desk::choose(browser, "#close-verdict", "MISLEADING").await;
    desk::type_into(browser, "#close-summary", SUMMARY).await;
    desk::click(browser, "#close-submit").await;
    versions.push(desk::wait_claim(browser, 7, "CLOSED").await);
    desk::wait_text(browser, "#claim-status", "Closed").await;
    desk::wait_text(browser, "#claim-verdict", "Misleading").await;
}

/// The history lists every step in order, and the published review is the editor's.
async fn check_the_record(browser: &Browser, app: &TestApp) {
    let kinds = desk::history_kinds(browser).await.expect("the history");
    assert_eq!(
        kinds,
        claimdesk_tests::REVIEW_KINDS,
        "the history lists every event in order"
    );
    let history = desk::text_of(browser, "#history").await.expect("its text");
    assert!(history.contains("Closed by editor"), "{history}");
    assert!(history.contains("Note added by reviewer"), "{history}");

    let link = browser
        .find(Locator::Css("#claim-review-link"))
        .await
        .expect("a link to the published review");
    let href = link
        .prop("href")
        .await
        .expect("its href")
        .unwrap_or_default();
    assert_eq!(href, app.url("/claim-reviews/10.jsonld"));
    let review: Value = app
        .http()
        .get(&href)
        .send()
        .await
        .expect("the review is served")
        .error_for_status()
        .expect("it is published")
        .json()
        .await
        .expect("as JSON");
    assert_eq!(review["@type"], "ClaimReview", "{review:#}");
    assert_eq!(review["reviewBody"], SUMMARY, "{review:#}");
    assert_eq!(review["reviewRating"]["ratingValue"], 2, "{review:#}");
    assert!(
        review["claimReviewed"]
            .as_str()
            .is_some_and(|text| text.contains("$5.6 million")),
        "{review:#}"
    );
}

/// Puts `date` (yyyy-mm-dd) in the date input `css` by typing it as Chromium's en-US date
/// field takes it, month, day and year.
async fn set_date(browser: &Browser, css: &str, date: &str) {
    let (year, rest) = date.split_once('-').expect("a date");
    let (month, day) = rest.split_once('-').expect("a date");
    let typed = &format!("{month}{day}{year}");
    desk::put_value(browser, css, date, |input| async move {
        input.click().await?;
        input.send_keys(typed).await
    })
    .await;
}
