//! The main flow from the keyboard alone: sign in, go from the queue links to a claim and flag
//! it, with Tab, Enter and typed keys only.

use claimdesk_tests::{Backend, TestApp};
use fantoccini::key::Key;

use crate::{
    desk::{self, JEFFERIES},
    harness::Browser,
};

#[tokio::test]
async fn a_reviewer_flags_a_claim_from_the_keyboard() {
    let Some(browser) = Browser::start("a_reviewer_flags_from_the_keyboard").await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    browser.open(&app.url("/desk")).await;
    // The sign-in form puts the focus in the token's field.
    desk::wait_focus(&browser, "signin-token").await;
    desk::type_keys(&browser, app.token("reviewer")).await;
    desk::press(&browser, Key::Enter).await;
    desk::wait_text(&browser, "#viewer", "reviewer (reviewer)").await;
    desk::wait_text(&browser, "#total-count", "22").await;

    // The sign-in form is gone and the list took its place: the focus goes on from there, so
    // the queue links above are behind it.
    desk::tab_to(&browser, "the NEW queue", 15, true, |id| id == "queue-NEW").await;
    desk::press(&browser, Key::Enter).await;
    desk::wait_text(&browser, "#list-heading", "New claims").await;
    desk::wait_focus(&browser, "list-heading").await;
    desk::wait_text(&browser, "#total-count", "22").await;
    // Tab through the search, the filters and the rows to the Jefferies claim's link.
    let mut reached = false;
    for _ in 0..40 {
        desk::press(&browser, Key::Tab).await;
        let row = browser
            .execute(
                "const a = document.activeElement;
                 return a && a.closest('#claim-list li') ? a.closest('li').dataset.claimId : null;",
                Vec::new(),
            )
            .await
            .expect("the focused row");
        if row.as_str() == Some(JEFFERIES) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the Jefferies row's link");
    desk::press(&browser, Key::Enter).await;
    desk::wait_claim(&browser, 1, "NEW").await;

    desk::tab_to(&browser, "the Flag button", 15, false, |id| {
        id == "action-FLAG"
    })
    .await;
    desk::press(&browser, Key::Enter).await;
    // The form opens with the focus in its first field.
    desk::wait_focus(&browser, "flag-reason").await;
    desk::type_keys(&browser, "Flagged from the keyboard.").await;
    desk::press(&browser, Key::Tab).await;
    assert_eq!(desk::focused_id(&browser).await, "flag-priority");
    // A focused select takes the first letters of an option.
    desk::type_keys(&browser, "U").await;
    desk::press(&browser, Key::Tab).await;
    assert_eq!(desk::focused_id(&browser).await, "flag-submit");
    desk::press(&browser, Key::Enter).await;
    desk::wait_claim(&browser, 2, "FLAGGED").await;
    desk::wait_text(&browser, "#claim-priority", "Urgent").await;
    let flagged = desk::text_of(&browser, "#claim").await.expect("the claim");
    assert!(flagged.contains("Flagged from the keyboard."), "{flagged}");
    app.stop().await;
    browser.close().await;
}
