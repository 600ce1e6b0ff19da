//! The candidates of a match, from the full-text index, with their fingerprints.

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex},
};

use claimdesk_core::{matching::Fingerprint, records::Claim};
use lru::LruCache;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::CANDIDATES;
use crate::{Backend, SearchTerms, Store, StoreError, entities::claim, search};

/// How many of a text's words the index is asked for.
const SEARCH_TERMS: usize = 6;

/// How many claims' fingerprints are kept in memory.
const CACHED_FINGERPRINTS: usize = 200_000;

/// The fingerprints of recently matched claims, by claim ID and checked against the text, so
/// that a claim that is a candidate again and again is read once: building a fingerprint
/// costs more than comparing two.
#[derive(Clone)]
pub(crate) struct FingerprintCache(Arc<Mutex<LruCache<i64, Cached>>>);

/// A claim's text and the fingerprint built from it.
type Cached = (String, Arc<Fingerprint>);

impl Default for FingerprintCache {
    fn default() -> Self {
        let capacity = NonZeroUsize::new(CACHED_FINGERPRINTS).unwrap_or(NonZeroUsize::MIN);
        Self(Arc::new(Mutex::new(LruCache::new(capacity))))
    }
}

impl FingerprintCache {
    /// The fingerprint of the claim `id`, whose text is `text`.
    pub(crate) fn get(&self, id: i64, text: &str) -> Arc<Fingerprint> {
        if let Ok(mut cache) = self.0.lock()
            && let Some((cached_text, print)) = cache.get(&id)
            && cached_text == text
        {
            return print.clone();
        }
        let print = Arc::new(Fingerprint::new(text));
        if let Ok(mut cache) = self.0.lock() {
            cache.put(id, (text.to_owned(), print.clone()));
        }
        print
    }
}

impl Store {
    /// The claims that hold any two of the most distinctive words of `print`, most relevant
    /// first (those that also write its amounts alike before the others), with their
    /// fingerprints; without `of` itself and the claims of its article.
    pub(crate) async fn candidates(
        &self,
        db: &impl ConnectionTrait,
        print: &Fingerprint,
        of: Option<&Claim>,
    ) -> Result<Vec<(Claim, Arc<Fingerprint>)>, StoreError> {
        let words = print.search_terms(SEARCH_TERMS);
        let Ok(terms) = SearchTerms::parse(&words.join(" ")) else {
            return Ok(Vec::new());
        };
        let amounts = SearchTerms::parse(&print.amount_terms().join(" ")).ok();
        let ids = search::candidates(Backend::of(db), &terms, amounts.as_ref(), CANDIDATES);
        let mut select = claim::Entity::find().filter(claim::Column::Id.in_subquery(ids));
        if let Some(of) = of {
            select = select
                .filter(claim::Column::Id.ne(of.id))
                .filter(claim::Column::ArticleId.ne(of.article_id));
        }
        let rows = select.all(db).await?;
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            let candidate: Claim = row.try_into()?;
            let print = self.fingerprints.get(candidate.id, &candidate.text);
            found.push((candidate, print));
        }
        Ok(found)
    }
}
