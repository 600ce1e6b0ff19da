//! Makes the claim history append-only in the database itself: an `UPDATE` or `DELETE` on
//! `claim_events` is refused by a trigger, whatever client sends it.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

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
        let sql = match manager.get_database_backend() {
            DbBackend::Sqlite => SQLITE_UP,
            _ => POSTGRES_UP,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DbBackend::Sqlite => SQLITE_DOWN,
            _ => POSTGRES_DOWN,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }
}
