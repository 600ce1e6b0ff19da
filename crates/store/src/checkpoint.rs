//! SQLite's checkpoints, taken off the writer's turn.
//!
//! In WAL mode a commit appends the pages it changed to the log, and a checkpoint copies them
//! back into the database file and syncs it. By default SQLite checkpoints inside whichever
//! commit takes the log past 1,000 pages, so that commit, and every writer queued behind the
//! one writer connection, waits for the copy and the sync: a fifth of an ingestion's time in
//! the write lock. So the writer never checkpoints (`wal_autocheckpoint = 0`, set where the
//! connection is opened), and a [`Checkpointer`] does it on a connection of its own every
//! [`INTERVAL`]. Its checkpoints are `PASSIVE`: they copy what no reader still needs and never
//! wait for a reader or the writer. The first commit after a complete checkpoint starts the
//! log again from its beginning, so the log stays about one interval of writes long.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::task::AbortHandle;

/// How often the log is copied into the database file.
pub(crate) const INTERVAL: Duration = Duration::from_millis(100);

/// The task that checkpoints one SQLite database, stopped when dropped.
pub(crate) struct Checkpointer {
    task: AbortHandle,
    connection: DatabaseConnection,
}

impl Checkpointer {
    /// Starts checkpointing through `connection`, a pool of one connection that nothing else
    /// uses.
    pub(crate) fn start(connection: DatabaseConnection) -> Self {
        let checkpoints = connection.clone();
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(INTERVAL);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = checkpoints
                    .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                    .await
                {
                    tracing::warn!(%error, "checkpointing the SQLite log");
                }
            }
        })
        .abort_handle();
        Self { task, connection }
    }

    /// Stops checkpointing and closes the connection. Closing the database's last
    /// connection checkpoints what is left.
    pub(crate) async fn stop(&self) -> Result<(), sea_orm::DbErr> {
        self.task.abort();
        self.connection.clone().close().await
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use claimdesk_test_database::{Backend, TestDatabase};
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    use crate::Store;

    /// The size of the database file itself, without its log.
    fn file_size(url: &str) -> u64 {
        let path = url
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .expect("a path");
        std::fs::metadata(Path::new(path)).map_or(0, |file| file.len())
    }

    #[tokio::test]
    async fn commits_reach_the_database_file_without_the_writer_checkpointing() {
        let database = TestDatabase::create(&Backend::Sqlite).await;
        let store = Store::connect(&database.url).await.unwrap();
        store.migrate().await.unwrap();
        let autocheckpoint = store
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA wal_autocheckpoint",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(autocheckpoint.try_get_by_index::<i64>(0).unwrap(), 0);

        let before = file_size(&database.url);
        store
            .db
            .execute_unprepared(
                "CREATE TABLE ballast (bytes BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256)
                 INSERT INTO ballast SELECT randomblob(16384) FROM n;",
            )
            .await
            .unwrap();
        // 4 MiB went to the log; the checkpointer copies them into the file.
        let mut waited = std::time::Duration::ZERO;
        while file_size(&database.url) < before + 4 * 1024 * 1024 {
            assert!(
                waited < std::time::Duration::from_secs(10),
                "the database file stayed at {} bytes",
                file_size(&database.url)
            );
            tokio::time::sleep(super::INTERVAL).await;
            waited += super::INTERVAL;
        }
        store.close().await.unwrap();
    }
}
