//! The mark of a copy in progress: a table the copy creates on the target, committed, before
//! it loads anything, and drops in the transaction that commits the data. A target that still
//! has it was left by a copy that did not finish; `serve` refuses it, and a new copy starts
//! over.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::{Backend, Store, StoreError};

/// The marker's table.
pub(crate) const MARKER_TABLE: &str = "claimdesk_copy_in_progress";

impl Store {
    /// Whether a copy into this database started and did not finish (`claimdesk copy`).
    pub async fn copy_interrupted(&self) -> Result<bool, StoreError> {
        let (backend, sql) = match self.backend() {
            Backend::Sqlite => (
                DbBackend::Sqlite,
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
            ),
            Backend::Postgres => (
                DbBackend::Postgres,
                "SELECT 1 FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = $1",
            ),
        };
        let statement = Statement::from_sql_and_values(backend, sql, [MARKER_TABLE.into()]);
        Ok(self.db.query_one_raw(statement).await?.is_some())
    }

    /// Marks this database as the target of a copy in progress, in a transaction of its own.
    pub(crate) async fn mark_copy_started(&self) -> Result<(), StoreError> {
        let sql = format!("CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (started_at TEXT NOT NULL)");
        self.db.execute_unprepared(&sql).await?;
        let at = self.clock.now().to_rfc3339();
        let insert = format!("INSERT INTO {MARKER_TABLE} (started_at) VALUES ('{at}')");
        self.db.execute_unprepared(&insert).await?;
        Ok(())
    }
}

/// The statement that removes the marker, run in the transaction that commits the copy.
pub(crate) fn unmark() -> String {
    format!("DROP TABLE {MARKER_TABLE}")
}
