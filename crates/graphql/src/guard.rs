//! Who may do what: the role checks, in one place.
//!
//! Every mutation names the least role it needs with [`RoleGuard`]; assignment, which a
//! reviewer may do for themselves and an editor for anyone, uses [`AssignGuard`]. Reads need
//! only a valid token, which the transport has already checked.

use async_graphql::{Context, Guard, ID, Result};
use claimdesk_core::{Role, workflow::Action};

use crate::{ApiError, id::NodeType, state::ContextExt};

/// Allows users whose role includes `0`.
pub(crate) struct RoleGuard(pub Role);

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let actor = ctx.actor()?;
        if actor.role.includes(self.0) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                required: self.0,
                actual: actor.role,
            }
            .into_graphql())
        }
    }
}

/// Allows users whose role includes the one the workflow's action `0` requires
/// ([`Action::required_role`]), so that the mutation and `Claim.viewerActions` agree.
pub(crate) struct ActionGuard(pub Action);

impl Guard for ActionGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        RoleGuard(self.0.required_role()).check(ctx).await
    }
}

/// Allows editors to assign anyone, and reviewers to assign themselves.
pub(crate) struct AssignGuard {
    assignee_id: Option<i64>,
}

impl AssignGuard {
    pub(crate) fn new(assignee: &ID) -> Self {
        Self {
            assignee_id: NodeType::User.row_id("assigneeId", assignee).ok(),
        }
    }
}

impl Guard for AssignGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let actor = ctx.actor()?;
        // A malformed ID is the resolver's to refuse, with BAD_USER_INPUT.
        let to_self = self.assignee_id.is_none_or(|id| id == actor.id);
        let required = if to_self {
            Action::Assign.required_role()
        } else {
            Role::Editor
        };
        RoleGuard(required).check(ctx).await
    }
}
