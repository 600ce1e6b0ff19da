//! Webhook endpoints: created with a secret shown once, changed, rotated, disabled and
//! deleted. The secret is stored because signing needs the key itself; it is never read back
//! out of the store except to sign.

use chrono::{DateTime, Duration, Utc};
use claimdesk_core::{
    EventKind,
    validation::{ValidationError, limits, optional_text, web_url},
    webhooks::{
        records::Webhook,
        signature::{SECRET_BYTES, WebhookSecret},
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};

use crate::{Store, StoreError, by_id::row_by_id, entities::webhook};

/// A webhook to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewWebhook {
    /// Where deliveries are posted: an http or https URL.
    pub url: String,
    /// The kinds of event delivered; empty for every kind.
    pub event_kinds: Vec<EventKind>,
    /// Only events of claims of this article, when set.
    pub article_id: Option<i64>,
    /// What the endpoint is for.
    pub description: Option<String>,
}

/// Changes to a webhook; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookChanges {
    /// A new URL.
    pub url: Option<String>,
    /// New kinds of event; empty for every kind.
    pub event_kinds: Option<Vec<EventKind>>,
    /// A new article filter; `Some(None)` removes it.
    pub article_id: Option<Option<i64>>,
    /// A new description; `Some(None)` removes it.
    pub description: Option<Option<String>>,
    /// Enables or disables deliveries.
    pub enabled: Option<bool>,
}

/// A webhook with a secret just made: the secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookWithSecret {
    /// The webhook.
    pub webhook: Webhook,
    /// Its signing secret, `whsec_…`.
    pub secret: String,
}

impl Store {
    /// Creates a webhook with a new secret.
    pub async fn create_webhook(&self, new: NewWebhook) -> Result<WebhookWithSecret, StoreError> {
        check_url(&new.url)?;
        optional_text(
            "description",
            new.description.as_deref(),
            limits::DESCRIPTION,
        )?;
        if let Some(article_id) = new.article_id {
            self.article(article_id).await?;
        }
        let secret = new_secret()?;
        let now = self.clock.now();
        let row = webhook::ActiveModel {
            url: Set(new.url),
            event_kinds: Set(kinds_column(&new.event_kinds)),
            article_id: Set(new.article_id),
            description: Set(new.description),
            secret: Set(secret.expose()),
            enabled: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let row = webhook::Entity::insert(row)
            .exec_with_returning(&self.db)
            .await?;
        Ok(WebhookWithSecret {
            webhook: row.try_into()?,
            secret: secret.expose(),
        })
    }

    /// Every webhook, oldest first.
    pub async fn webhooks(&self) -> Result<Vec<Webhook>, StoreError> {
        webhook::Entity::find()
            .order_by_asc(webhook::Column::Id)
            .all(&self.reads)
            .await?
            .into_iter()
            .map(Webhook::try_from)
            .collect()
    }

    /// The webhook with `id`.
    pub async fn webhook(&self, id: i64) -> Result<Webhook, StoreError> {
        self.webhook_row(id).await?.try_into()
    }

    /// Changes a webhook. Enabling it clears why it was disabled and since when it failed.
    pub async fn update_webhook(
        &self,
        id: i64,
        changes: WebhookChanges,
    ) -> Result<Webhook, StoreError> {
        let mut row: webhook::ActiveModel = self.webhook_row(id).await?.into();
        if let Some(url) = changes.url {
            check_url(&url)?;
            row.url = Set(url);
        }
        if let Some(kinds) = changes.event_kinds {
            row.event_kinds = Set(kinds_column(&kinds));
        }
        if let Some(article_id) = changes.article_id {
            if let Some(article_id) = article_id {
                self.article(article_id).await?;
            }
            row.article_id = Set(article_id);
        }
        if let Some(description) = changes.description {
            optional_text("description", description.as_deref(), limits::DESCRIPTION)?;
            row.description = Set(description);
        }
        match changes.enabled {
            Some(true) => {
                row.enabled = Set(true);
                row.disabled_reason = Set(None);
                row.disabled_at = Set(None);
                row.failing_since = Set(None);
            }
            Some(false) => {
                row.enabled = Set(false);
                row.disabled_reason = Set(Some("disabled by an admin".into()));
                row.disabled_at = Set(Some(self.clock.now()));
            }
            None => {}
        }
        row.updated_at = Set(self.clock.now());
        row.update(&self.db).await?.try_into()
    }

    /// Gives a webhook a new secret; for `overlap`, deliveries are signed with the old one too.
    pub async fn rotate_webhook_secret(
        &self,
        id: i64,
        overlap: Duration,
    ) -> Result<WebhookWithSecret, StoreError> {
        let current = self.webhook_row(id).await?;
        let secret = new_secret()?;
        let now = self.clock.now();
        let mut row: webhook::ActiveModel = current.clone().into();
        row.previous_secret = Set(Some(current.secret));
        row.previous_secret_until = Set(Some(now + overlap));
        row.secret = Set(secret.expose());
        row.updated_at = Set(now);
        Ok(WebhookWithSecret {
            webhook: row.update(&self.db).await?.try_into()?,
            secret: secret.expose(),
        })
    }

    /// Stops deliveries to a webhook, saying why; pending deliveries wait until it is
    /// enabled again.
    pub async fn disable_webhook(&self, id: i64, reason: &str) -> Result<Webhook, StoreError> {
        let mut row: webhook::ActiveModel = self.webhook_row(id).await?.into();
        row.enabled = Set(false);
        row.disabled_reason = Set(Some(reason.to_owned()));
        row.disabled_at = Set(Some(self.clock.now()));
        row.updated_at = Set(self.clock.now());
        row.update(&self.db).await?.try_into()
    }

    /// Deletes a webhook, its deliveries and their attempts.
    pub async fn delete_webhook(&self, id: i64) -> Result<Webhook, StoreError> {
        let webhook: Webhook = self.webhook_row(id).await?.try_into()?;
        webhook::Entity::delete_by_id(id).exec(&self.db).await?;
        Ok(webhook)
    }

    /// The secrets a delivery made at `now` is signed with: the current one first, and the
    /// one before the last rotation while its overlap lasts.
    pub async fn webhook_signing_secrets(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<WebhookSecret>, StoreError> {
        let row = self.webhook_row(id).await?;
        let mut secrets = vec![parse_secret(&row.secret)?];
        if let (Some(previous), Some(until)) = (&row.previous_secret, row.previous_secret_until)
            && now < until
        {
            secrets.push(parse_secret(previous)?);
        }
        Ok(secrets)
    }

    async fn webhook_row(&self, id: i64) -> Result<webhook::Model, StoreError> {
        row_by_id::<webhook::Entity>(&self.db, "webhook", id).await
    }
}

/// Checks that `url` is an http or https URL of a sane length.
fn check_url(url: &str) -> Result<(), ValidationError> {
    optional_text("url", Some(url), limits::URL)?;
    web_url("url", url).map(|_| ())
}

fn new_secret() -> Result<WebhookSecret, StoreError> {
    let mut random = [0u8; SECRET_BYTES];
    getrandom::fill(&mut random)
        .map_err(|error| StoreError::Corrupt(format!("no secure randomness: {error}")))?;
    Ok(WebhookSecret::from_random(random))
}

fn parse_secret(text: &str) -> Result<WebhookSecret, StoreError> {
    WebhookSecret::parse(text)
        .map_err(|_| StoreError::Corrupt("webhooks.secret is not a whsec_ secret".into()))
}

/// The stored form of a list of event kinds: `,CLOSED,REOPENED,`, or empty for every kind.
fn kinds_column(kinds: &[EventKind]) -> String {
    if kinds.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = kinds.iter().map(AsRef::as_ref).collect();
    format!(",{},", names.join(","))
}

impl TryFrom<webhook::Model> for Webhook {
    type Error = StoreError;

    fn try_from(row: webhook::Model) -> Result<Self, StoreError> {
        let event_kinds = row
            .event_kinds
            .split(',')
            .filter(|name| !name.is_empty())
            .map(|name| crate::entities::parse_name("webhooks", "event_kinds", name))
            .collect::<Result<_, _>>()?;
        Ok(Webhook {
            id: row.id,
            url: row.url,
            event_kinds,
            article_id: row.article_id,
            description: row.description,
            enabled: row.enabled,
            disabled_reason: row.disabled_reason,
            disabled_at: row.disabled_at,
            failing_since: row.failing_since,
            previous_secret_until: row.previous_secret_until,
            created_at: row.created_at,
        })
    }
}
