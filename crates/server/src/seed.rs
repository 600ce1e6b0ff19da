//! Seed articles and their claims, loaded idempotently.
//!
//! A seed is a JSON file (the article's metadata, its sources and its claims, each claim with
//! its quote and code-point span) beside a text file holding the article body verbatim. The
//! repository's `seeds/` folder is bundled into the binary; `claimdesk seed --dir` loads
//! another folder. Loading twice adds nothing: articles are matched by URL, sources by name
//! and claims by their `externalId`.

use std::{
    path::{Path, PathBuf},
    str::FromStr,
};

use chrono::{DateTime, Utc};
use claimdesk_core::{Role, TextSpan};
use claimdesk_store::{NewArticle, NewClaim, NewSource, Store, StoreError};
use serde::Deserialize;
use thiserror::Error;

/// The user recorded as the actor of seeded claims.
pub const SEED_USER: &str = "claimdesk-seed";

const BUNDLED: &[(&str, &str, &str)] = &[(
    "deepseek-2025-02-03.json",
    include_str!("../../../seeds/deepseek-2025-02-03.json"),
    include_str!("../../../seeds/deepseek-2025-02-03.txt"),
)];

/// Why seeds could not be read or loaded.
#[derive(Debug, Error)]
pub enum SeedError {
    /// A seed file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A seed file is not valid.
    #[error("{file}: {problem}")]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong.
        problem: String,
    },
    /// The store refused a record.
    #[error("{file}: {source}")]
    Store {
        /// The file.
        file: String,
        /// The cause.
        source: StoreError,
    },
}

/// One seed: an article, its sources and its claims.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    /// The file the seed came from, for messages.
    #[serde(skip)]
    pub file: String,
    /// The article.
    pub article: SeedArticle,
    /// The sources its claims are attributed to.
    pub sources: Vec<SeedSource>,
    /// Its claims.
    pub claims: Vec<SeedClaim>,
}

/// A seed's article.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedArticle {
    /// Where it is published.
    pub url: String,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The file beside the seed that holds the body.
    pub body_file: String,
    /// The body, read from `body_file`.
    #[serde(skip)]
    pub body: String,
}

/// A seed's source.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedSource {
    /// The name.
    pub name: String,
    /// `PERSON`, `ORGANIZATION`, `GOVERNMENT`, `PUBLICATION` or `UNKNOWN`.
    pub kind: String,
    /// Who the source is.
    pub description: Option<String>,
}

/// A seed's claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedClaim {
    /// The identifier that makes loading idempotent.
    pub external_id: String,
    /// The checkable statement.
    pub text: String,
    /// The exact words of the article.
    pub quote: String,
    /// The quote's first code point in the body.
    pub start: usize,
    /// One past the quote's last code point.
    pub end: usize,
    /// The name of the source it is attributed to.
    pub source: Option<String>,
    /// `DIRECT_QUOTE`, `PARAPHRASE`, `REPORTED` or `UNATTRIBUTED`.
    pub attribution: String,
    /// `LOW`, `NORMAL`, `HIGH` or `URGENT`.
    pub priority: String,
}

/// What loading created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Articles created.
    pub articles: usize,
    /// Sources created.
    pub sources: usize,
    /// Claims created.
    pub claims: usize,
}

impl Seed {
    /// The seeds bundled into the binary from the repository's `seeds/` folder.
    pub fn bundled() -> Result<Vec<Seed>, SeedError> {
        BUNDLED
            .iter()
            .map(|(file, json, body)| Seed::parse(file, json, (*body).to_owned()))
            .collect()
    }

    /// Every `*.json` seed in `dir`, with its body file beside it.
    pub fn from_dir(dir: &Path) -> Result<Vec<Seed>, SeedError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| SeedError::Io {
                path: path.to_owned(),
                source,
            })
        };
        let entries = std::fs::read_dir(dir).map_err(|source| SeedError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| {
                let json = read(path)?;
                let file = path.display().to_string();
                let mut seed = Seed::parse(&file, &json, String::new())?;
                seed.article.body = read(&dir.join(&seed.article.body_file))?;
                Ok(seed)
            })
            .collect()
    }

    /// Parses a seed file whose article body is `body`.
    pub fn parse(file: &str, json: &str, body: String) -> Result<Seed, SeedError> {
        let mut seed: Seed = serde_json::from_str(json).map_err(|error| SeedError::Invalid {
            file: file.to_owned(),
            problem: error.to_string(),
        })?;
        file.clone_into(&mut seed.file);
        seed.article.body = body;
        Ok(seed)
    }

    fn invalid(&self, problem: impl Into<String>) -> SeedError {
        SeedError::Invalid {
            file: self.file.clone(),
            problem: problem.into(),
        }
    }

    fn store_error(&self, source: StoreError) -> SeedError {
        SeedError::Store {
            file: self.file.clone(),
            source,
        }
    }
}

/// Loads `seeds` into `store`; records that already exist are left as they are.
pub async fn load(store: &Store, seeds: &[Seed]) -> Result<SeedReport, SeedError> {
    let mut report = SeedReport::default();
    for seed in seeds {
        load_one(store, seed, &mut report).await?;
    }
    Ok(report)
}

async fn load_one(store: &Store, seed: &Seed, report: &mut SeedReport) -> Result<(), SeedError> {
    let actor = store
        .ensure_user(SEED_USER, Role::Ingest)
        .await
        .map_err(|error| seed.store_error(error))?
        .record;
    let article = store
        .create_article(NewArticle {
            url: seed.article.url.clone(),
            title: seed.article.title.clone(),
            publisher: seed.article.publisher.clone(),
            published_at: seed.article.published_at,
            body: seed.article.body.clone(),
        })
        .await
        .map_err(|error| seed.store_error(error))?;
    report.articles += usize::from(article.created);

    let mut source_ids = std::collections::HashMap::new();
    for source in &seed.sources {
        let created = store
            .create_source(NewSource {
                name: source.name.clone(),
                kind: parse(seed, "kind", &source.kind)?,
                description: source.description.clone(),
            })
            .await
            .map_err(|error| seed.store_error(error))?;
        report.sources += usize::from(created.created);
        source_ids.insert(source.name.to_lowercase(), created.record.id);
    }

    for claim in &seed.claims {
        let source_id = match &claim.source {
            Some(name) => Some(*source_ids.get(&name.to_lowercase()).ok_or_else(|| {
                seed.invalid(format!(
                    "claim {} names the unknown source {name:?}",
                    claim.external_id
                ))
            })?),
            None => None,
        };
        let created = store
            .create_claim(
                actor.id,
                NewClaim {
                    article_id: article.record.id,
                    external_id: Some(claim.external_id.clone()),
                    text: claim.text.clone(),
                    quote: claim.quote.clone(),
                    span: TextSpan {
                        start: claim.start,
                        end: claim.end,
                    },
                    source_id,
                    attribution: parse(seed, "attribution", &claim.attribution)?,
                    priority: parse(seed, "priority", &claim.priority)?,
                },
            )
            .await
            .map_err(|error| seed.store_error(error))?;
        report.claims += usize::from(created.created);
    }
    Ok(())
}

fn parse<T: FromStr>(seed: &Seed, field: &str, value: &str) -> Result<T, SeedError> {
    value
        .parse()
        .map_err(|_| seed.invalid(format!("{field} {value:?} is not a known value")))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use claimdesk_core::{AttributionKind, Priority, SourceKind, anchor::verify_quote};

    use super::*;

    #[test]
    fn every_bundled_quote_matches_the_body_at_its_span() {
        for seed in Seed::bundled().unwrap() {
            for claim in &seed.claims {
                let span = TextSpan {
                    start: claim.start,
                    end: claim.end,
                };
                assert_eq!(
                    verify_quote(&seed.article.body, &claim.quote, span),
                    Ok(()),
                    "{}: claim {}",
                    seed.file,
                    claim.external_id
                );
            }
        }
    }

    #[test]
    fn the_bundled_seed_is_the_shared_article_verbatim() {
        let seed = &Seed::bundled().unwrap()[0];
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seed-article/deepseek-2025-02-03.txt"
        );
        if let Ok(original) = std::fs::read_to_string(shared) {
            assert_eq!(seed.article.body, original);
        }
        assert!(seed.article.body.contains("Analysts from Jefferies"));
    }

    #[test]
    fn bundled_claims_are_complete_and_consistent() {
        for seed in Seed::bundled().unwrap() {
            assert!(
                seed.claims.len() >= 12,
                "{} has {} claims",
                seed.file,
                seed.claims.len()
            );
            let sources: HashSet<String> =
                seed.sources.iter().map(|s| s.name.to_lowercase()).collect();
            assert_eq!(
                sources.len(),
                seed.sources.len(),
                "source names must be unique"
            );
            for source in &seed.sources {
                parse::<SourceKind>(&seed, "kind", &source.kind).unwrap();
            }
            let mut ids = HashSet::new();
            for claim in &seed.claims {
                assert!(
                    ids.insert(&claim.external_id),
                    "duplicate {}",
                    claim.external_id
                );
                let source = claim.source.as_deref().unwrap_or_default().to_lowercase();
                assert!(
                    sources.contains(&source),
                    "{} names {source:?}",
                    claim.external_id
                );
                parse::<AttributionKind>(&seed, "attribution", &claim.attribution).unwrap();
                parse::<Priority>(&seed, "priority", &claim.priority).unwrap();
            }
        }
    }

    #[test]
    fn the_jefferies_claim_is_seeded() {
        let seed = &Seed::bundled().unwrap()[0];
        let claim = seed
            .claims
            .iter()
            .find(|c| c.external_id == "jefferies-training-cost")
            .unwrap();
        assert_eq!(claim.source.as_deref(), Some("Jefferies analysts"));
        assert!(claim.quote.contains("$5.6 million"));
    }
}
