//! On PostgreSQL, the claims an insert adds are indexed for search by one statement per
//! insert, not one per claim: migration 11's row trigger ran its function and its insert once
//! for each claim, and an ingested article adds its claims in one statement. The statement's
//! rows come as a transition table, as the tallies' triggers (migration 13) read them; the
//! document is migration 11's `claim_search_document`, and the trigger keeps its name, which
//! `claimdesk copy` switches off for a bulk load. SQLite's FTS5 trigger is unchanged.

use sea_orm_migration::prelude::*;

use crate::execute_for_backend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &str = "
CREATE FUNCTION claim_search_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_search (claim_id, document)
    SELECT new_claims.id,
           claim_search_document(new_claims.text, new_claims.quote, sources.name)
    FROM new_claims LEFT JOIN sources ON sources.id = new_claims.source_id;
    RETURN NULL;
END;
$$;
DROP TRIGGER claim_search_claim_insert ON claims;
CREATE TRIGGER claim_search_claim_insert AFTER INSERT ON claims
REFERENCING NEW TABLE AS new_claims
FOR EACH STATEMENT EXECUTE FUNCTION claim_search_claims_inserted();
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER claim_search_claim_insert ON claims;
CREATE TRIGGER claim_search_claim_insert AFTER INSERT ON claims
FOR EACH ROW EXECUTE FUNCTION claim_search_claim_changed();
DROP FUNCTION claim_search_claims_inserted();
";

/// SQLite needs a statement to run; this one changes nothing.
const SQLITE_NOTHING: &str = "SELECT 1";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_NOTHING, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_NOTHING, POSTGRES_DOWN).await
    }
}
