//! Creating a record at most once under its unique key.
//!
//! Retried requests must not create duplicates, and two concurrent ones must not fail: the
//! record is looked up first, inserted if absent, and when a concurrent insert of the same key
//! wins the race (a unique violation), the winner's record is returned instead.

use std::future::Future;

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel};

use crate::{Created, StoreError};

/// Returns the record `lookup` finds, or inserts `row` and returns it converted by `read`.
pub(crate) async fn insert_once<A, T, Lookup, Found>(
    db: &impl ConnectionTrait,
    row: A,
    lookup: Lookup,
    read: impl FnOnce(<A::Entity as EntityTrait>::Model) -> Result<T, StoreError>,
) -> Result<Created<T>, StoreError>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    Lookup: Fn() -> Found,
    Found: Future<Output = Result<Option<T>, StoreError>>,
{
    if let Some(existing) = lookup().await? {
        return Ok(Created {
            record: existing,
            created: false,
        });
    }
    match <A::Entity as EntityTrait>::insert(row)
        .exec_with_returning(db)
        .await
    {
        Ok(inserted) => Ok(Created {
            record: read(inserted)?,
            created: true,
        }),
        Err(error) if StoreError::is_unique_violation(&error) => {
            let existing = lookup().await?.ok_or(StoreError::Database(error))?;
            Ok(Created {
                record: existing,
                created: false,
            })
        }
        Err(error) => Err(error.into()),
    }
}
