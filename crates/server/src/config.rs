//! Typed configuration, read from flags and environment variables.

use std::net::SocketAddr;

use clap::Args;

/// The SQLite file `claimdesk` uses when no database is configured.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://claimdesk.db?mode=rwc";

/// Which database to use.
#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// `sqlite://FILE?mode=rwc` for the embedded default, or `postgres://USER@HOST/DB`.
    #[arg(long = "database-url", env = "CLAIMDESK_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub url: String,
}

/// How `claimdesk serve` runs.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// The address to listen on.
    #[arg(long, env = "CLAIMDESK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The database.
    #[command(flatten)]
    pub database: DatabaseConfig,

    /// The built-in user every request acts as, until access control is configured.
    #[arg(long, env = "CLAIMDESK_LOCAL_USER", default_value = "local-editor")]
    pub local_user: String,

    /// Do not load the bundled seed article into an empty database.
    #[arg(long, env = "CLAIMDESK_NO_SEED")]
    pub no_seed: bool,
}
