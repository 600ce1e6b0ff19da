//! Users: looked up by ID, created by name.

use claimdesk_core::{
    Role,
    records::User,
    validation::{limits, required_text},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use crate::{
    Created, Page, PageRequest, Store, StoreError, by_id::record_by_id, claims::contains_pattern,
    entities::user, insert_once::insert_once, name_filter::name_in, pagination::read_page,
};

/// Which users to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    /// With any of these roles.
    pub roles: Vec<Role>,
    /// Whose name contains this, regardless of case.
    pub name: Option<String>,
}

impl UserFilter {
    fn select(&self) -> Select<user::Entity> {
        let mut condition = Condition::all();
        condition = condition.add_option(name_in(user::Column::Role, &self.roles));
        if let Some(name) = &self.name {
            let pattern = LikeExpr::new(contains_pattern(&name.to_lowercase())).escape('\\');
            condition =
                condition.add(Expr::expr(Func::lower(Expr::col(user::Column::Name))).like(pattern));
        }
        user::Entity::find().filter(condition)
    }
}

impl Store {
    /// The user with `id`.
    pub async fn user(&self, id: i64) -> Result<User, StoreError> {
        record_by_id::<user::Entity, _>(&self.reads, "user", id).await
    }

    /// The user called `name`, created with `role` if there is none.
    pub async fn ensure_user(&self, name: &str, role: Role) -> Result<Created<User>, StoreError> {
        required_text("name", name, limits::NAME)?;
        let row = user::ActiveModel {
            name: Set(name.to_owned()),
            role: Set(role.as_ref().to_owned()),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        insert_once(&self.db, row, || self.user_named(name), User::try_from).await
    }

    /// Creates a user; a name that is taken is refused.
    pub async fn create_user(&self, name: &str, role: Role) -> Result<User, StoreError> {
        let created = self.ensure_user(name, role).await?;
        if created.created {
            Ok(created.record)
        } else {
            Err(StoreError::Duplicate {
                field: "name",
                message: format!("a user is already called {name:?}"),
            })
        }
    }

    /// The user called `name`.
    pub async fn user_by_name(&self, name: &str) -> Result<User, StoreError> {
        self.user_named(name)
            .await?
            .ok_or_else(|| StoreError::UnknownName {
                entity: "user",
                name: name.to_owned(),
            })
    }

    /// A page of the users that pass `filter`, oldest first.
    pub async fn users(
        &self,
        filter: &UserFilter,
        request: PageRequest,
    ) -> Result<Page<User>, StoreError> {
        let page = read_page(&self.reads, filter.select(), user::Column::Id, request).await?;
        page.try_map(User::try_from)
    }

    /// How many users pass `filter`.
    pub async fn count_users(&self, filter: &UserFilter) -> Result<u64, StoreError> {
        Ok(filter.select().count(&self.reads).await?)
    }

    /// How many users have `role`.
    pub async fn count_users_with_role(&self, role: Role) -> Result<u64, StoreError> {
        Ok(user::Entity::find()
            .filter(user::Column::Role.eq(role.as_ref()))
            .count(&self.reads)
            .await?)
    }

    async fn user_named(&self, name: &str) -> Result<Option<User>, StoreError> {
        user::Entity::find()
            .filter(user::Column::Name.eq(name))
            .one(&self.reads)
            .await?
            .map(User::try_from)
            .transpose()
    }
}
