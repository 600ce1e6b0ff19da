//! Users: looked up by ID, created by name.

use claimdesk_core::{
    Role,
    records::User,
    validation::{limits, required_text},
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{Created, Store, StoreError, entities::user, insert_once::insert_once};

impl Store {
    /// The user with `id`.
    pub async fn user(&self, id: i64) -> Result<User, StoreError> {
        user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::not_found("user", id))?
            .try_into()
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

    async fn user_named(&self, name: &str) -> Result<Option<User>, StoreError> {
        user::Entity::find()
            .filter(user::Column::Name.eq(name))
            .one(&self.db)
            .await?
            .map(User::try_from)
            .transpose()
    }
}
