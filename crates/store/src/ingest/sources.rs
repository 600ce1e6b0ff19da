//! The sources an ingest or an import names: found by their name key, created when missing.
//! Sources are shared between articles, so a concurrent write may create the same one first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
    sea_query::OnConflict,
};

use crate::{NewSource, StoreError, entities::source};

/// The IDs of `sources` by name key, creating the missing ones. Sources are named again and
/// again, so they are looked for first, and only the missing ones are inserted.
pub(crate) async fn ensure_sources<'a>(
    txn: &DatabaseTransaction,
    sources: impl Iterator<Item = &'a NewSource>,
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut wanted: HashMap<String, &NewSource> = HashMap::new();
    for source in sources {
        wanted
            .entry(source::name_key(&source.name))
            .or_insert(source);
    }
    let mut found = ids_by_name_key(txn, wanted.keys().cloned().collect()).await?;
    wanted.retain(|key, _| !found.contains_key(key));
    if wanted.is_empty() {
        return Ok(found);
    }
    let rows: Vec<source::ActiveModel> = wanted
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
    found.extend(ids_by_name_key(txn, wanted.into_keys().collect()).await?);
    Ok(found)
}

/// The IDs of the sources with these name keys, by name key.
async fn ids_by_name_key(
    txn: &DatabaseTransaction,
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
        .all(txn)
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
            let txn = store.begin_write().await.unwrap();
            let first = ensure_sources(&txn, claims.iter(), now).await.unwrap();
            assert_eq!(first.len(), 2);
            let again = ensure_sources(&txn, claims[1..2].iter(), now)
                .await
                .unwrap();
            assert_eq!(again["jefferies"], first["jefferies"]);
            let none = ensure_sources(&txn, std::iter::empty(), now).await.unwrap();
            assert!(none.is_empty());
            txn.commit().await.unwrap();
            store.close().await.unwrap();
        })
        .await;
    }
}
