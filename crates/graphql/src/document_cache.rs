//! Parsed documents kept by their text, so that a query sent again is not parsed again.
//!
//! Dashboards and ingestion bots send the same few documents over and over, with only the
//! variables changing. Parsing a triage list took a twentieth of its server CPU; copying the
//! parsed document out of this cache costs a fraction of that. Only documents that parsed are
//! kept; validation, which depends on the variables, still runs on every request, and so do
//! the checks of [`crate::limits`], which wrap this cache.

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex, PoisonError},
};

use async_graphql::{
    ServerResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::types::ExecutableDocument,
};
use lru::LruCache;

/// The longest document kept; a longer one is parsed every time.
const MAX_CACHED_QUERY_BYTES: usize = 16 * 1024;

/// The documents most recently parsed, at most `capacity` of them, shared by every request.
pub(crate) struct DocumentCache {
    documents: Arc<Mutex<LruCache<String, Arc<ExecutableDocument>>>>,
}

impl DocumentCache {
    /// A cache of at most `capacity` documents.
    pub(crate) fn new(capacity: NonZeroUsize) -> Self {
        Self {
            documents: Arc::new(Mutex::new(LruCache::new(capacity))),
        }
    }
}

impl ExtensionFactory for DocumentCache {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DocumentCacheExtension {
            documents: self.documents.clone(),
        })
    }
}

struct DocumentCacheExtension {
    documents: Arc<Mutex<LruCache<String, Arc<ExecutableDocument>>>>,
}

impl DocumentCacheExtension {
    fn cached(&self, query: &str) -> Option<Arc<ExecutableDocument>> {
        // A panic while the lock was held cannot have left half a document behind: the cache
        // stays usable.
        let mut documents = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        documents.get(query).cloned()
    }

    fn keep(&self, query: &str, document: Arc<ExecutableDocument>) {
        let mut documents = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        documents.put(query.to_owned(), document);
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for DocumentCacheExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if query.len() > MAX_CACHED_QUERY_BYTES {
            return next.run(ctx, query, variables).await;
        }
        if let Some(document) = self.cached(query) {
            return Ok(ExecutableDocument::clone(&document));
        }
        let document = next.run(ctx, query, variables).await?;
        self.keep(query, Arc::new(document.clone()));
        Ok(document)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

    use super::*;

    struct Query;

    #[Object]
    impl Query {
        async fn echo(&self, word: String) -> String {
            word
        }

        async fn twice(&self, word: String) -> String {
            word.repeat(2)
        }
    }

    fn schema(capacity: usize) -> Schema<Query, EmptyMutation, EmptySubscription> {
        let capacity = NonZeroUsize::new(capacity).unwrap();
        Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(DocumentCache::new(capacity))
            .finish()
    }

    async fn answer(
        schema: &Schema<Query, EmptyMutation, EmptySubscription>,
        query: &str,
    ) -> String {
        let response = schema.execute(query).await;
        if response.errors.is_empty() {
            response.data.into_json().unwrap().to_string()
        } else {
            format!("error: {}", response.errors[0].message)
        }
    }

    #[tokio::test]
    async fn every_document_gets_its_own_answer_whether_kept_evicted_or_sent_again() {
        let schema = schema(2);
        let queries = [
            r#"{ echo(word: "a") }"#,
            r#"{ twice(word: "b") }"#,
            r#"{ echo(word: "c") }"#,
            r#"{ echo(word: "a") }"#,
            r#"{ twice(word: "b") }"#,
            r#"{ echo(word: "a") }"#,
        ];
        let mut answers = Vec::new();
        for query in queries {
            answers.push(answer(&schema, query).await);
        }

        assert_eq!(
            answers,
            [
                r#"{"echo":"a"}"#,
                r#"{"twice":"bb"}"#,
                r#"{"echo":"c"}"#,
                r#"{"echo":"a"}"#,
                r#"{"twice":"bb"}"#,
                r#"{"echo":"a"}"#,
            ]
        );
    }

    #[tokio::test]
    async fn a_document_that_does_not_parse_is_refused_every_time_and_not_kept() {
        let schema = schema(4);
        for _ in 0..2 {
            assert!(
                answer(&schema, "{ echo(word: ")
                    .await
                    .starts_with("error: ")
            );
        }
        let cache = DocumentCache::new(NonZeroUsize::new(4).unwrap());
        let documents = cache.documents.clone();
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(cache)
            .finish();
        answer(&schema, "{ echo(word: ").await;
        answer(&schema, r#"{ echo(word: "kept") }"#).await;

        assert_eq!(documents.lock().unwrap().len(), 1);
    }
}
