//! Building and running the server.

use std::{future::Future, net::SocketAddr};

use claimdesk_core::Role;
use claimdesk_graphql::{Actor, build_schema_with_webhooks};
use claimdesk_store::{ArticleFilter, Backend, Store, StoreError};
use thiserror::Error;
use tokio::net::TcpListener;

use crate::{
    ServeConfig,
    auth::Authenticator,
    router::router,
    seed::{self, Seed, SeedError},
    shutdown,
    state::AppState,
    webhooks,
};

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum StartupError {
    /// The database could not be opened, migrated or read.
    #[error("database: {0}")]
    Store(#[from] StoreError),
    /// The seed could not be loaded.
    #[error("seed: {0}")]
    Seed(#[from] SeedError),
    /// The matching thresholds are out of order.
    #[error("matching: {0}")]
    Thresholds(#[from] claimdesk_core::matching::ThresholdError),
    /// A copy into the database started and did not finish.
    #[error(
        "a `claimdesk copy` into this database did not finish, so it may hold part of the data: \
         run the copy again (it starts over), or serve another database"
    )]
    InterruptedCopy,
    /// The webhook client could not be built.
    #[error("webhooks: {0}")]
    Webhooks(#[from] reqwest::Error),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// A server that is ready to serve: migrated, seeded and bound.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    state: AppState,
    bootstrap_token: Option<String>,
    metrics_listener: Option<TcpListener>,
}

impl Application {
    /// Opens and migrates the database, creates the first admin on a database without one,
    /// seeds it if it is empty, and binds the listener.
    pub async fn build(config: ServeConfig) -> Result<Self, StartupError> {
        let mut store = Store::connect(&config.database.url)
            .await?
            .with_publication_policy(config.publishing.policy())
            .with_match_thresholds(config.matching.thresholds()?);
        let metrics = (!config.no_metrics).then(|| {
            crate::metrics::observe_statements(&mut store);
            crate::metrics::recorder()
        });
        store.migrate().await?;
        if store.copy_interrupted().await? {
            return Err(StartupError::InterruptedCopy);
        }
        let bootstrap_token = bootstrap_admin(&store).await?;
        if !config.no_seed && store.count_articles(&ArticleFilter::default()).await? == 0 {
            let report = seed::load(&store, &Seed::bundled()?).await?;
            tracing::info!(claims = report.claims, "seeded the empty database");
        }
        let anonymous = if config.dev_open {
            let user = store
                .ensure_user(&config.local_user, Role::Editor)
                .await?
                .record;
            tracing::warn!(
                user = %user.name,
                "--dev-open: requests without a token act as this editor; never expose this server"
            );
            Some(Actor(user))
        } else {
            None
        };
        // SQLite keeps no planner statistics of its own accord; PostgreSQL's autovacuum does,
        // and an ANALYZE of a still-empty database would only mislead its planner until then.
        if store.backend() == Backend::Sqlite {
            store.refresh_statistics().await?;
            spawn_statistics_refresh(store.clone());
        } else {
            spawn_tally_folding(store.clone());
        }
        store.start_live_events().await?;
        let listener =
            TcpListener::bind(config.bind)
                .await
                .map_err(|source| StartupError::Bind {
                    address: config.bind,
                    source,
                })?;
        let address = listener.local_addr().map_err(|source| StartupError::Bind {
            address: config.bind,
            source,
        })?;
        let publisher = config.publishing.publisher(address);
        webhooks::spawn(store.clone(), config.webhooks.clone(), publisher.clone())?;
        let state = AppState {
            schema: build_schema_with_webhooks(
                store.clone(),
                config.limits.schema_limits(),
                publisher.clone(),
                config.webhooks.policy(),
            ),
            publisher,
            auth: Authenticator::new(store.clone(), anonymous, config.rate_limit_per_minute),
            store,
            limits: config.limits,
            metrics,
        };
        let metrics_listener = match config.metrics_bind {
            Some(address) => Some(
                TcpListener::bind(address)
                    .await
                    .map_err(|source| StartupError::Bind { address, source })?,
            ),
            None => None,
        };
        Ok(Self {
            listener,
            address,
            state,
            bootstrap_token,
            metrics_listener,
        })
    }

    /// The token of the admin created at this start, when the database had no admin.
    pub fn bootstrap_token(&self) -> Option<&str> {
        self.bootstrap_token.as_deref()
    }

    /// The address the server listens on; with port 0 in the config, the port chosen.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    pub async fn run(self) -> std::io::Result<()> {
        self.run_until(shutdown::signal()).await
    }

    /// Serves until `stop` resolves, then finishes the requests in flight.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let address = self.address;
        tracing::info!("editorial desk at http://{address}/desk");
        tracing::info!("GraphQL playground at http://{address}/graphql");
        let store = self.state.store.clone();
        if let (Some(listener), Some(handle)) = (self.metrics_listener, self.state.metrics.clone())
        {
            tracing::info!(address = ?listener.local_addr().ok(), "metrics at /metrics, without a token");
            let metrics_store = store.clone();
            let routes = axum::Router::new().route(
                "/metrics",
                axum::routing::get(move || {
                    let (store, handle) = (metrics_store.clone(), handle.clone());
                    async move { crate::metrics::render(&store, &handle).await }
                }),
            );
            tokio::spawn(async move { axum::serve(listener, routes).await });
        }
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(stop)
            .await?;
        if let Err(error) = store.close().await {
            tracing::warn!(%error, "closing the database");
        }
        Ok(())
    }
}

/// The name of the admin created on a database without one.
pub const BOOTSTRAP_ADMIN: &str = "admin";

/// On a database without an admin, creates one and prints its token, this once.
async fn bootstrap_admin(store: &Store) -> Result<Option<String>, StartupError> {
    if store.count_users_with_role(Role::Admin).await? > 0 {
        return Ok(None);
    }
    let admin = store.create_user(BOOTSTRAP_ADMIN, Role::Admin).await?;
    let issued = store
        .issue_token(admin.id, Some("created at first start".into()))
        .await?;
    tracing::warn!(
        user = BOOTSTRAP_ADMIN,
        "the database had no admin: created one"
    );
    println!(
        "\nClaimDesk created the user '{BOOTSTRAP_ADMIN}' (ADMIN). Its API token, shown only this once:\n\n    {}\n\nSend it as `Authorization: Bearer <token>`; use it to create users and their tokens.\n",
        issued.secret
    );
    Ok(Some(issued.secret))
}

/// How often a server on PostgreSQL folds the recorded changes of the claim tallies into them.
const TALLY_FOLDING: std::time::Duration = std::time::Duration::from_secs(2);

/// Folds the claim tallies' changes every two seconds on PostgreSQL, so that the desk counts
/// read at most a few seconds' changes besides the tallies. Several instances may share the
/// work: a fold that finds another running skips its turn. A failure is logged and retried.
fn spawn_tally_folding(store: Store) {
    tokio::spawn(async move {
        let mut every_turn = tokio::time::interval(TALLY_FOLDING);
        every_turn.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every_turn.tick().await;
            if let Err(error) = store.fold_claim_tallies().await {
                tracing::warn!(%error, "could not fold the claim tallies");
            }
        }
    });
}

/// How often a running server refreshes the query planner's statistics.
const STATISTICS_REFRESH: std::time::Duration = std::time::Duration::from_hours(1);

/// Refreshes SQLite's planner statistics every hour, as the data grows. A failure is logged
/// and retried at the next hour.
fn spawn_statistics_refresh(store: Store) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(STATISTICS_REFRESH);
        every_hour.tick().await;
        loop {
            every_hour.tick().await;
            if let Err(error) = store.refresh_statistics().await {
                tracing::warn!(%error, "could not refresh the planner's statistics");
            }
        }
    });
}
