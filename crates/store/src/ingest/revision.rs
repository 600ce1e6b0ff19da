//! A known article with a new body: the body is stored as a new revision and every claim of the
//! article is re-anchored. Its quote is looked for in the new body, the occurrence whose
//! surroundings best match the old ones wins, and a claim whose quote is gone is marked
//! `anchor_lost`. Each claim that moves or loses its anchor gets an event; no review state
//! changes.

use chrono::{DateTime, Utc};
use claimdesk_core::{EventKind, TextSpan, anchor::reanchor, event_detail};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryTrait, sea_query::OnConflict,
};
use serde_json::Value;

use super::{new_claims::offset, request::IngestArticle};
use crate::{
    StoreError,
    entities::{article, article_revision, claim},
    history::{EventDraft, append_events},
};

/// What a new body does to one claim's anchor.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum AnchorChange {
    /// The quote stands elsewhere now (or again, after being lost).
    Moved(TextSpan),
    /// The quote is gone from the body.
    Lost,
}

impl AnchorChange {
    /// What happens to a claim quoting `quote` at `old_span` of `old_body` (the new body itself
    /// when the anchor was already lost) when the article's body becomes `new_body`; `None`
    /// when nothing changes.
    pub(super) fn of(
        old_body: &str,
        old_span: TextSpan,
        quote: &str,
        anchor_lost: bool,
        new_body: &str,
    ) -> Option<Self> {
        let old_body = if anchor_lost { new_body } else { old_body };
        match reanchor(old_body, old_span, quote, new_body) {
            Some(span) if span == old_span && !anchor_lost => None,
            Some(span) => Some(Self::Moved(span)),
            None if anchor_lost => None,
            None => Some(Self::Lost),
        }
    }

    /// The event that records the change, made by `revision`.
    fn event(&self, revision: i64, old_span: TextSpan) -> (EventKind, Value) {
        match self {
            Self::Moved(span) => (
                EventKind::Reanchored,
                event_detail::reanchored(revision, old_span, *span),
            ),
            Self::Lost => (
                EventKind::AnchorLost,
                event_detail::anchor_lost(revision, old_span),
            ),
        }
    }
}

/// Inserts a new article, an ingested one or the page of an imported review, with its first
/// revision; `None`, and nothing written, when an article has its URL already.
pub(crate) async fn insert_article(
    txn: &DatabaseTransaction,
    article: article::ActiveModel,
    now: DateTime<Utc>,
) -> Result<Option<article::Model>, StoreError> {
    let mut insert = article::Entity::insert(article::ActiveModel {
        ingested_at: Set(now),
        revision: Set(1),
        ..article
    })
    .on_conflict(
        OnConflict::column(article::Column::Url)
            .do_nothing()
            .to_owned(),
    )
    .into_query();
    insert.returning_all();
    let inserted = article::Entity::find()
        .from_raw_sql(txn.get_database_backend().build(&insert))
        .one(txn)
        .await?;
    let Some(row) = inserted else {
        return Ok(None);
    };
    article_revision::Entity::insert(article_revision::ActiveModel {
        article_id: Set(row.id),
        revision: Set(1),
        body: Set(row.body.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    Ok(Some(row))
}

/// Stores the new body as a revision and re-anchors the article's claims.
pub(super) async fn revise(
    txn: &DatabaseTransaction,
    row: article::Model,
    input: &IngestArticle,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<(article::Model, usize, usize), StoreError> {
    let revision = row.revision + 1;
    article_revision::Entity::insert(article_revision::ActiveModel {
        article_id: Set(row.id),
        revision: Set(revision),
        body: Set(input.body.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    let claims = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(row.id))
        .all(txn)
        .await?;
    let (mut moved, mut lost) = (0, 0);
    let mut events = Vec::new();
    for existing in claims {
        let old_span = TextSpan {
            start: usize::try_from(existing.span_start).unwrap_or_default(),
            end: usize::try_from(existing.span_end).unwrap_or_default(),
        };
        let mut changes = claim::ActiveModel {
            id: Set(existing.id),
            version: Set(existing.version + 1),
            updated_at: Set(now),
            ..Default::default()
        };
        let Some(change) = AnchorChange::of(
            &row.body,
            old_span,
            &existing.quote,
            existing.anchor_lost,
            &input.body,
        ) else {
            continue;
        };
        match change {
            AnchorChange::Moved(span) => {
                changes.span_start = Set(offset(span.start)?);
                changes.span_end = Set(offset(span.end)?);
                changes.anchor_lost = Set(false);
                moved += 1;
            }
            AnchorChange::Lost => {
                changes.anchor_lost = Set(true);
                lost += 1;
            }
        }
        let (kind, detail) = change.event(revision.into(), old_span);
        claim::Entity::update(changes).exec(txn).await?;
        events.push((existing.id, EventDraft::new(kind, detail)));
    }
    append_events(txn, actor_id, now, events).await?;
    let mut revised: article::ActiveModel = row.into();
    revised.body = Set(input.body.clone());
    revised.title = Set(input.title.clone());
    revised.revision = Set(revision);
    let revised = article::Entity::update(revised).exec(txn).await?;
    Ok((revised, moved, lost))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Costs fell. Sales rose 5%.";
    const QUOTE: &str = "Sales rose 5%.";

    fn at(start: usize, end: usize) -> TextSpan {
        TextSpan { start, end }
    }

    #[test]
    fn a_quote_where_it_was_changes_nothing() {
        let edited = "Costs fell. Sales rose 5%. More later.";
        assert_eq!(
            AnchorChange::of(OLD, at(12, 26), QUOTE, false, edited),
            None
        );
    }

    #[test]
    fn a_quote_that_moved_is_moved() {
        let edited = "Costs fell sharply. Sales rose 5%.";
        assert_eq!(
            AnchorChange::of(OLD, at(12, 26), QUOTE, false, edited),
            Some(AnchorChange::Moved(at(20, 34)))
        );
    }

    #[test]
    fn a_quote_that_is_gone_is_lost_once() {
        let edited = "Costs fell.";
        assert_eq!(
            AnchorChange::of(OLD, at(12, 26), QUOTE, false, edited),
            Some(AnchorChange::Lost)
        );
        assert_eq!(
            AnchorChange::of(edited, at(12, 26), QUOTE, true, edited),
            None
        );
    }

    #[test]
    fn a_lost_quote_that_comes_back_is_moved_even_to_its_old_span() {
        assert_eq!(
            AnchorChange::of("Costs fell.", at(12, 26), QUOTE, true, OLD),
            Some(AnchorChange::Moved(at(12, 26)))
        );
    }

    #[test]
    fn each_change_has_its_event() {
        let (kind, detail) = AnchorChange::Lost.event(2, at(12, 26));
        assert_eq!(kind, EventKind::AnchorLost);
        assert_eq!(detail, event_detail::anchor_lost(2, at(12, 26)));
        let (kind, _) = AnchorChange::Moved(at(0, 3)).event(2, at(12, 26));
        assert_eq!(kind, EventKind::Reanchored);
    }
}
