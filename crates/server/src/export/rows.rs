//! One exported claim: the claim's own columns, its article's title, its source's and its
//! assignee's names, read for a whole page at once.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use claimdesk_core::records::Claim;
use claimdesk_graphql::{article_global_id, claim_global_id};
use claimdesk_store::{Store, StoreError};
use serde::Serialize;

/// The columns, in order: the CSV's header row and each JSON line's field names.
pub(crate) const COLUMNS: [&str; 19] = [
    "id",
    "status",
    "priority",
    "verdict",
    "text",
    "quote",
    "span_start",
    "span_end",
    "article_id",
    "article_title",
    "source_name",
    "attribution",
    "assignee_name",
    "flagged_at",
    "closed_at",
    "created_at",
    "updated_at",
    "check_worthiness",
    "category",
];

/// A claim as exported; IDs are the API's global IDs and instants RFC 3339 in UTC.
#[derive(Debug, Serialize)]
pub(crate) struct ExportedClaim {
    pub id: String,
    pub status: String,
    pub priority: String,
    pub verdict: Option<String>,
    pub text: String,
    pub quote: String,
    pub span_start: usize,
    pub span_end: usize,
    pub article_id: String,
    pub article_title: Option<String>,
    pub source_name: Option<String>,
    pub attribution: String,
    pub assignee_name: Option<String>,
    pub flagged_at: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub check_worthiness: Option<f64>,
    pub category: Option<String>,
}

impl ExportedClaim {
    /// The fields as CSV cells, in [`COLUMNS`] order; absent values are empty.
    pub(crate) fn cells(&self) -> [String; COLUMNS.len()] {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        [
            self.id.clone(),
            self.status.clone(),
            self.priority.clone(),
            text(&self.verdict),
            self.text.clone(),
            self.quote.clone(),
            self.span_start.to_string(),
            self.span_end.to_string(),
            self.article_id.clone(),
            text(&self.article_title),
            text(&self.source_name),
            self.attribution.clone(),
            text(&self.assignee_name),
            text(&self.flagged_at),
            text(&self.closed_at),
            self.created_at.clone(),
            self.updated_at.clone(),
            self.check_worthiness
                .map(|score| score.to_string())
                .unwrap_or_default(),
            text(&self.category),
        ]
    }
}

/// The page's claims as exported, with their articles, sources and assignees read in one
/// query each.
pub(crate) async fn exported(
    store: &Store,
    claims: Vec<Claim>,
) -> Result<Vec<ExportedClaim>, StoreError> {
    let ids = |id_of: fn(&Claim) -> Option<i64>| {
        let mut ids: Vec<i64> = claims.iter().filter_map(id_of).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let articles = store
        .articles_without_body_by_id(&ids(|claim| Some(claim.article_id)))
        .await?;
    let sources = store.sources_by_id(&ids(|claim| claim.source_id)).await?;
    let users = store.users_by_id(&ids(|claim| claim.assignee_id)).await?;
    let name =
        |names: &HashMap<i64, String>, id: Option<i64>| id.and_then(|id| names.get(&id)).cloned();
    let titles: HashMap<i64, String> = articles.into_iter().map(|(id, a)| (id, a.title)).collect();
    let source_names = sources.into_iter().map(|(id, s)| (id, s.name)).collect();
    let user_names = users.into_iter().map(|(id, u)| (id, u.name)).collect();
    Ok(claims
        .into_iter()
        .map(|claim| ExportedClaim {
            id: claim_global_id(claim.id),
            status: claim.status.to_string(),
            priority: claim.priority.to_string(),
            verdict: claim.verdict.map(|verdict| verdict.to_string()),
            article_id: article_global_id(claim.article_id),
            article_title: titles.get(&claim.article_id).cloned(),
            source_name: name(&source_names, claim.source_id),
            attribution: claim.attribution.to_string(),
            assignee_name: name(&user_names, claim.assignee_id),
            flagged_at: claim.flagged_at.map(instant),
            closed_at: claim.closed_at.map(instant),
            created_at: instant(claim.created_at),
            updated_at: instant(claim.updated_at),
            span_start: claim.span.start,
            span_end: claim.span.end,
            check_worthiness: claim.check_worthiness,
            category: claim.category,
            text: claim.text,
            quote: claim.quote,
        })
        .collect())
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
