//! Fresh databases for the search tests: a SQLite file in a temporary folder, or a
//! PostgreSQL database created on the server `CLAIMDESK_TEST_POSTGRES` names and dropped after
//! the test, as the end-to-end tests make theirs.

use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, Database};

/// A database that exists for one test; a PostgreSQL one is dropped with it.
pub(super) struct TestDatabase {
    pub(super) url: String,
    postgres: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl TestDatabase {
    pub(super) fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("search.db").display()
        );
        Self {
            url,
            postgres: None,
            _dir: Some(dir),
        }
    }

    pub(super) async fn postgres(admin_url: &str) -> Self {
        let name = format!(
            "claimdesk_store_search_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let admin = Database::connect(admin_url)
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
        let (server, _) = admin_url
            .split_once('?')
            .map_or(admin_url, |(url, _)| url)
            .rsplit_once('/')
            .expect("CLAIMDESK_TEST_POSTGRES names a database");
        Self {
            url: format!("{server}/{name}"),
            postgres: Some((admin_url.to_owned(), name)),
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
            eprintln!("could not drop the test database");
        }
    }
}
