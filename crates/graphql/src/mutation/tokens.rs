//! `createToken` and `revokeToken`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use claimdesk_core::Role;

use crate::{
    error::api_error, guard::RoleGuard, id::NodeType, object::ApiToken, state::ContextExt,
};

/// A token to issue.
#[derive(InputObject)]
pub struct CreateTokenInput {
    /// The user the token authenticates.
    user_id: ID,
    /// What the token is for, such as "CMS hook".
    label: Option<String>,
}

/// The result of `createToken`.
#[derive(SimpleObject)]
pub struct CreateTokenPayload {
    /// The token.
    token: ApiToken,
    /// The token's secret, for `Authorization: Bearer <secret>`. It is shown only this once.
    secret: String,
}

/// A token to revoke.
#[derive(InputObject)]
pub struct RevokeTokenInput {
    /// The token.
    token_id: ID,
}

/// The result of `revokeToken`.
#[derive(SimpleObject)]
pub struct RevokeTokenPayload {
    /// The token, now revoked.
    token: ApiToken,
}

#[derive(Default)]
pub struct TokenMutations;

#[Object]
impl TokenMutations {
    /// Issues an API token for a user. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_token(
        &self,
        ctx: &Context<'_>,
        input: CreateTokenInput,
    ) -> Result<CreateTokenPayload> {
        let user_id = NodeType::User
            .row_id("userId", &input.user_id)
            .map_err(api_error)?;
        let issued = ctx
            .store()
            .issue_token(user_id, input.label)
            .await
            .map_err(api_error)?;
        Ok(CreateTokenPayload {
            token: ApiToken(issued.token),
            secret: issued.secret,
        })
    }

    /// Revokes an API token; it stops working on the next request. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn revoke_token(
        &self,
        ctx: &Context<'_>,
        input: RevokeTokenInput,
    ) -> Result<RevokeTokenPayload> {
        let token_id = NodeType::ApiToken
            .row_id("tokenId", &input.token_id)
            .map_err(api_error)?;
        let token = ctx
            .store()
            .revoke_token(token_id)
            .await
            .map_err(api_error)?;
        Ok(RevokeTokenPayload {
            token: ApiToken(token),
        })
    }
}
