//! Users: looked up by ID, created by name.

use claimdesk_core::{
    Role,
    records::User,
    validation::{limits, required_text},
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{Created, Store, StoreError, entities::user};

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
        if let Some(existing) = self.user_named(name).await? {
            return Ok(Created {
                record: existing,
                created: false,
            });
        }
        let row = user::ActiveModel {
            name: Set(name.to_owned()),
            role: Set(role.as_ref().to_owned()),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        match user::Entity::insert(row)
            .exec_with_returning(&self.db)
            .await
        {
            Ok(row) => Ok(Created {
                record: row.try_into()?,
                created: true,
            }),
            // Another request created the same user in between: use theirs.
            Err(error) if StoreError::is_unique_violation(&error) => {
                let existing = self
                    .user_named(name)
                    .await?
                    .ok_or(StoreError::Database(error))?;
                Ok(Created {
                    record: existing,
                    created: false,
                })
            }
            Err(error) => Err(error.into()),
        }
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
