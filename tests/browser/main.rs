//! Browser tests: a real headless Chromium, driven over WebDriver, clicks and types in the pages
//! the server serves, as a person would, and keeps screenshots of what it saw.
//!
//! They run when `CLAIMDESK_TEST_BROWSER` names a chromedriver (Debian's `chromium-driver`
//! installs `/usr/bin/chromedriver`); without it each test says it is skipped and passes. See
//! [`harness`] for how to write one.

mod desk;
mod desk_approval;
mod desk_conflict;
mod desk_hygiene;
mod desk_keyboard;
mod desk_live;
mod desk_quote;
mod desk_review;
mod harness;
mod harness_checks;
mod playground;
