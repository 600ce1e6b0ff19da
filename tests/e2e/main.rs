//! End-to-end tests: each drives a real server over HTTP, as a client would, on SQLite and,
//! when `CLAIMDESK_TEST_POSTGRES` is set, on PostgreSQL too.

mod access;
mod approval;
mod audit;
mod counts;
mod export;
mod failures;
mod graphql_over_http;
mod hostile;
mod http;
mod ingestion;
mod lists;
mod live;
mod matching;
mod metrics;
mod operations;
mod ordering;
mod playground;
mod race;
mod retries;
mod scenario;
mod search;
mod seeding;
mod socket_limits;
mod statements;
mod viewer_actions;
mod webhooks;
