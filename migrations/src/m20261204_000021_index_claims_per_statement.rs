//! On PostgreSQL, the claims an insert adds are indexed for search by one statement per
//! insert, not one per claim: migration 11's row trigger ran its function and its insert once
//! for each claim, and an ingested article adds its claims in one statement. The statement's
//! rows come as a transition table, as the tallies' triggers (migration 13) read them; the
//! documents are those of `claim_search`, and the trigger keeps its name, which `claimdesk
//! copy` switches off for a bulk load. SQLite's FTS5 trigger is unchanged.

use sea_orm_migration::prelude::*;

use crate::{claim_search, execute_for_backend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statement trigger, in place of migration 11's row trigger of the same name.
fn postgres_up() -> String {
    let trigger = claim_search::POSTGRES_INSERT_TRIGGER;
    let documents = claim_search::postgres_documents("new_claims");
    format!(
        "CREATE FUNCTION claim_search_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             INSERT INTO claim_search (claim_id, document) {documents};
             RETURN NULL;
         END;
         $$;
         DROP TRIGGER {trigger} ON claims;
         CREATE TRIGGER {trigger} AFTER INSERT ON claims
         REFERENCING NEW TABLE AS new_claims
         FOR EACH STATEMENT EXECUTE FUNCTION claim_search_claims_inserted();"
    )
}

/// Migration 11's row trigger back.
fn postgres_down() -> String {
    let trigger = claim_search::POSTGRES_INSERT_TRIGGER;
    format!(
        "DROP TRIGGER {trigger} ON claims;
         CREATE TRIGGER {trigger} AFTER INSERT ON claims
         FOR EACH ROW EXECUTE FUNCTION claim_search_claim_changed();
         DROP FUNCTION claim_search_claims_inserted();"
    )
}

/// SQLite needs a statement to run; this one changes nothing.
const SQLITE_NOTHING: &str = "SELECT 1";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_NOTHING, &postgres_up()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_NOTHING, &postgres_down()).await
    }
}
