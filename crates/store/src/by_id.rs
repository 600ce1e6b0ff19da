//! Rows read by their IDs: one, as a row or a record, with the store's one answer when there
//! is none, or many at once.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter};

use crate::StoreError;

/// The row of `E` with `id`, or [`StoreError::NotFound`] that calls it an `entity`.
pub(crate) async fn row_by_id<E>(
    db: &impl ConnectionTrait,
    entity: &'static str,
    id: i64,
) -> Result<E::Model, StoreError>
where
    E: EntityTrait,
    i64: Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
{
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::not_found(entity, id))
}

/// The row of `E` with `id` read into a `T`, or [`StoreError::NotFound`] that calls it an
/// `entity`.
pub(crate) async fn record_by_id<E, T>(
    db: &impl ConnectionTrait,
    entity: &'static str,
    id: i64,
) -> Result<T, StoreError>
where
    E: EntityTrait,
    i64: Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
    T: TryFrom<E::Model, Error = StoreError>,
{
    T::try_from(row_by_id::<E>(db, entity, id).await?)
}

/// The rows of `E` whose `id_column` is one of `ids`, each read into a `T`, by the ID
/// `id_of` gives; unknown IDs are left out.
pub(crate) async fn records_by_id<E, T>(
    db: &impl ConnectionTrait,
    id_column: E::Column,
    ids: &[i64],
    id_of: impl Fn(&T) -> i64,
) -> Result<HashMap<i64, T>, StoreError>
where
    E: EntityTrait,
    T: TryFrom<E::Model, Error = StoreError>,
{
    E::find()
        .filter(id_column.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let record = T::try_from(row)?;
            Ok((id_of(&record), record))
        })
        .collect()
}
