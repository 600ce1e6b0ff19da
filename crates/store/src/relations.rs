//! The records related to many claims, read at once for the API's data loaders: many records
//! by many IDs, one statement each.

use std::collections::HashMap;

use claimdesk_core::{
    ClaimStatus, Verdict,
    records::{Article, ClaimEvent, Evidence, Note, Source, User},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Iterable, QueryFilter, QueryOrder,
    QuerySelect, Statement,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    Backend, Store, StoreError,
    by_id::records_by_id,
    driver_row::Driven,
    entities::{article, claim, claim_event, evidence, note, parse_name, source, user},
};

impl Store {
    /// The users with these IDs, by ID; unknown IDs are left out.
    pub async fn users_by_id(&self, ids: &[i64]) -> Result<HashMap<i64, User>, StoreError> {
        records_by_id::<user::Entity, _>(&self.reads, user::Column::Id, ids, |user: &User| user.id)
            .await
    }

    /// The articles with these IDs, by ID, each with its body left empty: a page of claims
    /// shows its articles' titles, and a body can be a megabyte. Unknown IDs are left out.
    pub async fn articles_without_body_by_id(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, Article>, StoreError> {
        let columns =
            article::Column::iter().filter(|column| !matches!(column, article::Column::Body));
        let rows = article::Entity::find()
            .select_only()
            .columns(columns)
            .column_as(Expr::val(""), "body")
            .filter(article::Column::Id.is_in(ids.to_vec()))
            .all(&self.reads)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| (row.id, Article::from(row)))
            .collect())
    }

    /// The bodies of the articles with these IDs, by ID; unknown IDs are left out.
    pub async fn article_bodies_by_id(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, String>, StoreError> {
        Ok(article::Entity::find()
            .select_only()
            .columns([article::Column::Id, article::Column::Body])
            .filter(article::Column::Id.is_in(ids.to_vec()))
            .into_tuple::<(i64, String)>()
            .all(&self.reads)
            .await?
            .into_iter()
            .collect())
    }

    /// The sources with these IDs, by ID; unknown IDs are left out.
    pub async fn sources_by_id(&self, ids: &[i64]) -> Result<HashMap<i64, Source>, StoreError> {
        records_by_id::<source::Entity, _>(
            &self.reads,
            source::Column::Id,
            ids,
            |source: &Source| source.id,
        )
        .await
    }

    /// The evidence of each of these claims, oldest first.
    pub async fn evidence_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<Evidence>>, StoreError> {
        let columns = (evidence::Column::ClaimId, evidence::Column::Id);
        oldest_first_by_claim::<evidence::Entity, _>(&self.reads, columns, claim_ids, |row| {
            row.claim_id
        })
        .await
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
            .all(&self.reads)
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
            .all(&self.reads)
            .await?;
        histories(rows)
    }
}

/// The last events of each claim of a batch, on SQLite: the claims' IDs are a list of
/// parameters, and for each claim a correlated subquery walks the end of its run of
/// `claim_events_claim_id_id_idx` for the IDs of its last events.
const SQLITE_RECENT_HISTORY: &str = "
SELECT events.* FROM claims
JOIN claim_events AS events ON events.id IN (
    SELECT recent.id FROM claim_events AS recent
    WHERE recent.claim_id = claims.id ORDER BY recent.id DESC LIMIT ?
)
WHERE claims.id IN ({ids})
ORDER BY events.claim_id, events.id";

/// The same on PostgreSQL, whose planner would scan every event for SQLite's form: a lateral
/// join walks the end of each claim's run of the index.
const POSTGRES_RECENT_HISTORY: &str = "
SELECT events.* FROM claims
CROSS JOIN LATERAL (
    SELECT * FROM claim_events AS recent
    WHERE recent.claim_id = claims.id ORDER BY recent.id DESC LIMIT $1
) AS events
WHERE claims.id IN ({ids})
ORDER BY events.claim_id, events.id";

impl Store {
    /// The last `last` events of each of these claims, oldest first: a page's `history(last:
    /// 3)` reads three events per claim, not every event of its claims.
    pub async fn recent_history_by_claim(
        &self,
        claim_ids: &[i64],
        last: u64,
    ) -> Result<HashMap<i64, Vec<ClaimEvent>>, StoreError> {
        if claim_ids.is_empty() || last == 0 {
            return Ok(HashMap::new());
        }
        let (sql, first_id) = match self.backend() {
            Backend::Sqlite => (SQLITE_RECENT_HISTORY, None),
            Backend::Postgres => (POSTGRES_RECENT_HISTORY, Some(2)),
        };
        let placeholders: Vec<String> = match first_id {
            None => vec!["?".to_owned(); claim_ids.len()],
            Some(first) => (first..first + claim_ids.len())
                .map(|n| format!("${n}"))
                .collect(),
        };
        let sql = sql.replace("{ids}", &placeholders.join(", "));
        let limit = i64::try_from(last).unwrap_or(i64::MAX);
        let values = std::iter::once(limit.into()).chain(claim_ids.iter().map(|&id| id.into()));
        let statement =
            Statement::from_sql_and_values(self.reads.get_database_backend(), sql, values);
        let rows = Driven::<claim_event::Model>::find_by_statement(statement)
            .all(&self.reads)
            .await?;
        histories(rows)
    }
}

/// Event rows, oldest first, as the history of each of their claims.
fn histories(
    rows: Vec<Driven<claim_event::Model>>,
) -> Result<HashMap<i64, Vec<ClaimEvent>>, StoreError> {
    group(
        rows,
        |row| row.0.claim_id,
        |row| ClaimEvent::try_from(row.0),
    )
}

/// The rows of `E` that belong to these claims, oldest first, each read into a `T`, by claim
/// ID. `columns` are `E`'s claim ID and its own ID; `claim_of` gives a row's claim ID.
pub(crate) async fn oldest_first_by_claim<E, T>(
    db: &impl ConnectionTrait,
    (claim_id, id): (E::Column, E::Column),
    claim_ids: &[i64],
    claim_of: impl Fn(&E::Model) -> i64,
) -> Result<HashMap<i64, Vec<T>>, StoreError>
where
    E: EntityTrait,
    T: TryFrom<E::Model, Error = StoreError>,
{
    let rows = E::find()
        .filter(claim_id.is_in(claim_ids.to_vec()))
        .order_by_asc(id)
        .all(db)
        .await?;
    group(rows, claim_of, T::try_from)
}

/// Groups rows by `key`, converting each with `read`, keeping their order.
pub(crate) fn group<Row, T>(
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
    /// Its closed claims, by verdict (not those awaiting approval).
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
            .column(claim::Column::Status)
            .column(claim::Column::Verdict)
            .column_as(Expr::col(claim::Column::Id).count(), "count")
            .filter(claim::Column::SourceId.is_in(source_ids.to_vec()))
            .group_by(claim::Column::SourceId)
            .group_by(claim::Column::Status)
            .group_by(claim::Column::Verdict)
            .order_by_asc(claim::Column::Verdict)
            .into_tuple::<(i64, String, Option<String>, i64)>()
            .all(&self.reads)
            .await?;
        let closed = ClaimStatus::Closed.as_ref();
        let mut counts: HashMap<i64, SourceClaimCounts> = HashMap::new();
        for (source_id, status, verdict, count) in rows {
            let count = u64::try_from(count).unwrap_or_default();
            let entry = counts.entry(source_id).or_default();
            entry.total += count;
            // A verdict awaiting approval is not yet published: only closed claims count.
            if let Some(verdict) = verdict.filter(|_| status == closed) {
                let verdict = parse_name("claims", "verdict", &verdict)?;
                entry.by_verdict.push((verdict, count));
            }
        }
        Ok(counts)
    }
}
