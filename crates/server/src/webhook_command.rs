//! `claimdesk webhook add|list|rotate`: webhook endpoints managed directly on the database,
//! as `createWebhook`, `webhooks` and `rotateWebhookSecret` do through the API.

use std::time::Duration;

use claimdesk_core::EventKind;
use claimdesk_graphql::WebhookPolicy;
use claimdesk_server::DatabaseConfig;
use claimdesk_store::NewWebhook;
use clap::Subcommand;

use crate::migrated;

#[derive(Subcommand)]
pub(crate) enum WebhookCommand {
    /// Create a webhook endpoint and print its signing secret; it is shown only this once.
    Add {
        #[command(flatten)]
        database: DatabaseConfig,
        /// Where deliveries are posted.
        #[arg(value_name = "URL")]
        endpoint: String,
        /// The event kinds to deliver, such as CLOSED,REOPENED; every kind when left out.
        #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
        events: Vec<EventKind>,
        /// Only events of claims of this article (its number).
        #[arg(long)]
        article: Option<i64>,
        /// What the endpoint is for.
        #[arg(long)]
        description: Option<String>,
        /// Accept a loopback, private or link-local destination.
        #[arg(long)]
        allow_private: bool,
    },
    /// List the webhook endpoints.
    List {
        #[command(flatten)]
        database: DatabaseConfig,
    },
    /// Give an endpoint a new secret and print it; the old one keeps signing for the overlap.
    Rotate {
        #[command(flatten)]
        database: DatabaseConfig,
        /// The webhook's number, as `claimdesk webhook list` shows it.
        id: i64,
        /// For how long the old secret keeps signing, in seconds.
        #[arg(long, default_value_t = 24 * 3600)]
        overlap_secs: u64,
    },
}

fn parse_kind(value: &str) -> Result<EventKind, String> {
    value
        .trim()
        .to_ascii_uppercase()
        .parse()
        .map_err(|_| format!("{value:?} is not an event kind, such as CLOSED or NOTE_ADDED"))
}

pub(crate) async fn run(command: WebhookCommand) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        WebhookCommand::Add {
            database,
            endpoint: url,
            events,
            article,
            description,
            allow_private,
        } => {
            let policy = WebhookPolicy {
                allow_private,
                ..WebhookPolicy::default()
            };
            policy.check_destination(&url).await?;
            let store = migrated(&database).await?;
            let created = store
                .create_webhook(NewWebhook {
                    url,
                    event_kinds: events,
                    article_id: article,
                    description,
                })
                .await?;
            tracing::info!(
                webhook = created.webhook.id,
                "created the webhook; its secret is shown only this once"
            );
            println!("{}", created.secret);
        }
        WebhookCommand::List { database } => {
            let store = migrated(&database).await?;
            for webhook in store.webhooks().await? {
                let events: Vec<&str> = webhook.event_kinds.iter().map(AsRef::as_ref).collect();
                let events = if events.is_empty() {
                    "ALL".to_owned()
                } else {
                    events.join(",")
                };
                let state = if webhook.enabled {
                    "enabled".to_owned()
                } else {
                    format!(
                        "disabled ({})",
                        webhook.disabled_reason.as_deref().unwrap_or("")
                    )
                };
                let backlog = store.webhook_stats(webhook.id).await?.backlog;
                println!(
                    "{}\t{}\t{events}\t{state}\tbacklog {backlog}",
                    webhook.id, webhook.url
                );
            }
        }
        WebhookCommand::Rotate {
            database,
            id,
            overlap_secs,
        } => {
            let store = migrated(&database).await?;
            let overlap = chrono::Duration::from_std(Duration::from_secs(overlap_secs))?;
            let rotated = store.rotate_webhook_secret(id, overlap).await?;
            tracing::info!(
                webhook = id,
                "rotated the secret; the new one is shown only this once"
            );
            println!("{}", rotated.secret);
        }
    }
    Ok(())
}
