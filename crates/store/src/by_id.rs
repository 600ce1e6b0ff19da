//! One row read by its ID, and the store's one answer when there is none.

use sea_orm::{ConnectionTrait, EntityTrait, PrimaryKeyTrait};

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
