//! `claimdesk`: the ClaimDesk server and its administration commands.

mod copy;
mod demo_data;
mod export_command;
mod webhook_command;

use std::{path::PathBuf, process::ExitCode};

use claimdesk_core::Role;
use claimdesk_server::{
    Application, DatabaseConfig, ServeConfig,
    seed::{self, Seed},
};
use claimdesk_store::{IngestArticle, Store};

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// The user recorded as the actor of `claimdesk ingest`.
const CLI_USER: &str = "claimdesk-cli";

/// The allocator: a page of results makes thousands of short-lived allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ClaimDesk: claim tracking and verification for newsrooms.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// `text` for people, or `json` for one JSON object a line (with the request's ID in
    /// each line a request logs).
    #[arg(
        long,
        global = true,
        env = "CLAIMDESK_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "one command is parsed once, at start; boxing the server's config buys nothing"
)]
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
    /// Append realistic generated articles and claims, the same for the same seed: every
    /// status, verdict, priority and attribution, with evidence, notes and history.
    DemoData(demo_data::DemoDataArgs),
    /// Print the GraphQL schema (SDL), as committed in schema.graphql.
    Schema,
    /// Ingest a text or Markdown file as an article, through the same path as `ingestArticle`.
    Ingest {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The file holding the article's body.
        file: PathBuf,
        /// Where the article is published; it identifies the article.
        #[arg(long = "url")]
        article_url: String,
        /// The headline; by default the file's first non-empty line.
        #[arg(long)]
        title: Option<String>,
        /// Who published it.
        #[arg(long)]
        publisher: Option<String>,
        /// Propose the claims the detector finds.
        #[arg(long)]
        detect: bool,
    },
    /// Import other fact-checkers' reviews: a schema.org ClaimReview JSON-LD file (one
    /// review, an array, or a DataFeed such as `/claim-reviews.jsonld`). Importing a review
    /// again changes nothing.
    ImportReviews {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The JSON-LD file.
        file: PathBuf,
    },
    /// Copy every row of one database into another, new one: SQLite to PostgreSQL or back.
    /// The target is migrated first and must be empty; the copy is checked table by table.
    Copy(copy::CopyArgs),
    /// Write a consistent copy of the SQLite database to FILE while the server keeps serving
    /// (`VACUUM INTO`); on PostgreSQL, print the `pg_dump` command to use instead.
    Backup {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The new file; it must not exist.
        file: PathBuf,
    },
    /// Write the claims that pass a filter as CSV or JSON lines, page by page: the same rows
    /// as `GET /export/claims.csv`.
    Export(export_command::ExportArgs),
    /// Manage users, directly on the database (for bootstrap and recovery).
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens, directly on the database (for bootstrap and recovery).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage webhook endpoints, directly on the database.
    #[command(subcommand)]
    Webhook(webhook_command::WebhookCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user.
    Add {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The user's unique name.
        name: String,
        /// VIEWER, INGEST, REVIEWER, EDITOR or ADMIN.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Issue a token for a user and print it; it is shown only this once.
    Create {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The user's name.
        user: String,
        /// What the token is for.
        #[arg(long)]
        label: Option<String>,
    },
    /// Revoke a token by its number, as printed when it was created.
    Revoke {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The token's number.
        id: i64,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    value.to_ascii_uppercase().parse().map_err(|_| {
        format!("{value:?} is not a role: use VIEWER, INGEST, REVIEWER, EDITOR or ADMIN")
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
        LogFormat::Json => logs
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
    match run(cli.command).await {
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
            migrated(&database).await?;
            tracing::info!("the database schema is up to date");
        }
        Command::Seed { database, dir } => {
            let store = migrated(&database).await?;
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
        Command::DemoData(args) => demo_data::run(&args).await?,
        Command::Copy(args) => copy::run(&args).await?,
        Command::Backup { database, file } => {
            let store = Store::connect(&database.url).await?;
            let path = file.display().to_string();
            store.backup_to(&path, &database.url).await?;
            tracing::info!(file = %path, "backed up: a consistent copy of the database");
        }
        Command::Export(args) => export_command::run(&args).await?,
        Command::Schema => print!("{}", claimdesk_graphql::schema_sdl()),
        Command::Ingest {
            database,
            file,
            article_url,
            title,
            publisher,
            detect,
        } => {
            let store = migrated(&database).await?;
            let body = std::fs::read_to_string(&file)?;
            let title = title.unwrap_or_else(|| {
                let first = body.lines().map(str::trim).find(|line| !line.is_empty());
                first
                    .unwrap_or("Untitled")
                    .trim_start_matches('#')
                    .trim()
                    .to_owned()
            });
            let actor = store.ensure_user(CLI_USER, Role::Ingest).await?.record;
            let input = IngestArticle {
                url: article_url,
                title,
                publisher,
                author: None,
                published_at: None,
                body,
                claims: Vec::new(),
                detect,
            };
            let ingested = store.ingest_article(actor.id, input).await?;
            tracing::info!(
                article = ingested.article.id,
                outcome = ?ingested.outcome,
                created = ingested.created.len(),
                reanchored = ingested.reanchored,
                anchors_lost = ingested.anchors_lost,
                "ingested"
            );
        }
        Command::ImportReviews { database, file } => import_reviews(&database, &file).await?,
        Command::User(UserCommand::Add {
            database,
            name,
            role,
        }) => {
            let store = migrated(&database).await?;
            let user = store.create_user(&name, role).await?;
            tracing::info!(user = %user.name, role = %user.role, "created the user");
        }
        Command::Token(TokenCommand::Create {
            database,
            user,
            label,
        }) => {
            let store = migrated(&database).await?;
            let user = store.user_by_name(&user).await?;
            let issued = store.issue_token(user.id, label).await?;
            tracing::info!(token = issued.token.id, user = %user.name, "issued a token; it is shown only this once");
            println!("{}", issued.secret);
        }
        Command::Webhook(command) => webhook_command::run(command).await?,
        Command::Token(TokenCommand::Revoke { database, id }) => {
            let store = migrated(&database).await?;
            let token = store.revoke_token(id).await?;
            tracing::info!(token = token.id, "revoked the token");
        }
    }
    Ok(())
}

/// `claimdesk import-reviews FILE`: other publishers' ClaimReview JSON-LD, imported.
async fn import_reviews(
    database: &DatabaseConfig,
    file: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let store = migrated(database).await?;
    let document: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file)?)?;
    let reviews = claimdesk_core::review_import::read_reviews(&document)?;
    let actor = store.ensure_user(CLI_USER, Role::Editor).await?.record;
    let report = store.import_reviews(actor.id, reviews).await?;
    tracing::info!(
        imported = report.created.len(),
        unchanged = report.unchanged,
        "imported the reviews"
    );
    Ok(())
}

/// The store, with its schema brought up to date.
pub(crate) async fn migrated(
    database: &DatabaseConfig,
) -> Result<Store, claimdesk_store::StoreError> {
    let store = Store::connect(&database.url).await?;
    store.migrate().await?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
