//! API tokens: issued, checked on every request, and revoked.

use claimdesk_core::{
    records::{ApiToken, User},
    token::{self, SECRET_BYTES},
    validation::{limits, optional_text},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    Store, StoreError,
    by_id::row_by_id,
    entities::{api_token, user},
};

/// A token just issued: its record, and the secret to show once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedApiToken {
    /// What is stored about it.
    pub token: ApiToken,
    /// The token itself; it is not stored and cannot be shown again.
    pub secret: String,
}

impl Store {
    /// Issues a new token for the user with `user_id`.
    pub async fn issue_token(
        &self,
        user_id: i64,
        label: Option<String>,
    ) -> Result<IssuedApiToken, StoreError> {
        optional_text("label", label.as_deref(), limits::NAME)?;
        self.user(user_id).await?;
        let mut random = [0u8; SECRET_BYTES];
        getrandom::fill(&mut random)
            .map_err(|error| StoreError::Corrupt(format!("no secure randomness: {error}")))?;
        let issued = token::issue(random);
        let row = api_token::ActiveModel {
            user_id: Set(user_id),
            label: Set(label),
            lookup: Set(issued.lookup),
            secret_hash: Set(issued.hash),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        let row = api_token::Entity::insert(row)
            .exec_with_returning(&self.db)
            .await?;
        Ok(IssuedApiToken {
            token: row.into(),
            secret: issued.secret,
        })
    }

    /// Revokes the token with `id`; revoking it again changes nothing.
    pub async fn revoke_token(&self, id: i64) -> Result<ApiToken, StoreError> {
        let row = row_by_id::<api_token::Entity>(&self.reads, "token", id).await?;
        if row.revoked_at.is_some() {
            return Ok(row.into());
        }
        let mut active: api_token::ActiveModel = row.into();
        active.revoked_at = Set(Some(self.clock.now()));
        Ok(active.update(&self.db).await?.into())
    }

    /// The token with `id`.
    pub async fn token(&self, id: i64) -> Result<ApiToken, StoreError> {
        Ok(row_by_id::<api_token::Entity>(&self.reads, "token", id)
            .await?
            .into())
    }

    /// The user a well-formed, unrevoked token belongs to, and the token; `None` for any
    /// other token.
    pub async fn authenticate(&self, secret: &str) -> Result<Option<(User, ApiToken)>, StoreError> {
        let presented = token::hash(secret);
        // One round trip: the candidate tokens with their users.
        let candidates = api_token::Entity::find()
            .find_also_related(user::Entity)
            .filter(api_token::Column::Lookup.eq(token::lookup_of(secret)))
            .filter(api_token::Column::RevokedAt.is_null())
            .all(&self.reads)
            .await?;
        let found = candidates
            .into_iter()
            .find(|(row, _)| token::hashes_match(&row.secret_hash, &presented));
        match found {
            Some((row, Some(user))) => Ok(Some((user.try_into()?, row.into()))),
            Some((row, None)) => Err(StoreError::not_found("user", row.user_id)),
            None => Ok(None),
        }
    }
}
