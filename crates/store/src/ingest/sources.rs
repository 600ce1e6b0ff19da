//! The sources an ingest or an import names: found by their name key, created when missing.
//! Sources are shared between articles, so a concurrent write may create the same one first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, sea_query::OnConflict,
};

use crate::{NewSource, StoreError, entities::source};

/// The IDs of the recorded sources among `sources`, by name key. A source, once recorded,
/// keeps its ID and its name key, so they can be read before the write transaction that
/// names them, outside its turn.
pub(crate) async fn recorded_sources<'a>(
    db: &impl ConnectionTrait,
    sources: impl Iterator<Item = &'a NewSource>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut keys: Vec<String> = sources
        .map(|source| source::name_key(&source.name))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    ids_by_name_key(db, keys).await
}

/// The IDs of `sources` by name key, given those [`recorded_sources`] found, creating the
/// missing ones: no statement at all when every one was recorded.
pub(crate) async fn ensure_sources<'a>(
    txn: &DatabaseTransaction,
    sources: impl Iterator<Item = &'a NewSource>,
    mut recorded: HashMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut missing: HashMap<String, &NewSource> = HashMap::new();
    for source in sources {
        let key = source::name_key(&source.name);
        if !recorded.contains_key(&key) {
            missing.entry(key).or_insert(source);
        }
    }
    if missing.is_empty() {
        return Ok(recorded);
    }
    let rows: Vec<source::ActiveModel> = missing
        .iter()
        .map(|(key, source)| source::ActiveModel {
            name: Set(source.name.trim().to_owned()),
            name_key: Set(key.clone()),
            kind: Set(source.kind.as_ref().to_owned()),
            description: Set(source.description.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    // Sources are shared between articles: a concurrent ingest may create the same one.
    source::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(source::Column::NameKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    recorded.extend(ids_by_name_key(txn, missing.into_keys().collect()).await?);
    Ok(recorded)
}

/// The IDs of the sources with these name keys, by name key.
async fn ids_by_name_key(
    db: &impl ConnectionTrait,
    keys: Vec<String>,
) -> Result<HashMap<String, i64>, StoreError> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(source::Entity::find()
        .select_only()
        .columns([source::Column::NameKey, source::Column::Id])
        .filter(source::Column::NameKey.is_in(keys))
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use claimdesk_core::{Clock, SourceKind};
    use claimdesk_test_database::on_each_database;

    use super::*;
    use crate::Store;

    fn naming(name: &str) -> NewSource {
        NewSource {
            name: name.into(),
            kind: SourceKind::Organization,
            description: None,
        }
    }

    #[tokio::test]
    async fn a_source_is_created_once_and_found_by_its_name_key() {
        on_each_database(|url| async move {
            let store = Store::connect(&url).await.unwrap();
            store.migrate().await.unwrap();
            let now = claimdesk_core::SystemClock.now();
            let claims = [naming("Jefferies"), naming(" jefferies "), naming("Nvidia")];
            let none_yet = recorded_sources(&store.reads, claims.iter()).await.unwrap();
            assert!(none_yet.is_empty());
            let txn = store.begin_write().await.unwrap();
            let first = ensure_sources(&txn, claims.iter(), none_yet, now)
                .await
                .unwrap();
            assert_eq!(first.len(), 2);
            // Created meanwhile by another write: found, not created again.
            let again = ensure_sources(&txn, claims[1..2].iter(), HashMap::new(), now)
                .await
                .unwrap();
            assert_eq!(again["jefferies"], first["jefferies"]);
            txn.commit().await.unwrap();
            let recorded = recorded_sources(&store.reads, claims.iter()).await.unwrap();
            assert_eq!(recorded, first);
            let txn = store.begin_write().await.unwrap();
            let known = ensure_sources(&txn, claims.iter(), recorded, now)
                .await
                .unwrap();
            assert_eq!(known, first);
            let none = ensure_sources(&txn, std::iter::empty(), HashMap::new(), now)
                .await
                .unwrap();
            assert!(none.is_empty());
            txn.rollback().await.unwrap();
            store.close().await.unwrap();
        })
        .await;
    }
}
