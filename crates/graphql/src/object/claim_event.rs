//! An entry of a claim's history.

use async_graphql::{Context, ID, Json, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::records;

use crate::{
    enums::{ClaimStatus, EventKind},
    error::api_error,
    id::NodeType,
    object::{Claim, User, user_read_with},
    state::ContextExt,
};

/// One entry of a claim's append-only history.
pub struct ClaimEvent(pub records::ClaimEvent, pub Option<records::User>);

/// One entry of a claim's append-only history.
#[Object]
impl ClaimEvent {
    /// The event's global ID. Events of one claim are in the order of their IDs.
    pub(crate) async fn id(&self) -> ID {
        NodeType::ClaimEvent.id(self.0.id)
    }

    /// The claim it happened to.
    async fn claim(&self, ctx: &Context<'_>) -> Result<Claim> {
        ctx.store()
            .claim(self.0.claim_id)
            .await
            .map(Claim)
            .map_err(api_error)
    }

    /// What happened.
    async fn kind(&self) -> EventKind {
        self.0.kind.into()
    }

    /// Who did it.
    async fn actor(&self, ctx: &Context<'_>) -> Result<User> {
        user_read_with(ctx, self.1.as_ref(), self.0.actor_id).await
    }

    /// When it happened.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// The status before the change; null when the status did not change.
    async fn from_status(&self) -> Option<ClaimStatus> {
        self.0.from_status.map(Into::into)
    }

    /// The status after the change; null when the status did not change.
    async fn to_status(&self) -> Option<ClaimStatus> {
        self.0.to_status.map(Into::into)
    }

    /// Details of the change, such as the flag reason, the verdict or the evidence URL.
    async fn detail(&self) -> Json<&serde_json::Value> {
        Json(&self.0.detail)
    }
}
