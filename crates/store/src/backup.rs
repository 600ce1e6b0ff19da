//! Backups (`claimdesk backup FILE`): on SQLite an online copy of the database file, taken
//! with `VACUUM INTO` in one read transaction, so it is consistent while a server writes.
//! PostgreSQL has its own tool for that, `pg_dump`.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::{Backend, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the SQLite database to `file`, which must not exist. On
    /// PostgreSQL it fails with [`StoreError::BackupElsewhere`], which names the `pg_dump`
    /// command to use.
    pub async fn backup_to(&self, file: &str, url: &str) -> Result<(), StoreError> {
        if self.backend() == Backend::Postgres {
            return Err(StoreError::BackupElsewhere(format!(
                "PostgreSQL databases are backed up with pg_dump: pg_dump --format=custom --file={file} '{url}' \
                 (restore with pg_restore --dbname=NEW_DATABASE_URL {file})"
            )));
        }
        let statement =
            Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [file.into()]);
        // Through the writer: the readers are `query_only`, which refuses `VACUUM`. It holds
        // the writer's turn only while it reads; SQLite's other writers wait for it.
        self.db.execute_raw(statement).await?;
        Ok(())
    }
}
