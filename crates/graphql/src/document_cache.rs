//! Parsed documents kept by their text, so that a query sent again is not parsed again.
//!
//! Dashboards and ingestion bots send the same few documents over and over, with only the
//! variables changing. Parsing a triage list took a twentieth of its server CPU; copying the
//! parsed document out of this cache costs a fraction of that. Only documents that parsed are
//! kept; validation, which depends on the variables, still runs on every request, and so do
//! the checks of [`crate::limits`].

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex, PoisonError},
};

use async_graphql::parser::types::ExecutableDocument;
use lru::LruCache;

/// The longest document kept; a longer one is parsed every time.
const MAX_CACHED_QUERY_BYTES: usize = 16 * 1024;

/// The documents most recently parsed, at most `capacity` of them, shared by every request.
pub(crate) struct DocumentCache {
    documents: Mutex<LruCache<String, Arc<ExecutableDocument>>>,
}

impl DocumentCache {
    /// A cache of at most `capacity` documents.
    pub(crate) fn new(capacity: NonZeroUsize) -> Self {
        Self {
            documents: Mutex::new(LruCache::new(capacity)),
        }
    }

    /// A copy of the document parsed from `query`, if it is kept.
    pub(crate) fn get(&self, query: &str) -> Option<ExecutableDocument> {
        // A panic while the lock was held cannot have left half a document behind: the cache
        // stays usable.
        let found = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(query)
            .cloned();
        found.map(|document| ExecutableDocument::clone(&document))
    }

    /// Keeps `document`, parsed from `query`, unless the query is too long to keep.
    pub(crate) fn keep(&self, query: &str, document: &ExecutableDocument) {
        if query.len() > MAX_CACHED_QUERY_BYTES {
            return;
        }
        let document = Arc::new(document.clone());
        self.documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .put(query.to_owned(), document);
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn cache(capacity: usize) -> DocumentCache {
        DocumentCache::new(NonZeroUsize::new(capacity).unwrap())
    }

    fn field_name(document: &ExecutableDocument) -> String {
        let (_, operation) = document.operations.iter().next().unwrap();
        let selection = &operation.node.selection_set.node.items[0].node;
        match selection {
            async_graphql::parser::types::Selection::Field(field) => {
                field.node.name.node.to_string()
            }
            _ => unreachable!("the tests select fields"),
        }
    }

    #[test]
    fn each_text_gets_its_own_document_and_the_least_recent_goes_first() {
        let cache = cache(2);
        for query in ["{ a }", "{ b }"] {
            cache.keep(query, &parse_query(query).unwrap());
        }
        assert_eq!(
            cache.get("{ a }").map(|doc| field_name(&doc)).as_deref(),
            Some("a")
        );
        cache.keep("{ c }", &parse_query("{ c }").unwrap());

        assert!(
            cache.get("{ b }").is_none(),
            "b was the least recently used"
        );
        assert_eq!(
            cache.get("{ a }").map(|doc| field_name(&doc)).as_deref(),
            Some("a")
        );
        assert_eq!(
            cache.get("{ c }").map(|doc| field_name(&doc)).as_deref(),
            Some("c")
        );
        assert!(cache.get("{ d }").is_none());
    }

    #[test]
    fn a_document_too_long_is_not_kept() {
        let cache = cache(2);
        let long = format!("{{ a {} }}", " ".repeat(MAX_CACHED_QUERY_BYTES));
        cache.keep(&long, &parse_query(&long).unwrap());

        assert!(cache.get(&long).is_none());
    }
}
