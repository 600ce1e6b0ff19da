//! `claimdesk`: the ClaimDesk server and its administration commands.

use std::{path::PathBuf, process::ExitCode};

use claimdesk_server::{
    Application, DatabaseConfig, ServeConfig,
    seed::{self, Seed},
};
use claimdesk_store::Store;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// ClaimDesk: claim tracking and verification for newsrooms.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, seed an empty database, and serve the GraphQL API and its playground.
    Serve(ServeConfig),
    /// Bring the database schema up to date.
    Migrate(DatabaseConfig),
    /// Load seed articles and claims; records that already exist are left alone.
    Seed {
        #[command(flatten)]
        database: DatabaseConfig,
        /// Load the seeds in this folder instead of the bundled ones.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print the GraphQL schema (SDL), as committed in schema.graphql.
    Schema,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(Cli::parse().command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Serve(config) => Application::build(config).await?.run().await?,
        Command::Migrate(database) => {
            let store = Store::connect(&database.url).await?;
            store.migrate().await?;
            tracing::info!("the database schema is up to date");
        }
        Command::Seed { database, dir } => {
            let store = Store::connect(&database.url).await?;
            store.migrate().await?;
            let seeds = match dir {
                Some(dir) => Seed::from_dir(&dir)?,
                None => Seed::bundled()?,
            };
            let report = seed::load(&store, &seeds).await?;
            tracing::info!(
                articles = report.articles,
                sources = report.sources,
                claims = report.claims,
                "seeded; existing records were left as they were"
            );
        }
        Command::Schema => print!("{}", claimdesk_graphql::schema_sdl()),
    }
    Ok(())
}
