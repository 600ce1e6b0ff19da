//! Building and running the server.

use std::{future::Future, net::SocketAddr};

use claimdesk_core::Role;
use claimdesk_graphql::{Actor, build_schema};
use claimdesk_store::{Store, StoreError};
use thiserror::Error;
use tokio::net::TcpListener;

use crate::{
    ServeConfig,
    router::{AppState, router},
    seed::{self, Seed, SeedError},
    shutdown,
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
}

impl Application {
    /// Opens and migrates the database, seeds it if it is empty, and binds the listener.
    pub async fn build(config: ServeConfig) -> Result<Self, StartupError> {
        let store = Store::connect(&config.database.url).await?;
        store.migrate().await?;
        if !config.no_seed && store.count_articles().await? == 0 {
            let report = seed::load(&store, &Seed::bundled()?).await?;
            tracing::info!(claims = report.claims, "seeded the empty database");
        }
        let local_user = store
            .ensure_user(&config.local_user, Role::Editor)
            .await?
            .record;
        tracing::info!(
            user = %local_user.name,
            role = %local_user.role,
            "every request acts as the built-in local user"
        );
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
        let state = AppState {
            schema: build_schema(store.clone(), config.limits.schema_limits()),
            store,
            actor: Actor(local_user),
            limits: config.limits,
        };
        Ok(Self {
            listener,
            address,
            state,
        })
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
        tracing::info!("GraphQL playground at http://{}/graphql", self.address);
        let store = self.state.store.clone();
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(stop)
            .await?;
        if let Err(error) = store.close().await {
            tracing::warn!(%error, "closing the database");
        }
        Ok(())
    }
}
