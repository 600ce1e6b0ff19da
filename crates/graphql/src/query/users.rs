//! Users: a filtered connection, for choosing whom to assign.

use async_graphql::{Context, InputObject, Object, Result, connection::Connection};
use claimdesk_core::validation::{limits, optional_text};
use claimdesk_store::UserFilter as StoreUserFilter;

use crate::{
    ApiError,
    enums::{Role, domain_values},
    error::api_error,
    object::{TotalCount, User},
    pagination::{PageArgs, connection, page_cost},
    state::ContextExt,
};

/// Which users to list. Fields left out do not filter; the ones given must all hold.
#[derive(InputObject, Default)]
pub struct UserFilter {
    /// Users with any of these roles.
    role: Option<Vec<Role>>,
    /// Users whose name contains this text, regardless of case.
    name: Option<String>,
}

impl UserFilter {
    fn into_store(self) -> Result<StoreUserFilter, ApiError> {
        optional_text("filter.name", self.name.as_deref(), limits::NAME)?;
        Ok(StoreUserFilter {
            roles: domain_values(self.role),
            name: self.name,
        })
    }
}

#[derive(Default)]
pub struct UsersQuery;

#[Object]
impl UsersQuery {
    /// The users that pass `filter`, oldest first, as a Relay connection: for example the
    /// reviewers a claim can be assigned to (`filter: {role: [REVIEWER, EDITOR, ADMIN]}`).
    #[graphql(complexity = "page_cost(first, last) * child_complexity")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilter>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<String, User, TotalCount>> {
        let request = PageArgs::new(after, before, first, last).checked(ctx)?;
        let filter = filter.unwrap_or_default().into_store().map_err(api_error)?;
        let page = ctx
            .store()
            .users(&filter, request)
            .await
            .map_err(api_error)?;
        Ok(connection(
            page,
            |user| user.id,
            User,
            TotalCount::Users(filter),
        ))
    }
}
