//! Claims: recorded against an article with a verified quote, read by ID or filtered page.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    AttributionKind, ClaimStatus, EventKind, MatchState, Priority, TextSpan, Verdict,
    anchor::verify_quote,
    event_detail,
    records::Claim,
    validation::{ValidationError, limits, optional_text, required_text},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select,
    sea_query::{Expr, ExprTrait, LikeExpr, Query},
};

use crate::{
    Backend, Created, Page, PageRequest, Store, StoreError,
    by_id::{record_by_id, row_by_id},
    entities::{article, claim, evidence, source},
    history::{EventDraft, append_event},
    matching::match_condition,
    name_filter::name_in,
    pagination::read_page,
    search::{SearchTerms, search_condition},
};

/// A claim to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    /// The article the claim is taken from.
    pub article_id: i64,
    /// The client's own identifier, unique within the article; a retry with the same one
    /// returns the claim already recorded.
    pub external_id: Option<String>,
    /// The checkable statement.
    pub text: String,
    /// The exact words of the article.
    pub quote: String,
    /// Where the quote stands in the article body, in code points.
    pub span: TextSpan,
    /// Who the claim is attributed to.
    pub source_id: Option<i64>,
    /// How the article attributes it.
    pub attribution: AttributionKind,
    /// How urgently it should be checked.
    pub priority: Priority,
}

/// Which claims to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// Any of these statuses.
    pub statuses: Vec<ClaimStatus>,
    /// Taken from this article.
    pub article_id: Option<i64>,
    /// Attributed to this source.
    pub source_id: Option<i64>,
    /// Attributed to a source whose name contains this, regardless of case.
    pub source_name: Option<String>,
    /// Whose anchor a revision of the article removed, or not.
    pub anchor_lost: Option<bool>,
    /// That the detector scored at least this check-worthy.
    pub min_check_worthiness: Option<f64>,
    /// That the detector put in any of these categories.
    pub categories: Vec<String>,
    /// With any of these verdicts: closed, or awaiting approval with it.
    pub verdicts: Vec<Verdict>,
    /// Of any of these priorities.
    pub priorities: Vec<Priority>,
    /// Assigned to this user.
    pub assignee_id: Option<i64>,
    /// Assigned to nobody (true) or to somebody (false).
    pub unassigned: Option<bool>,
    /// Flagged before this instant.
    pub flagged_before: Option<DateTime<Utc>>,
    /// Flagged at or after this instant.
    pub flagged_after: Option<DateTime<Utc>>,
    /// Recorded before this instant.
    pub created_before: Option<DateTime<Utc>>,
    /// Recorded at or after this instant.
    pub created_after: Option<DateTime<Utc>>,
    /// With at least one piece of evidence (true) or none (false).
    pub has_evidence: Option<bool>,
    /// Whose text, quote or source name holds every one of these words.
    pub search: Option<SearchTerms>,
    /// With a stored match in any of these states.
    pub match_states: Vec<MatchState>,
    /// With a match (not rejected, or in `match_states`) to a CLOSED claim (true), or
    /// without one (false).
    pub has_closed_match: Option<bool>,
}

impl Store {
    /// Records a claim as NEW, with its CREATED event, after checking its quote against the
    /// article body.
    pub async fn create_claim(
        &self,
        actor_id: i64,
        input: NewClaim,
    ) -> Result<Created<Claim>, StoreError> {
        required_text("text", &input.text, limits::CLAIM_TEXT)?;
        required_text("quote", &input.quote, limits::QUOTE)?;
        optional_text("externalId", input.external_id.as_deref(), limits::NAME)?;
        let span_start = offset_column("span.start", input.span.start)?;
        let span_end = offset_column("span.end", input.span.end)?;
        let lookup = self.look_up_matches(&[input.text.as_str()]).await?;

        let txn = self.begin_write().await?;
        let body = row_by_id::<article::Entity>(&txn, "article", input.article_id)
            .await?
            .body;
        verify_quote(&body, &input.quote, input.span)?;
        if let Some(source_id) = input.source_id {
            row_by_id::<source::Entity>(&txn, "source", source_id).await?;
        }
        if let Some(existing) = claim_with_external_id(&txn, &input).await? {
            return same_claim(existing, &input);
        }

        let now = self.clock.now();
        let row = claim::ActiveModel {
            article_id: Set(input.article_id),
            external_id: Set(input.external_id.clone()),
            text: Set(input.text.clone()),
            quote: Set(input.quote.clone()),
            span_start: Set(span_start),
            span_end: Set(span_end),
            source_id: Set(input.source_id),
            attribution: Set(input.attribution.as_ref().to_owned()),
            status: Set(ClaimStatus::New.as_ref().to_owned()),
            priority: Set(input.priority.as_ref().to_owned()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let row = match claim::Entity::insert(row).exec_with_returning(&txn).await {
            Ok(row) => row,
            // A concurrent retry recorded the same external ID first: answer with its claim.
            Err(error) if StoreError::is_unique_violation(&error) => {
                txn.rollback().await?;
                let existing = claim_with_external_id(&self.reads, &input).await?;
                return same_claim(existing.ok_or(StoreError::Database(error))?, &input);
            }
            Err(error) => return Err(error.into()),
        };
        let claim: Claim = row.try_into()?;
        let candidates = self
            .record_matches(&txn, std::slice::from_ref(&claim), &lookup)
            .await?;
        // Last: on PostgreSQL the event holds the lock that orders events until the commit.
        let detail = event_detail::created(input.external_id.as_deref());
        append_event(
            &txn,
            claim.id,
            actor_id,
            now,
            EventDraft::new(EventKind::Created, detail),
        )
        .await?;
        self.commit(txn).await?;
        self.remember_candidates(candidates);
        Ok(Created {
            record: claim,
            created: true,
        })
    }

    /// The claim with `id`.
    pub async fn claim(&self, id: i64) -> Result<Claim, StoreError> {
        record_by_id::<claim::Entity, _>(&self.reads, "claim", id).await
    }

    /// A page of the claims that pass `filter`, oldest first.
    pub async fn claims(
        &self,
        filter: &ClaimFilter,
        request: PageRequest,
    ) -> Result<Page<Claim>, StoreError> {
        let select = filtered(filter, self.backend());
        let page = read_page(&self.reads, select, claim::Column::Id, request).await?;
        page.try_map(Claim::try_from)
    }

    /// How many claims pass `filter`: from the tallies when it looks at no more than they
    /// count (status, verdict, priority, assignee), else by counting the claims that pass,
    /// which an index holding the filtered columns answers without reading the claims.
    pub async fn count_claims(&self, filter: &ClaimFilter) -> Result<u64, StoreError> {
        if let Some(count) = self.tallied_count(filter).await? {
            return Ok(count);
        }
        let count: Option<i64> = filtered(filter, self.backend())
            .select_only()
            .expr(Expr::cust("COUNT(*)"))
            .into_tuple()
            .one(&self.reads)
            .await?;
        Ok(count.map_or(0, |count| u64::try_from(count).unwrap_or_default()))
    }
}

/// The claims that pass `filter`, unordered.
pub(crate) fn filtered(filter: &ClaimFilter, backend: Backend) -> Select<claim::Entity> {
    let mut condition = Condition::all();
    if let Some(terms) = &filter.search {
        condition = condition.add(search_condition(backend, terms));
    }
    condition = condition.add_option(name_in(claim::Column::Status, &filter.statuses));
    if let Some(article_id) = filter.article_id {
        condition = condition.add(claim::Column::ArticleId.eq(article_id));
    }
    if let Some(source_id) = filter.source_id {
        condition = condition.add(claim::Column::SourceId.eq(source_id));
    }
    condition = condition.add_option(name_in(claim::Column::Verdict, &filter.verdicts));
    condition = condition.add_option(name_in(claim::Column::Priority, &filter.priorities));
    if let Some(assignee_id) = filter.assignee_id {
        condition = condition.add(claim::Column::AssigneeId.eq(assignee_id));
    }
    match filter.unassigned {
        Some(true) => condition = condition.add(claim::Column::AssigneeId.is_null()),
        Some(false) => condition = condition.add(claim::Column::AssigneeId.is_not_null()),
        None => {}
    }
    if let Some(before) = filter.flagged_before {
        condition = condition.add(claim::Column::FlaggedAt.lt(before));
    }
    if let Some(after) = filter.flagged_after {
        condition = condition.add(claim::Column::FlaggedAt.gte(after));
    }
    if let Some(before) = filter.created_before {
        condition = condition.add(claim::Column::CreatedAt.lt(before));
    }
    if let Some(after) = filter.created_after {
        condition = condition.add(claim::Column::CreatedAt.gte(after));
    }
    if let Some(has_evidence) = filter.has_evidence {
        let with_evidence = Query::select()
            .column(evidence::Column::ClaimId)
            .from(evidence::Entity)
            .to_owned();
        condition = condition.add(if has_evidence {
            claim::Column::Id.in_subquery(with_evidence)
        } else {
            claim::Column::Id.not_in_subquery(with_evidence)
        });
    }
    if let Some(minimum) = filter.min_check_worthiness {
        condition = condition.add(claim::Column::CheckWorthiness.gte(minimum));
    }
    condition = condition.add_option(name_in(claim::Column::Category, &filter.categories));
    if let Some(matches) = match_condition(&filter.match_states, filter.has_closed_match) {
        condition = condition.add(matches);
    }
    if let Some(anchor_lost) = filter.anchor_lost {
        condition = condition.add(claim::Column::AnchorLost.eq(anchor_lost));
    }
    if let Some(name) = &filter.source_name {
        let pattern = contains_pattern(&source::name_key(name));
        let matching_sources = Query::select()
            .column(source::Column::Id)
            .from(source::Entity)
            .and_where(Expr::col(source::Column::NameKey).like(LikeExpr::new(pattern).escape('\\')))
            .to_owned();
        condition = condition.add(claim::Column::SourceId.in_subquery(matching_sources));
    }
    claim::Entity::find().filter(condition)
}

/// A `LIKE` pattern, escaped with `\\`, that matches any text containing `text`.
pub(crate) fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(text))
}

/// Escapes the `LIKE` wildcards in user input, so that `%` and `_` match themselves.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if matches!(character, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

async fn claim_with_external_id(
    db: &impl ConnectionTrait,
    input: &NewClaim,
) -> Result<Option<Claim>, StoreError> {
    let Some(external_id) = &input.external_id else {
        return Ok(None);
    };
    claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(input.article_id))
        .filter(claim::Column::ExternalId.eq(external_id.as_str()))
        .one(db)
        .await?
        .map(Claim::try_from)
        .transpose()
}

fn offset_column(field: &'static str, offset: usize) -> Result<i32, ValidationError> {
    i32::try_from(offset).map_err(|_| ValidationError::new(field, "is too large"))
}

fn same_claim(existing: Claim, input: &NewClaim) -> Result<Created<Claim>, StoreError> {
    if existing.text == input.text && existing.quote == input.quote && existing.span == input.span {
        Ok(Created {
            record: existing,
            created: false,
        })
    } else {
        Err(StoreError::Duplicate {
            field: "externalId",
            message: format!(
                "claim {} already has this external ID in the article, with other content",
                existing.id
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::escape_like;

    #[test]
    fn like_wildcards_match_themselves() {
        assert_eq!(escape_like(r"100%_a\b"), r"100\%\_a\\b");
    }
}
