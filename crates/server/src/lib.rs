//! The ClaimDesk server: configuration, the HTTP router, seeding and the command line.
//!
//! [`Application::build`] opens the store, migrates it, seeds an empty database and binds the
//! listener; [`Application::run`] serves until SIGINT or SIGTERM. The end-to-end tests drive
//! the same `Application` on port 0.

mod app;
mod auth;
mod config;
pub mod export;
mod graphql_http;
mod health;
mod metrics;
mod publishing;
mod request_body;
mod request_error;
mod request_id;
mod router;
pub mod seed;
mod shutdown;
mod state;
mod subscriptions;
mod webhooks;

pub use app::Application;
pub use config::{
    DatabaseConfig, LimitsConfig, MatchingConfig, PublishingConfig, ServeConfig, WebhookConfig,
};
