//! Opening the database and the [`Store`] handle.

use std::{sync::Arc, time::Duration};

use claimdesk_core::{Clock, SystemClock, matching::Thresholds, workflow::PublicationPolicy};
use claimdesk_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::{StoreError, checkpoint::Checkpointer, live::LiveEvents};

/// Which database engine the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The engine behind `db`: the one place a sea-orm backend becomes ours.
    pub(crate) fn of(db: &impl ConnectionTrait) -> Backend {
        match db.get_database_backend() {
            DbBackend::Sqlite => Backend::Sqlite,
            _ => Backend::Postgres,
        }
    }
}

/// Runs `sql` with `values` on PostgreSQL, and nothing on SQLite: for PostgreSQL's advisory
/// locks and notifications, which SQLite's single writer makes unnecessary.
pub(crate) async fn on_postgres(
    db: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = sea_orm::Value>,
) -> Result<(), StoreError> {
    if Backend::of(db) == Backend::Postgres {
        let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
        db.execute_raw(statement).await?;
    }
    Ok(())
}

/// The handle to ClaimDesk's data. Cheap to clone.
///
/// Writes go through `db`, reads that need no transaction through `reads`. On PostgreSQL
/// both are the one pool. On SQLite `db` is a single connection, so that writers take turns
/// in the process instead of on SQLite's lock, and `reads` is a pool of read-only
/// connections beside it: in WAL mode each of them reads its own snapshot while the writer
/// writes, so a read never waits for another read, nor a write for a read. A third
/// connection checkpoints the log (see `checkpoint`).
#[derive(Clone)]
pub struct Store {
    pub(crate) db: DatabaseConnection,
    pub(crate) reads: DatabaseConnection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) live: LiveEvents,
    pub(crate) policy: PublicationPolicy,
    pub(crate) thresholds: Thresholds,
    pub(crate) candidate_cache: crate::matching::CandidateCache,
    /// SQLite's checkpoints, off the writer's turn; none on PostgreSQL.
    checkpointer: Option<Arc<Checkpointer>>,
}

/// How many events a subscriber may fall behind before it is told to resume from the log.
const SUBSCRIBER_WINDOW: usize = 4096;

/// How many connections the pool keeps for each role. sea-orm gives SQLite a single
/// connection unless told otherwise, which made every read of the server wait for the one
/// before it; PostgreSQL keeps sqlx's default of 10.
const SQLITE_WRITERS: u32 = 1;
/// SQLite readers: each is a connection with its own sqlx worker thread, and a read holds one
/// only for the time of its statement, so a few per core serve any number of requests.
const SQLITE_READERS: u32 = 8;

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Connects to `url` (`sqlite://file.db?mode=rwc` or `postgres://…`) with the system clock.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with_clock(url, Arc::new(SystemClock)).await
    }

    /// Connects to `url`, telling time by `clock`.
    pub async fn connect_with_clock(url: &str, clock: Arc<dyn Clock>) -> Result<Self, StoreError> {
        let db = Database::connect(connect_options(url, Role::Write)).await?;
        let (reads, checkpointer) = match db.get_database_backend() {
            // Connected only once the writer has created the file.
            DbBackend::Sqlite => (
                Database::connect(connect_options(url, Role::Read)).await?,
                Some(Arc::new(Checkpointer::start(
                    Database::connect(connect_options(url, Role::Checkpoint)).await?,
                ))),
            ),
            _ => (db.clone(), None),
        };
        Ok(Self {
            db,
            reads,
            clock,
            live: LiveEvents::new(SUBSCRIBER_WINDOW),
            policy: PublicationPolicy::default(),
            thresholds: Thresholds::default(),
            candidate_cache: crate::matching::CandidateCache::default(),
            checkpointer,
        })
    }

    /// The store with closed verdicts published under `policy`: at once (the default), or
    /// only once a second editor approves them.
    #[must_use]
    pub fn with_publication_policy(mut self, policy: PublicationPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// When closed verdicts are published.
    pub fn publication_policy(&self) -> PublicationPolicy {
        self.policy
    }

    /// Counts every SQL statement this store runs from now on, in the returned counter; for
    /// tests that bound how many statements a request costs. Call it before cloning the store.
    pub fn count_statements(&mut self) -> Arc<std::sync::atomic::AtomicUsize> {
        let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let in_callback = counter.clone();
        let count = move |_: &sea_orm::metric::Info<'_>| {
            in_callback.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        self.db.set_metric_callback(count.clone());
        match self.backend() {
            Backend::Sqlite => self.reads.set_metric_callback(count),
            Backend::Postgres => self.reads = self.db.clone(),
        }
        counter
    }

    /// Decides the state of computed matches by `thresholds` (the defaults are
    /// `matching::DEFAULT_SUGGEST` and `matching::DEFAULT_CONFIRM`).
    #[must_use]
    pub fn with_match_thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// The thresholds computed matches are judged by.
    pub fn match_thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Calls `observe` after every SQL statement this store runs from now on, with its
    /// duration and whether it failed; for the server's metrics. Call it before cloning the
    /// store.
    pub fn observe_statements(&mut self, observe: impl Fn(Duration, bool) + Send + Sync + 'static) {
        let observe = Arc::new(observe);
        let callback = move |info: &sea_orm::metric::Info<'_>| observe(info.elapsed, info.failed);
        self.db.set_metric_callback(callback.clone());
        if self.backend() == Backend::Sqlite {
            self.reads.set_metric_callback(callback);
        } else {
            self.reads = self.db.clone();
        }
    }

    /// The connections of each pool, as (pool, open, idle): `writer` and `reader` on SQLite,
    /// `shared` on PostgreSQL.
    pub fn pool_use(&self) -> Vec<(&'static str, u32, usize)> {
        match self.backend() {
            Backend::Sqlite => {
                let writer = self.db.get_sqlite_connection_pool();
                let reader = self.reads.get_sqlite_connection_pool();
                vec![
                    ("writer", writer.size(), writer.num_idle()),
                    ("reader", reader.size(), reader.num_idle()),
                ]
            }
            Backend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                vec![("shared", pool.size(), pool.num_idle())]
            }
        }
    }

    /// Lets each subscriber fall at most `window` events behind (the default is 4,096).
    /// Call it before [`Store::start_live_events`] and before cloning the store.
    #[must_use]
    pub fn with_subscriber_window(mut self, window: usize) -> Self {
        self.live = LiveEvents::new(window);
        self
    }

    /// For tests of a migration's backfill: takes the schema back to just after migration
    /// number `kept` and up again, so that the later migrations run over the rows already
    /// written. (Today's store writes through tables of later migrations, such as the search
    /// index that matching reads and the webhook outbox, so rows cannot be written on an older
    /// schema.)
    #[cfg(test)]
    pub(crate) async fn migrate_again_after(&self, kept: u32) {
        let later = u32::try_from(Migrator::migrations().len()).expect("a few migrations") - kept;
        Migrator::down(&self.db, Some(later))
            .await
            .expect("the later migrations go down");
        Migrator::up(&self.db, None).await.expect("and up again");
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(&self.db, None).await?;
        Ok(())
    }

    /// The current time by the store's clock (which generated demo data is placed relative
    /// to, and webhook deliveries are timed by).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        Backend::of(&self.db)
    }

    /// Refreshes the query planner's statistics, so that it picks the index that fits each
    /// list: without them SQLite, which gathers none by itself, walks the status index and
    /// sorts where the flagged-at index answers a triage list in a tenth of a millisecond.
    /// The statistics are exact (SQLite's sampling `analysis_limit` misjudges columns with
    /// few values, such as the status, by a factor of hundreds). PostgreSQL's autovacuum
    /// analyzes too, but only later.
    ///
    /// On SQLite the per-value samples (`sqlite_stat4`) are dropped and the per-index averages
    /// kept: with samples, every statement that compares an indexed column with a parameter is
    /// planned again each time it runs with new values (a quarter of the cost of a page's
    /// batched `IN (…)` reads), and the averages alone already choose the same indexes.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        let statement = match self.backend() {
            Backend::Sqlite => {
                "BEGIN; ANALYZE; DELETE FROM sqlite_stat4; COMMIT; ANALYZE sqlite_schema"
            }
            Backend::Postgres => "ANALYZE",
        };
        self.db.execute_unprepared(statement).await?;
        Ok(())
    }

    /// Checks that the database answers, to writes and to reads.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.db.ping().await?;
        if self.backend() == Backend::Sqlite {
            self.reads.ping().await?;
        }
        Ok(())
    }

    /// Closes the connection pools.
    pub async fn close(self) -> Result<(), StoreError> {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.stop().await?;
        }
        if self.backend() == Backend::Sqlite {
            self.reads.close().await?;
        }
        self.db.close().await?;
        Ok(())
    }

    /// Commits a transaction that wrote claim events, and tells this instance's fan-out.
    pub(crate) async fn commit(&self, txn: DatabaseTransaction) -> Result<(), StoreError> {
        txn.commit().await?;
        self.live.poke();
        Ok(())
    }

    /// Starts a transaction that will write.
    ///
    /// On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`), so that two writers
    /// queue on the busy timeout instead of one failing when it upgrades a read lock.
    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }
}

/// What a pool's connections are for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Write,
    Read,
    /// SQLite's checkpoints (see `checkpoint`).
    Checkpoint,
}

/// How to connect to `url` for `role`. The SQLite settings apply only to SQLite.
fn connect_options(url: &str, role: Role) -> ConnectOptions {
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        options.max_connections(match role {
            Role::Write => SQLITE_WRITERS,
            Role::Read => SQLITE_READERS,
            Role::Checkpoint => 1,
        });
    }
    options.map_sqlx_sqlite_opts(move |sqlite| {
        // The busy timeout makes a second writer (another process) wait for the first
        // instead of failing; in WAL mode readers meet it only while the log is recovered.
        let sqlite = sqlite
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        match role {
            // WAL lets readers run beside the one writer; the mode stays with the file.
            // Commits never checkpoint: the checkpointer's connection does. The writer keeps
            // up to 64 MB of pages, 32 times SQLite's default: a new claim's match keys land
            // on pages all over their index, whose inner pages then stay in memory.
            Role::Write => sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .pragma("wal_autocheckpoint", "0")
                .pragma("cache_size", "-65536"),
            // A reader refuses to write, so that no write can slip past the writer's turn.
            Role::Read => sqlite.create_if_missing(false).pragma("query_only", "ON"),
            Role::Checkpoint => sqlite.create_if_missing(false),
        }
    });
    options
}
