//! Batched reads for the API's data loaders: many records by many IDs, one statement each.

use std::collections::HashMap;

use claimdesk_core::{
    Verdict,
    records::{Article, ClaimEvent, Evidence, Note, Source, User},
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    Store, StoreError,
    driver_row::Driven,
    entities::{article, claim, claim_event, evidence, note, parse_name, source, user},
};

impl Store {
    /// The users with these IDs, by ID; unknown IDs are left out.
    pub async fn users_by_id(&self, ids: &[i64]) -> Result<HashMap<i64, User>, StoreError> {
        let rows = user::Entity::find()
            .filter(user::Column::Id.is_in(ids.to_vec()))
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|row| Ok((row.id, User::try_from(row)?)))
            .collect()
    }

    /// The articles with these IDs, by ID; unknown IDs are left out.
    pub async fn articles_by_id(&self, ids: &[i64]) -> Result<HashMap<i64, Article>, StoreError> {
        let rows = article::Entity::find()
            .filter(article::Column::Id.is_in(ids.to_vec()))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| (row.id, Article::from(row)))
            .collect())
    }

    /// The sources with these IDs, by ID; unknown IDs are left out.
    pub async fn sources_by_id(&self, ids: &[i64]) -> Result<HashMap<i64, Source>, StoreError> {
        let rows = source::Entity::find()
            .filter(source::Column::Id.is_in(ids.to_vec()))
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|row| Ok((row.id, Source::try_from(row)?)))
            .collect()
    }

    /// The evidence of each of these claims, oldest first.
    pub async fn evidence_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<Evidence>>, StoreError> {
        let rows = evidence::Entity::find()
            .filter(evidence::Column::ClaimId.is_in(claim_ids.to_vec()))
            .order_by_asc(evidence::Column::Id)
            .all(&self.db)
            .await?;
        group(rows, |row| row.claim_id, Evidence::try_from)
    }

    /// The notes on each of these claims, oldest first, each with its author.
    pub async fn notes_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<(Note, User)>>, StoreError> {
        let rows = note::Entity::find()
            .find_also_related(user::Entity)
            .filter(note::Column::ClaimId.is_in(claim_ids.to_vec()))
            .order_by_asc(note::Column::Id)
            .all(&self.db)
            .await?;
        group(
            rows,
            |(row, _)| row.claim_id,
            |(row, author)| {
                let author = author.ok_or(StoreError::not_found("user", row.author_id))?;
                Ok((Note::from(row), User::try_from(author)?))
            },
        )
    }

    /// The history of each of these claims, oldest first. The actors are left to the caller,
    /// who reads only the ones it needs, once each.
    pub async fn history_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<ClaimEvent>>, StoreError> {
        let rows = claim_event::Entity::find()
            .filter(claim_event::Column::ClaimId.is_in(claim_ids.to_vec()))
            .order_by_asc(claim_event::Column::Id)
            .into_model::<Driven<claim_event::Model>>()
            .all(&self.db)
            .await?;
        group(
            rows,
            |row| row.0.claim_id,
            |row| ClaimEvent::try_from(row.0),
        )
    }
}

/// Groups rows by `key`, converting each with `read`, keeping their order.
fn group<Row, T>(
    rows: Vec<Row>,
    key: impl Fn(&Row) -> i64,
    read: impl Fn(Row) -> Result<T, StoreError>,
) -> Result<HashMap<i64, Vec<T>>, StoreError> {
    let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        let claim_id = key(&row);
        groups.entry(claim_id).or_default().push(read(row)?);
    }
    Ok(groups)
}

/// How many claims a source has, in all and by verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceClaimCounts {
    /// All claims attributed to the source.
    pub total: u64,
    /// Its closed claims, by verdict.
    pub by_verdict: Vec<(Verdict, u64)>,
}

impl Store {
    /// The claim counts of each of these sources, in one statement.
    pub async fn claim_counts_by_source(
        &self,
        source_ids: &[i64],
    ) -> Result<HashMap<i64, SourceClaimCounts>, StoreError> {
        let rows = claim::Entity::find()
            .select_only()
            .column(claim::Column::SourceId)
            .column(claim::Column::Verdict)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .filter(claim::Column::SourceId.is_in(source_ids.to_vec()))
            .group_by(claim::Column::SourceId)
            .group_by(claim::Column::Verdict)
            .order_by_asc(claim::Column::Verdict)
            .into_tuple::<(i64, Option<String>, i64)>()
            .all(&self.db)
            .await?;
        let mut counts: HashMap<i64, SourceClaimCounts> = HashMap::new();
        for (source_id, verdict, count) in rows {
            let count = u64::try_from(count).unwrap_or_default();
            let entry = counts.entry(source_id).or_default();
            entry.total += count;
            if let Some(verdict) = verdict {
                let verdict = parse_name("claims", "verdict", &verdict)?;
                entry.by_verdict.push((verdict, count));
            }
        }
        Ok(counts)
    }
}
