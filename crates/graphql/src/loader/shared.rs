//! What the loaders have in common: the shared list a claim's relation is cached as, and the
//! answer that has a value for every key asked for.

use std::{collections::HashMap, sync::Arc};

/// A claim's list of related records, shared by every field that reads it: the cache hands
/// out the pointer, not a copy of the list.
pub(crate) type Shared<T> = Arc<Vec<T>>;

/// Every key's value, `V::default()` for a key the store found nothing for, each wrapped by
/// `wrap`. A key left out of a loader's answer is not cached, so every field that asks for it
/// would load it again, in a batch and a statement of its own.
pub(super) fn for_every_key<V: Default, W>(
    keys: &[i64],
    mut found: HashMap<i64, V>,
    wrap: impl Fn(V) -> W,
) -> HashMap<i64, W> {
    keys.iter()
        .map(|key| (*key, wrap(found.remove(key).unwrap_or_default())))
        .collect()
}
