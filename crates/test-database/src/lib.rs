//! Fresh databases for tests: a SQLite file in a temporary folder, or a PostgreSQL database
//! created for the test and dropped after it.
//!
//! This crate depends on none of ClaimDesk's own crates, so that the store's unit tests can use
//! it without building the server (or a second copy of the store) the way `claimdesk-tests`
//! would.

use std::{
    future::Future,
    sync::atomic::{AtomicUsize, Ordering},
};

use sea_orm::{ConnectionTrait, Database};
use tempfile::TempDir;
use url::Url;

/// The environment variable that switches the PostgreSQL run on.
pub const POSTGRES_ENV: &str = "CLAIMDESK_TEST_POSTGRES";

/// A database engine the tests run on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server, named by the URL of a database to connect to for administration.
    Postgres(String),
}

impl Backend {
    /// SQLite always; PostgreSQL as well when `CLAIMDESK_TEST_POSTGRES` is set.
    pub fn configured() -> Vec<Backend> {
        let mut backends = vec![Backend::Sqlite];
        if let Ok(url) = std::env::var(POSTGRES_ENV)
            && !url.trim().is_empty()
        {
            backends.push(Backend::Postgres(url));
        }
        backends
    }

    /// PostgreSQL, when `CLAIMDESK_TEST_POSTGRES` names a server: for the tests that need it.
    pub fn postgres() -> Option<Backend> {
        Self::configured()
            .into_iter()
            .find(|backend| matches!(backend, Backend::Postgres(_)))
    }

    /// PostgreSQL as [`Backend::postgres`] finds it, for `test`, which runs only on it; without
    /// it, a note that `test` is skipped.
    pub fn postgres_or_skip(test: &str) -> Option<Backend> {
        let postgres = Self::postgres();
        if postgres.is_none() {
            eprintln!("skipped: set {POSTGRES_ENV} to run {test}");
        }
        postgres
    }
}

/// Runs `test` with the URL of a fresh, empty database on every configured backend, one after
/// the other.
pub async fn on_each_database<F, Fut>(test: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in Backend::configured() {
        eprintln!("--- on {backend:?}");
        let database = TestDatabase::create(&backend).await;
        test(database.url.clone()).await;
    }
}

/// A database that exists for one test.
pub struct TestDatabase {
    /// The URL the server connects to.
    pub url: String,
    postgres: Option<(String, String)>,
    _dir: Option<TempDir>,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl TestDatabase {
    /// Creates an empty database on `backend`.
    pub async fn create(backend: &Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("claimdesk.db").display()
                );
                TestDatabase {
                    url,
                    postgres: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres(admin_url) => {
                let name = format!(
                    "claimdesk_test_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let admin = Database::connect(admin_url.as_str())
                    .await
                    .expect("PostgreSQL answers");
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .expect("an old test database can be dropped");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("a test database can be created");
                let _ = admin.close().await;
                let mut url = Url::parse(admin_url).expect("CLAIMDESK_TEST_POSTGRES is a URL");
                url.set_path(&name);
                TestDatabase {
                    url: url.into(),
                    postgres: Some((admin_url.clone(), name)),
                    _dir: None,
                }
            }
        }
    }
}

impl TestDatabase {
    /// The same database, for another server instance; dropping it drops nothing.
    pub fn borrowed(owner: &TestDatabase) -> TestDatabase {
        TestDatabase {
            url: owner.url.clone(),
            postgres: None,
            _dir: None,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any async context we could borrow, so use a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(admin_url.as_str()).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await?;
                admin.close().await
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop a test database");
        }
    }
}
