//! `node(id:)`: any object by its global ID.

use async_graphql::{Context, ID, Object, Result};
use claimdesk_store::{Store, StoreError};

use crate::{
    error::api_error,
    id::{NodeType, decode},
    object::{Article, Claim, ClaimEvent, Evidence, Node, Note, Source, User},
    state::ContextExt,
};

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The object with this global ID, or null if there is none. A malformed ID is an error.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (node_type, row) = decode("id", &id).map_err(api_error)?;
        match fetch(ctx.store(), node_type, row).await {
            Ok(node) => Ok(Some(node)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(error) => Err(api_error(error)),
        }
    }
}

async fn fetch(store: &Store, node_type: NodeType, id: i64) -> Result<Node, StoreError> {
    Ok(match node_type {
        // Tokens and webhooks are managed by their IDs, but not fetched as nodes: only admins
        // see them.
        NodeType::ApiToken | NodeType::Webhook | NodeType::WebhookDelivery => {
            return Err(StoreError::NotFound { entity: "node", id });
        }
        NodeType::Article => Node::Article(Article::from(store.article(id).await?)),
        NodeType::Claim => Node::Claim(Claim(store.claim(id).await?)),
        NodeType::ClaimEvent => Node::ClaimEvent(ClaimEvent(store.claim_event(id).await?, None)),
        NodeType::Evidence => Node::Evidence(Evidence(store.evidence(id).await?)),
        NodeType::Note => Node::Note(Note(store.note(id).await?, None)),
        NodeType::Source => Node::Source(Source(store.source(id).await?)),
        NodeType::User => Node::User(User(store.user(id).await?)),
    })
}
