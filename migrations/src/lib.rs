//! The ClaimDesk schema as sea-orm migrations.
//!
//! The same migrations run unchanged on SQLite and PostgreSQL. Enumerations are stored as
//! their `SCREAMING_SNAKE_CASE` names in short string columns, times as timestamps with time
//! zone, and IDs as 64-bit integers.

// The sea-orm migration DSL is written against its preludes, as every sea-orm migration is.
#![allow(clippy::wildcard_imports)]

pub use sea_orm_migration::prelude::*;

pub mod claim_search;
mod m20261129_000001_create_users;
mod m20261129_000002_create_articles;
mod m20261129_000003_create_sources;
mod m20261129_000004_create_claims;
mod m20261129_000005_create_evidence;
mod m20261129_000006_create_notes;
mod m20261129_000007_create_claim_events;
mod m20261129_000008_make_claim_events_append_only;
mod m20261129_000009_create_api_tokens;
mod m20261129_000010_add_revisions_and_anchoring;
mod m20261201_000011_create_claim_search;
mod m20261201_000012_index_claim_orders;
mod m20261201_000013_create_claim_tallies;
mod m20261201_000014_index_review_durations;
mod m20261202_000015_index_claim_lists;
mod m20261203_000016_create_claim_matches;
mod m20261203_000017_create_webhooks;
mod m20261203_000018_create_claim_verdicts;
mod m20261203_000019_create_claim_match_keys;
mod m20261203_000020_read_match_postings;
mod m20261204_000021_index_claims_per_statement;
pub mod review_time;

/// Runs the ClaimDesk migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_users::Migration),
            Box::new(m20261129_000002_create_articles::Migration),
            Box::new(m20261129_000003_create_sources::Migration),
            Box::new(m20261129_000004_create_claims::Migration),
            Box::new(m20261129_000005_create_evidence::Migration),
            Box::new(m20261129_000006_create_notes::Migration),
            Box::new(m20261129_000007_create_claim_events::Migration),
            Box::new(m20261129_000008_make_claim_events_append_only::Migration),
            Box::new(m20261129_000009_create_api_tokens::Migration),
            Box::new(m20261129_000010_add_revisions_and_anchoring::Migration),
            Box::new(m20261201_000011_create_claim_search::Migration),
            Box::new(m20261201_000012_index_claim_orders::Migration),
            Box::new(m20261201_000013_create_claim_tallies::Migration),
            Box::new(m20261201_000014_index_review_durations::Migration),
            Box::new(m20261202_000015_index_claim_lists::Migration),
            Box::new(m20261203_000016_create_claim_matches::Migration),
            Box::new(m20261203_000017_create_webhooks::Migration),
            Box::new(m20261203_000018_create_claim_verdicts::Migration),
            Box::new(m20261203_000019_create_claim_match_keys::Migration),
            Box::new(m20261203_000020_read_match_postings::Migration),
            Box::new(m20261204_000021_index_claims_per_statement::Migration),
        ]
    }
}

/// The length of the string columns that hold enumeration names.
const ENUM_LEN: u32 = 32;

/// Runs `sqlite` on SQLite and `postgres` on PostgreSQL: for the migrations written in each
/// engine's own SQL (triggers, functions, expression indexes).
async fn execute_for_backend(
    manager: &SchemaManager<'_>,
    sqlite: &str,
    postgres: &str,
) -> Result<(), DbErr> {
    let sql = match manager.get_database_backend() {
        sea_orm_migration::sea_orm::DbBackend::Sqlite => sqlite,
        _ => postgres,
    };
    manager.get_connection().execute_unprepared(sql).await?;
    Ok(())
}
