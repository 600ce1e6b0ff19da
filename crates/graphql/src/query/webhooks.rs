//! The webhook endpoints, for admins.

use async_graphql::{Context, ID, Object, Result};
use claimdesk_core::Role;

use crate::{error::api_error, guard::RoleGuard, id::NodeType, object::Webhook, state::ContextExt};

#[derive(Default)]
pub struct WebhooksQuery;

#[Object]
impl WebhooksQuery {
    /// Every webhook endpoint, oldest first. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn webhooks(&self, ctx: &Context<'_>) -> Result<Vec<Webhook>> {
        let webhooks = ctx.store().webhooks().await.map_err(api_error)?;
        Ok(webhooks.into_iter().map(Webhook).collect())
    }

    /// The webhook endpoint with this ID. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn webhook(&self, ctx: &Context<'_>, id: ID) -> Result<Webhook> {
        let id = NodeType::Webhook.row_id("id", &id).map_err(api_error)?;
        ctx.store()
            .webhook(id)
            .await
            .map(Webhook)
            .map_err(api_error)
    }
}
