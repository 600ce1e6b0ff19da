//! Webhook endpoints: `createWebhook`, `updateWebhook`, `rotateWebhookSecret`,
//! `disableWebhook`, `deleteWebhook`, and `redeliver` for one delivery. All need ADMIN.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use claimdesk_core::Role;
use claimdesk_store::{NewWebhook, WebhookChanges};

use crate::{
    enums::EventKind,
    error::api_error,
    guard::RoleGuard,
    id::NodeType,
    object::{Webhook, WebhookDelivery},
    state::ContextExt,
};

/// A webhook endpoint to create.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where deliveries are posted: an http or https URL on a public address.
    url: String,
    /// The kinds of event to deliver; empty or left out for every kind.
    #[graphql(default)]
    events: Vec<EventKind>,
    /// Only events of claims of this article, when given.
    article_id: Option<ID>,
    /// What the endpoint is for, such as "CMS fact-check box".
    description: Option<String>,
}

/// The result of `createWebhook` and `rotateWebhookSecret`.
#[derive(SimpleObject)]
pub struct WebhookSecretPayload {
    /// The webhook.
    webhook: Webhook,
    /// The signing secret, `whsec_…`, for the receiver to verify signatures with. It is shown
    /// only this once.
    secret: String,
}

/// Changes to a webhook endpoint; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateWebhookInput {
    /// The webhook.
    webhook_id: ID,
    /// A new URL.
    url: Option<String>,
    /// New kinds of event; empty for every kind.
    events: Option<Vec<EventKind>>,
    /// A new article filter; null removes it.
    article_id: MaybeUndefined<ID>,
    /// A new description; null removes it.
    description: MaybeUndefined<String>,
    /// Enables (true) or disables (false) deliveries; enabling clears why it was disabled.
    enabled: Option<bool>,
}

/// A webhook endpoint to act on.
#[derive(InputObject)]
pub struct WebhookInput {
    /// The webhook.
    webhook_id: ID,
}

/// The result of `updateWebhook`, `disableWebhook` and `deleteWebhook`.
#[derive(SimpleObject)]
pub struct WebhookPayload {
    /// The webhook, as it now is (or was, when deleted).
    webhook: Webhook,
}

/// A delivery to send again.
#[derive(InputObject)]
pub struct RedeliverInput {
    /// The delivery.
    delivery_id: ID,
}

/// The result of `redeliver`.
#[derive(SimpleObject)]
pub struct RedeliverPayload {
    /// The delivery, pending again with the whole retry schedule ahead.
    delivery: WebhookDelivery,
}

#[derive(Default)]
pub struct WebhookMutations;

#[Object]
impl WebhookMutations {
    /// Creates a webhook endpoint and its signing secret, shown only this once. Needs the
    /// ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> Result<WebhookSecretPayload> {
        let article_id = optional_article(input.article_id.as_ref())?;
        ctx.webhook_policy()
            .check_destination(&input.url)
            .await
            .map_err(api_error)?;
        let created = ctx
            .store()
            .create_webhook(NewWebhook {
                url: input.url,
                event_kinds: input.events.into_iter().map(Into::into).collect(),
                article_id,
                description: input.description,
            })
            .await
            .map_err(api_error)?;
        Ok(WebhookSecretPayload {
            webhook: Webhook(created.webhook),
            secret: created.secret,
        })
    }

    /// Changes a webhook endpoint. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        input: UpdateWebhookInput,
    ) -> Result<WebhookPayload> {
        let id = webhook_id(&input.webhook_id)?;
        if let Some(url) = &input.url {
            ctx.webhook_policy()
                .check_destination(url)
                .await
                .map_err(api_error)?;
        }
        let article_id = match input.article_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(id) => Some(optional_article(Some(&id))?),
        };
        let changes = WebhookChanges {
            url: input.url,
            event_kinds: input
                .events
                .map(|kinds| kinds.into_iter().map(Into::into).collect()),
            article_id,
            description: match input.description {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(text) => Some(Some(text)),
            },
            enabled: input.enabled,
        };
        let webhook = ctx
            .store()
            .update_webhook(id, changes)
            .await
            .map_err(api_error)?;
        Ok(WebhookPayload {
            webhook: Webhook(webhook),
        })
    }

    /// Gives a webhook endpoint a new secret, shown only this once. For the server's
    /// rotation overlap (a day by default), deliveries carry a signature by the old secret
    /// too. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn rotate_webhook_secret(
        &self,
        ctx: &Context<'_>,
        input: WebhookInput,
    ) -> Result<WebhookSecretPayload> {
        let id = webhook_id(&input.webhook_id)?;
        let overlap = chrono::Duration::from_std(ctx.webhook_policy().rotation_overlap)
            .unwrap_or(chrono::Duration::MAX);
        let rotated = ctx
            .store()
            .rotate_webhook_secret(id, overlap)
            .await
            .map_err(api_error)?;
        Ok(WebhookSecretPayload {
            webhook: Webhook(rotated.webhook),
            secret: rotated.secret,
        })
    }

    /// Stops deliveries to a webhook endpoint; its pending deliveries wait until it is
    /// enabled again with `updateWebhook`. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn disable_webhook(
        &self,
        ctx: &Context<'_>,
        input: WebhookInput,
    ) -> Result<WebhookPayload> {
        let id = webhook_id(&input.webhook_id)?;
        let webhook = ctx
            .store()
            .disable_webhook(id, "disabled by an admin")
            .await
            .map_err(api_error)?;
        Ok(WebhookPayload {
            webhook: Webhook(webhook),
        })
    }

    /// Deletes a webhook endpoint with its deliveries. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        input: WebhookInput,
    ) -> Result<WebhookPayload> {
        let id = webhook_id(&input.webhook_id)?;
        let webhook = ctx.store().delete_webhook(id).await.map_err(api_error)?;
        Ok(WebhookPayload {
            webhook: Webhook(webhook),
        })
    }

    /// Sends a delivery again, at once, with the same `webhook-id`. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn redeliver(
        &self,
        ctx: &Context<'_>,
        input: RedeliverInput,
    ) -> Result<RedeliverPayload> {
        let id = NodeType::WebhookDelivery
            .row_id("deliveryId", &input.delivery_id)
            .map_err(api_error)?;
        let delivery = ctx.store().redeliver(id).await.map_err(api_error)?;
        Ok(RedeliverPayload {
            delivery: WebhookDelivery(delivery),
        })
    }
}

fn webhook_id(id: &ID) -> Result<i64> {
    NodeType::Webhook.row_id("webhookId", id).map_err(api_error)
}

fn optional_article(id: Option<&ID>) -> Result<Option<i64>> {
    NodeType::Article
        .optional_row_id("articleId", id)
        .map_err(api_error)
}
