//! Full-text search over claims: which claims match a search, and how relevant each one is.
//!
//! A search is a list of words, each of which must begin a word of the claim's text, its quote
//! or its source's name. Words are runs of letters and digits compared regardless of case, on
//! both backends; the index behind them is the `claim_search` migration's. The words are
//! always bound as values, never written into the SQL.

use claimdesk_core::validation::ValidationError;
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement, SimpleExpr};

use crate::Backend;

/// The words of a search, as the index compares them: lower-case runs of letters and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    terms: Vec<String>,
}

impl SearchTerms {
    /// The most words a search uses; later ones are ignored.
    pub const MAX_TERMS: usize = 16;
    /// The most characters of a word a search uses; a longer word matches as its beginning.
    pub const MAX_TERM_CHARS: usize = 64;

    /// Reads the words of `input`, refusing a search that has none.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let mut terms: Vec<String> = Vec::new();
        let words = input
            .split(|character: char| !character.is_alphanumeric())
            .filter(|word| !word.is_empty());
        for word in words {
            let term: String = word.chars().take(Self::MAX_TERM_CHARS).map(fold).collect();
            if !terms.contains(&term) {
                terms.push(term);
            }
            if terms.len() == Self::MAX_TERMS {
                break;
            }
        }
        if terms.is_empty() {
            return Err(ValidationError::new(
                "search",
                "has no words: it needs at least one letter or digit",
            ));
        }
        Ok(Self { terms })
    }

    /// The words, in the order they were given, without repeats.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// An FTS5 query: each word a quoted prefix, all of them required.
    fn fts5_query(&self) -> String {
        let quoted: Vec<String> = self
            .terms
            .iter()
            .map(|term| format!("\"{}\"*", term.replace('"', "\"\"")))
            .collect();
        quoted.join(" ")
    }

    /// A PostgreSQL `tsquery`: each word a prefix, all of them required.
    fn tsquery(&self) -> String {
        let prefixes: Vec<String> = self.terms.iter().map(|term| format!("{term}:*")).collect();
        prefixes.join(" & ")
    }
}

/// A character in lower case, as both indexes fold it.
///
/// A final sigma is a sigma. A character whose lower case is longer than itself (`İ`) stays as
/// it is: FTS5 leaves it so, and PostgreSQL lower-cases it alike in the query and the index.
fn fold(character: char) -> char {
    let mut lower = character.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some('ς'), None) => 'σ',
        (Some(single), None) => single,
        _ => character,
    }
}

/// True for the claims (`claims.id`) that match `terms`, as an `IN` over the search index.
pub(crate) fn search_condition(backend: Backend, terms: &SearchTerms) -> SimpleExpr {
    match backend {
        Backend::Sqlite => Expr::cust_with_values(
            r#""claims"."id" IN (SELECT rowid FROM claim_search WHERE claim_search MATCH ?)"#,
            [terms.fts5_query()],
        ),
        Backend::Postgres => Expr::cust_with_values(
            r#""claims"."id" IN (SELECT claim_id FROM claim_search
            WHERE document @@ to_tsquery('simple', claim_search_fold($1)))"#,
            [terms.tsquery()],
        ),
    }
}

/// The claims that match `terms` and how relevant each is, as a table of `claim_id` and
/// `relevance` (a double, larger is more relevant), scored in one pass over the index:
/// SQLite's BM25 score negated, or PostgreSQL's `ts_rank`. The two backends' figures are not
/// comparable with each other, only within one.
pub(crate) fn matches(backend: Backend, terms: &SearchTerms) -> SelectStatement {
    let mut matches = Query::select();
    matches.from(Alias::new("claim_search"));
    match backend {
        Backend::Sqlite => {
            matches
                .expr_as(Expr::cust("rowid"), Alias::new(MATCHED_CLAIM))
                .expr_as(Expr::cust("-bm25(claim_search)"), Alias::new(RELEVANCE))
                .and_where(Expr::cust_with_values(
                    "claim_search MATCH ?",
                    [terms.fts5_query()],
                ))
                // FTS5 recounts the matching documents each time it is asked for BM25, so a
                // search run again for each claim is quadratic (docs/benchmarks.md). A limit keeps SQLite from merging the search
                // into a join, where it could run once per claim; it runs once.
                .limit(i64::MAX.unsigned_abs());
        }
        Backend::Postgres => {
            let query = "to_tsquery('simple', claim_search_fold($1))";
            matches
                .column(Alias::new(MATCHED_CLAIM))
                .expr_as(
                    Expr::cust_with_values(
                        format!("CAST(ts_rank(document, {query}) AS double precision)"),
                        [terms.tsquery()],
                    ),
                    Alias::new(RELEVANCE),
                )
                .and_where(Expr::cust_with_values(
                    format!("document @@ {query}"),
                    [terms.tsquery()],
                ));
        }
    }
    matches
}

/// The column of [`matches`] that holds the claim's ID.
pub(crate) const MATCHED_CLAIM: &str = "claim_id";
/// The column of [`matches`] that holds the relevance.
pub(crate) const RELEVANCE: &str = "relevance";

#[cfg(test)]
mod database_tests;

#[cfg(test)]
mod tests {
    use super::SearchTerms;

    fn terms(input: &str) -> Vec<String> {
        SearchTerms::parse(input).unwrap().terms().to_vec()
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_lower_case() {
        assert_eq!(
            terms("Meta's LLaMA-3, (70B)!"),
            ["meta", "s", "llama", "3", "70b"]
        );
        assert_eq!(
            terms("  Élysée  naïve 東京 ΟΔΟΣ "),
            ["élysée", "naïve", "東京", "οδοσ"]
        );
        assert_eq!(terms("οδος İstanbul"), ["οδοσ", "İstanbul"]);
    }

    #[test]
    fn sql_and_query_syntax_is_dropped() {
        assert_eq!(
            terms(r#"x' OR 1=1; -- "quoted"* NEAR(a b) & !c:* $1 ? \0"#),
            ["x", "or", "1", "quoted", "near", "a", "b", "c", "0"]
        );
        assert_eq!(terms("nul\0byte"), ["nul", "byte"]);
    }

    #[test]
    fn a_search_without_words_is_refused() {
        for input in ["", "   ", "-- ; '\"*", "\0"] {
            let error = SearchTerms::parse(input).unwrap_err();
            assert_eq!(error.field, "search");
        }
    }

    #[test]
    fn repeats_are_dropped_and_limits_apply() {
        assert_eq!(terms("Llama llama LLAMA meta"), ["llama", "meta"]);
        let many: Vec<String> = (0..40).map(|n| format!("w{n}")).collect();
        assert_eq!(
            terms(&many.join(" ")).len(),
            SearchTerms::MAX_TERMS,
            "later words are ignored"
        );
        let long = "a".repeat(100);
        assert_eq!(terms(&long), ["a".repeat(SearchTerms::MAX_TERM_CHARS)]);
    }

    #[test]
    fn queries_quote_and_prefix_every_word() {
        let search = SearchTerms::parse("Llama, meta").unwrap();
        assert_eq!(search.fts5_query(), r#""llama"* "meta"*"#);
        assert_eq!(search.tsquery(), "llama:* & meta:*");
    }
}
