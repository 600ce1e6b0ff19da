//! Two people on one claim in two browsers: the one whose change comes second, on a version
//! that is no longer current, sees the conflict, the claim as it now is, and can reload and
//! apply the change then.

use claimdesk_tests::{Backend, TestApp};

use crate::{
    desk::{self, JEFFERIES},
    harness::{self, Browser, TIMEOUT},
};

/// Why two server instances: the desk follows live events and reads an open claim again as soon
/// as another user changes it (`views/claim.js`, `onEvent`), so in one instance the second
/// browser is brought up to date within milliseconds and its change would only conflict if
/// its submit beat that event, which no test can time. On SQLite a server fans its events out
/// to its own subscribers only (README, "Several instances"), so the second browser, on a
/// second instance of the same database, really works on the version it read, as a desk whose
/// live connection lags does, and its change is refused by the database's version check.
#[tokio::test]
async fn the_second_change_on_a_stale_version_shows_the_conflict_and_reloads() {
    let Some(first) = Browser::start("conflict_first_session").await else {
        return;
    };
    let Some(second) = Browser::start("conflict_second_session").await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let other = app.spawn_another_instance().await;
    let path = format!("/desk/claims/{JEFFERIES}");
    desk::sign_in(&first, &app, &path, "editor").await;
    desk::sign_in(&second, &other, &path, "reviewer").await;
    desk::wait_claim(&first, 1, "NEW").await;
    desk::wait_claim(&second, 1, "NEW").await;

    // The second one starts a note while the first flags the claim.
    desk::click(&second, "#action-ADD_NOTE").await;
    desk::type_into(&second, "#note-body", "Checked against the V3 report.").await;
    desk::click(&first, "#action-FLAG").await;
    desk::type_into(
        &first,
        "#flag-reason",
        "Repeated everywhere; worth a check.",
    )
    .await;
    desk::choose(&first, "#flag-priority", "URGENT").await;
    desk::click(&first, "#flag-submit").await;
    desk::wait_claim(&first, 2, "FLAGGED").await;
    // The second desk heard nothing and still shows version 1.
    assert_eq!(desk::claim_version(&second).await, Ok(1));

    desk::click(&second, "#note-submit").await;
    let conflict = desk::wait_text_containing(&second, "#conflict", "Someone else changed").await;
    assert!(
        conflict.contains("It is now Flagged, at version 2"),
        "{conflict}"
    );
    // Below it, the claim as it now is, and the draft is kept.
    desk::wait_claim(&second, 2, "FLAGGED").await;
    desk::wait_text(&second, "#claim-status", "Flagged").await;
    desk::wait_text(&second, "#claim-priority", "Urgent").await;
    let notes = desk::text_of(&second, "#notes").await.expect("the notes");
    assert!(notes.contains("No notes yet"), "{notes}");
    harness::screenshot(&second, "desk-conflict").await;

    desk::click(&second, "#conflict-reload").await;
    harness::wait_until("the conflict to go", TIMEOUT, || async {
        match desk::text_of(&second, "#conflict").await {
            Err(_) => Ok(()),
            Ok(text) => Err(text),
        }
    })
    .await;
    desk::wait_claim(&second, 2, "FLAGGED").await;
    desk::click(&second, "#action-ADD_NOTE").await;
    desk::type_into(&second, "#note-body", "Checked against the V3 report.").await;
    desk::click(&second, "#note-submit").await;
    desk::wait_claim(&second, 3, "FLAGGED").await;
    desk::wait_text_containing(&second, "#notes", "Checked against the V3 report.").await;
    let history = desk::history_kinds(&second).await.expect("the history");
    assert_eq!(history, ["CREATED", "FLAGGED", "NOTE_ADDED"]);

    other.stop().await;
    app.stop().await;
    second.close().await;
    first.close().await;
}
