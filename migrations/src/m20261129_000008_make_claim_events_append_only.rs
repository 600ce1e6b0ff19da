//! Makes the claim history append-only in the database itself: an `UPDATE` or `DELETE` on
//! `claim_events` is refused by a trigger, whatever client sends it.

use sea_orm_migration::prelude::*;

use crate::execute_for_backend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &str = "
CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END;
CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events
BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END;
";

const SQLITE_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_events_no_update;
DROP TRIGGER IF EXISTS claim_events_no_delete;
";

const POSTGRES_UP: &str = "
CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'claim_events is append-only'; END;
$$;
CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events
FOR EACH ROW EXECUTE FUNCTION claim_events_append_only();
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_events_append_only ON claim_events;
DROP FUNCTION IF EXISTS claim_events_append_only();
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
