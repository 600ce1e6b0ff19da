//! `createUser`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use claimdesk_core::Role;

use crate::{enums, error::api_error, guard::RoleGuard, object::User, state::ContextExt};

/// A user to create.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// The user's unique name.
    name: String,
    /// What the user may do.
    role: enums::Role,
}

/// The result of `createUser`.
#[derive(SimpleObject)]
pub struct CreateUserPayload {
    /// The user created.
    user: User,
}

#[derive(Default)]
pub struct UserMutations;

#[Object]
impl UserMutations {
    /// Creates a user. Needs the ADMIN role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> Result<CreateUserPayload> {
        let user = ctx
            .store()
            .create_user(&input.name, input.role.into())
            .await
            .map_err(api_error)?;
        Ok(CreateUserPayload { user: User(user) })
    }
}
