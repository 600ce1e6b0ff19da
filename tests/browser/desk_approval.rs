//! Four eyes in the desk, with the approval policy on: editor A closes the Jefferies review and
//! cannot approve it; editor B sends it back with a reason, then approves the second closing,
//! which publishes it; reopened, it closes again only with a correction, which the published
//! ClaimReview shows. On each configured backend.

use claimdesk_tests::{Backend, TestApp};
use fantoccini::Client;
use serde_json::{Value, json};

use crate::{
    desk::{self, JEFFERIES},
    harness::{self, Browser, TIMEOUT},
};

const SUMMARY: &str = "The $5.6M covers only the final training run.";
const SEND_BACK: &str = "Say that the figure is DeepSeek's own estimate.";
const SECOND_SUMMARY: &str = "DeepSeek's own estimate of the final V3 run at rented-GPU prices.";
const CORRECTED_SUMMARY: &str = "Jefferies' revised note puts the full cost far higher.";
const CORRECTION: &str = "Jefferies revised its note; the summary now cites the revision.";

#[tokio::test]
async fn a_second_editor_sends_back_approves_and_publishes_a_correction() {
    let Some(browser) = Browser::start("second_editor_approval").await else {
        return;
    };
    for backend in Backend::configured() {
        let app = TestApp::spawn_with(backend, |config| {
            config.publishing.require_approval = true;
        })
        .await;
        four_eyes(&browser, &app).await;
        app.stop().await;
    }
    browser.close().await;
}

async fn four_eyes(browser: &Browser, app: &TestApp) {
    let (_, editor_b) = app.create_user("editor-b", "EDITOR").await;
    reviewed_by_the_reviewer(app).await;
    let path = format!("/desk/claims/{JEFFERIES}");
    desk::sign_in(browser, app, &path, "editor").await;
    desk::wait_claim(browser, 4, "IN_REVIEW").await;

    // Editor A closes it: it waits for another editor, and nothing is published.
    close(browser, SUMMARY).await;
    desk::wait_claim(browser, 5, "AWAITING_APPROVAL").await;
    desk::wait_text(browser, "#claim-status", "Awaiting approval").await;
    let offered = desk::offered_actions(browser).await;
    assert!(
        !offered.contains(&"action-APPROVE_VERDICT".to_owned()),
        "the editor who closed it is not offered to approve: {offered:?}"
    );
    assert!(desk::text_of(browser, "#claim-review-link").await.is_err());
    wait_queue(browser, "AWAITING_APPROVAL", 1).await;
    assert_eq!(published(app).await.0, 404);

    // Editor B sends it back with the reason, which the history shows.
    as_editor_b(browser, &editor_b, 5, "AWAITING_APPROVAL").await;
    desk::click(browser, "#action-REJECT_VERDICT").await;
    desk::type_into(browser, "#reject-reason", SEND_BACK).await;
    desk::click(browser, "#reject-submit").await;
    desk::wait_claim(browser, 6, "IN_REVIEW").await;
    let kinds = desk::history_kinds(browser).await.expect("the history");
    assert_eq!(kinds.last().map(String::as_str), Some("VERDICT_REJECTED"));
    desk::wait_text_containing(browser, "#history > li:last-child", SEND_BACK).await;

    // Editor A closes it again; editor B approves, and the verdict is published.
    desk::sign_out(browser).await;
    desk::sign_in_here(browser, app, "editor").await;
    desk::wait_claim(browser, 6, "IN_REVIEW").await;
    close(browser, SECOND_SUMMARY).await;
    desk::wait_claim(browser, 7, "AWAITING_APPROVAL").await;
    as_editor_b(browser, &editor_b, 7, "AWAITING_APPROVAL").await;
    desk::click(browser, "#action-APPROVE_VERDICT").await;
    desk::click(browser, "#approve-submit").await;
    desk::wait_claim(browser, 8, "CLOSED").await;
    desk::wait_text(browser, "#claim-verdict", "Misleading").await;
    desk::wait_text_containing(browser, "#claim-review-link", "ClaimReview").await;
    wait_queue(browser, "AWAITING_APPROVAL", 0).await;
    let (status, review) = published(app).await;
    assert_eq!(status, 200);
    assert_eq!(review["reviewBody"], SECOND_SUMMARY);

    corrected(browser, app).await;
    harness::screenshot(
        browser,
        &format!("desk-approval-{}", harness::backend_name(&app.backend)),
    )
    .await;
}

/// Editor B reopens the published claim and closes it again: refused without a correction,
/// shown beside the field; with one, it awaits approval, and editor A, who did not close it
/// this time, approves it. The published ClaimReview carries the correction.
async fn corrected(browser: &Browser, app: &TestApp) {
    desk::click(browser, "#action-REOPEN_REVIEW").await;
    desk::type_into(
        browser,
        "#reopen-reason",
        "Jefferies published a revised note.",
    )
    .await;
    desk::click(browser, "#reopen-submit").await;
    desk::wait_claim(browser, 9, "IN_REVIEW").await;

    close(browser, CORRECTED_SUMMARY).await;
    desk::wait_text_containing(browser, "#close-correction-error", "correction").await;
    assert_eq!(
        desk::attr_of(browser, "#close-correction", "aria-invalid").await,
        Ok("true".to_owned())
    );
    assert_eq!(desk::claim_version(browser).await, Ok(9));
    desk::type_into(browser, "#close-correction", CORRECTION).await;
    desk::click(browser, "#close-submit").await;
    desk::wait_claim(browser, 10, "AWAITING_APPROVAL").await;

    desk::sign_out(browser).await;
    desk::sign_in_here(browser, app, "editor").await;
    desk::wait_claim(browser, 10, "AWAITING_APPROVAL").await;
    desk::click(browser, "#action-APPROVE_VERDICT").await;
    desk::click(browser, "#approve-submit").await;
    desk::wait_claim(browser, 11, "CLOSED").await;
    let kinds = desk::history_kinds(browser).await.expect("the history");
    assert_eq!(
        kinds[kinds.len() - 2..],
        ["VERDICT_APPROVED", "VERDICT_CORRECTED"]
    );
    desk::wait_text_containing(browser, "#history > li:last-child", CORRECTION).await;
    let (_, review) = published(app).await;
    assert_eq!(review["reviewBody"], CORRECTED_SUMMARY);
    assert_eq!(review["correction"]["@type"], "CorrectionComment");
    assert_eq!(review["correction"]["text"], CORRECTION);
}

/// Opens the close form and closes as MISLEADING with `summary`.
async fn close(client: &Client, summary: &str) {
    desk::click(client, "#action-CLOSE_REVIEW").await;
    desk::choose(client, "#close-verdict", "MISLEADING").await;
    desk::type_into(client, "#close-summary", summary).await;
    desk::click(client, "#close-submit").await;
}

/// Signs out and in again as editor B, who is offered both the approval and the send-back.
async fn as_editor_b(client: &Client, token: &str, version: u64, status: &str) {
    desk::sign_out(client).await;
    desk::sign_in_with(client, token, "editor-b", "EDITOR").await;
    desk::wait_claim(client, version, status).await;
    let offered = desk::offered_actions(client).await;
    for action in ["action-APPROVE_VERDICT", "action-REJECT_VERDICT"] {
        assert!(offered.contains(&action.to_owned()), "{offered:?}");
    }
}

/// Waits until the queue link of `queue` counts `count` claims.
async fn wait_queue(client: &Client, queue: &str, count: u64) {
    harness::wait_until(&format!("{count} in {queue}"), TIMEOUT, || async {
        let shown = desk::queue_count(client, queue).await?;
        (shown == count)
            .then_some(())
            .ok_or(format!("{shown} in {queue}"))
    })
    .await;
}

/// The reviewer's part through the API: flagged, in review, with the technical report.
async fn reviewed_by_the_reviewer(app: &TestApp) {
    let reviewer = app.as_user("reviewer");
    let steps = [
        (
            "mutation($input: FlagClaimInput!) { flagClaim(input: $input) { claim { id } } }",
            json!({ "claimId": JEFFERIES, "reason": "Widely repeated cost figure.", "priority": "HIGH" }),
        ),
        (
            "mutation($input: StartReviewInput!) { startReview(input: $input) { claim { id } } }",
            json!({ "claimId": JEFFERIES }),
        ),
        (
            "mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id } } }",
            json!({
                "claimId": JEFFERIES,
                "url": "https://arxiv.org/abs/2412.19437",
                "title": "DeepSeek-V3 Technical Report",
                "stance": "CONTEXT",
            }),
        ),
    ];
    for (mutation, input) in steps {
        reviewer.data(mutation, json!({ "input": input })).await;
    }
}

/// The status and body of the Jefferies claim's published ClaimReview.
async fn published(app: &TestApp) -> (u16, Value) {
    let response = app
        .http()
        .get(app.url("/claim-reviews/10.jsonld"))
        .send()
        .await
        .expect("the ClaimReview answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}
