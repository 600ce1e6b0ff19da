//! Claims in a chosen order, paged by keyset: a cursor is the sort value and the ID of a claim,
//! never an offset, so a page costs the same wherever it is and rows inserted meanwhile cause
//! neither gaps nor duplicates.
//!
//! The order is the sort value in the chosen direction, then the ID in the same direction.
//! Claims without a value (never flagged, never scored) come last in either direction.

mod arms;
mod ranked;

use chrono::{DateTime, Utc};
use claimdesk_core::{Priority, records::Claim, validation::ValidationError};
use sea_orm::{
    ColumnTrait, FromQueryResult, Order, QueryResult, Value,
    sea_query::{Alias, Expr, ExprTrait, NullOrdering, SelectStatement, SimpleExpr},
};
use strum::IntoEnumIterator;

use crate::{
    ClaimFilter, Page, PageRequest, Store, StoreError,
    driver_row::{DriverRow, FromDriverRow},
    entities::claim,
    search,
};

/// What to order claims by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    /// When the claim was recorded.
    CreatedAt,
    /// When the claim last changed.
    UpdatedAt,
    /// When the claim was last flagged.
    FlaggedAt,
    /// Its priority, from LOW to URGENT.
    Priority,
    /// The detector's check-worthiness score.
    CheckWorthiness,
    /// How well it matches the filter's search, the best match being the largest value.
    Relevance,
    /// Where its quote starts in its article, in code points: with a filter on one article,
    /// the order of the article's text.
    Span,
}

/// Which way to order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDirection {
    /// Smallest first.
    #[default]
    Ascending,
    /// Largest first.
    Descending,
}

/// An order of claims: a field and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimOrder {
    /// What to order by.
    pub field: SortField,
    /// Which way.
    pub direction: SortDirection,
}

impl Default for ClaimOrder {
    /// Oldest first.
    fn default() -> Self {
        Self {
            field: SortField::CreatedAt,
            direction: SortDirection::Ascending,
        }
    }
}

/// A claim's value for a sort field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SortValue {
    /// An instant.
    Time(DateTime<Utc>),
    /// A number: a priority's rank, a score or a relevance.
    Number(f64),
}

/// A position in an ordered list: the sort value of a claim, and its ID.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SortCursor {
    /// The claim's value; `None` when it has none.
    pub value: Option<SortValue>,
    /// The claim's ID.
    pub id: i64,
}

/// A claim as read in an order, with the cursor that points at it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedClaim {
    /// The claim.
    pub claim: Claim,
    /// Its position in the order.
    pub cursor: SortCursor,
}

impl SortField {
    /// Whether some of the claims that pass `filter` may have no value for this field. A
    /// filter on the field itself rules that out, and so does a search for relevance; then
    /// the order needs no NULLS clause and can walk its index.
    fn may_be_null(self, filter: &ClaimFilter) -> bool {
        match self {
            Self::FlaggedAt => filter.flagged_before.is_none() && filter.flagged_after.is_none(),
            Self::CheckWorthiness => filter.min_check_worthiness.is_none(),
            Self::CreatedAt | Self::UpdatedAt | Self::Priority | Self::Relevance | Self::Span => {
                false
            }
        }
    }
}

/// The alias of the selected relevance, read back for the cursor.
const RELEVANCE: &str = "sort_relevance";
/// The alias of the search's matches in a list by relevance.
const MATCHES: &str = "matches";
/// The alias of the page of matches that a list by relevance reads its claims for.
const RANKED: &str = "ranked";

/// A claim row with the relevance computed for it, when the order is by relevance.
struct Row {
    model: claim::Model,
    relevance: Option<f64>,
}

impl FromQueryResult for Row {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, sea_orm::DbErr> {
        let driver_row = DriverRow::of(row).filter(|_| prefix.is_empty());
        // The relevance is there only when the order is by relevance: asking sea-orm for a
        // column the row lacks builds an error too.
        let Some(driver_row) = driver_row else {
            return Ok(Self {
                model: claim::Model::from_query_result(row, prefix)?,
                relevance: row.try_get(prefix, RELEVANCE)?,
            });
        };
        let relevance = if driver_row.has(RELEVANCE) {
            driver_row.get(RELEVANCE)?
        } else {
            None
        };
        Ok(Self {
            model: claim::Model::from_driver_row(&driver_row)?,
            relevance,
        })
    }
}

impl Store {
    /// The slice `request` of the claims that pass `filter`, in `order`.
    ///
    /// Ordering by relevance needs the filter's search; without one it is a validation error.
    pub async fn ordered_claims(
        &self,
        filter: &ClaimFilter,
        order: ClaimOrder,
        request: PageRequest<SortCursor>,
    ) -> Result<Page<OrderedClaim>, StoreError> {
        let sort = SortExpression::new(filter, order)?;
        let rows = match &filter.search {
            Some(terms) if order.field == SortField::Relevance => {
                self.ranked_rows(filter, terms, &sort, &request).await?
            }
            _ => {
                let statement = arms::select(filter, self.backend(), &sort, &request);
                let statement = self.reads.get_database_backend().build(&statement);
                Row::find_by_statement(statement).all(&self.reads).await?
            }
        };
        request.slice(rows).try_map(|row| {
            let claim = Claim::try_from(row.model)?;
            let cursor = SortCursor {
                value: sort.value_of(&claim, row.relevance),
                id: claim.id,
            };
            Ok(OrderedClaim { claim, cursor })
        })
    }
}

/// The SQL of an order: the sort value and its direction, and the ID that breaks ties.
#[derive(Clone)]
struct SortExpression {
    field: SortField,
    /// Whether claims without a value may be among those listed.
    may_be_null: bool,
    value: SimpleExpr,
    id: SimpleExpr,
    direction: SortDirection,
    /// The one priority rank of every claim read, in a part of a list by priority that
    /// holds one priority only: the claims are then in ID order, and a cursor's rank decides
    /// in Rust, not in SQL, which of them lie past it.
    rank: Option<i32>,
}

/// Which claims of a part of a list lie past a cursor.
enum Past {
    /// Every one.
    All,
    /// None.
    Nothing,
    /// Those that pass the condition.
    Only(SimpleExpr),
}

impl SortExpression {
    fn new(filter: &ClaimFilter, order: ClaimOrder) -> Result<Self, StoreError> {
        let claim_id = Expr::col((claim::Entity, claim::Column::Id));
        let (value, id) = match order.field {
            SortField::CreatedAt => (Expr::col(claim::Column::CreatedAt), claim_id),
            SortField::UpdatedAt => (Expr::col(claim::Column::UpdatedAt), claim_id),
            SortField::FlaggedAt => (Expr::col(claim::Column::FlaggedAt), claim_id),
            SortField::CheckWorthiness => (Expr::col(claim::Column::CheckWorthiness), claim_id),
            SortField::Priority => (priority_rank(), claim_id),
            SortField::Span => (Expr::col(claim::Column::SpanStart), claim_id),
            SortField::Relevance => {
                if filter.search.is_none() {
                    return Err(ValidationError::new(
                        "orderBy",
                        "RELEVANCE needs a search in the filter",
                    )
                    .into());
                }
                let matched = |column: &str| -> SimpleExpr {
                    Expr::col((Alias::new(MATCHES), Alias::new(column)))
                };
                (matched(search::RELEVANCE), matched(search::MATCHED_CLAIM))
            }
        };
        Ok(Self {
            field: order.field,
            may_be_null: order.field.may_be_null(filter),
            value,
            id,
            direction: order.direction,
            rank: None,
        })
    }

    /// The order within the claims of one priority, in a list by priority.
    fn within_priority(&self, priority: Priority) -> Self {
        Self {
            rank: Some(rank_of(priority)),
            ..self.clone()
        }
    }

    /// Cuts `select` to the page `request` asks for: past its cursors, in the order it reads
    /// in, one row longer than the page. Returns the direction it reads in; `None` when no
    /// claim it selects can lie between the cursors.
    fn page(
        &self,
        select: &mut SelectStatement,
        request: &PageRequest<SortCursor>,
    ) -> Option<SortDirection> {
        let bounds = [
            request.after.map(|after| self.after(after)),
            request.before.map(|before| self.before(before)),
        ];
        for bound in bounds.into_iter().flatten() {
            match bound {
                Past::All => {}
                Past::Nothing => return None,
                Past::Only(condition) => {
                    select.and_where(condition);
                }
            }
        }
        Some(self.order(select, request))
    }

    /// Orders `select` as `request` reads, one row longer than the page. Returns the
    /// direction it reads in.
    fn order(
        &self,
        select: &mut SelectStatement,
        request: &PageRequest<SortCursor>,
    ) -> SortDirection {
        // Read from the end by walking the reversed order, in which unvalued claims come first.
        let (direction, nulls) = if request.reads_from_end() {
            (self.direction.reverse(), NullOrdering::First)
        } else {
            (self.direction, NullOrdering::Last)
        };
        // NULLS FIRST or LAST only where there are NULLs: a plain order can walk an index.
        if self.rank.is_some() {
            // One priority: the order is the ID's alone.
        } else if self.may_be_null {
            select.order_by_expr_with_nulls(self.value.clone(), direction.order(), nulls);
        } else {
            select.order_by_expr(self.value.clone(), direction.order());
        }
        select.order_by_expr(self.id.clone(), direction.order());
        if let Some(size) = request.size() {
            select.limit(size + 1);
        }
        direction
    }

    fn value_of(&self, claim: &Claim, relevance: Option<f64>) -> Option<SortValue> {
        match self.field {
            SortField::CreatedAt => Some(SortValue::Time(claim.created_at)),
            SortField::UpdatedAt => Some(SortValue::Time(claim.updated_at)),
            SortField::FlaggedAt => claim.flagged_at.map(SortValue::Time),
            SortField::CheckWorthiness => claim.check_worthiness.map(SortValue::Number),
            SortField::Relevance => relevance.map(SortValue::Number),
            SortField::Priority => Some(SortValue::Number(f64::from(rank_of(claim.priority)))),
            #[allow(clippy::cast_precision_loss, reason = "spans are far below 2^52")]
            SortField::Span => Some(SortValue::Number(claim.span.start as f64)),
        }
    }

    /// The claims that come after `cursor`: valued claims past it, then every unvalued one
    /// (or, after an unvalued claim, the unvalued ones past its ID).
    fn after(&self, cursor: SortCursor) -> Past {
        let past = self.past(cursor, self.direction);
        match (cursor.value, past) {
            (Some(_), Past::Only(past)) if self.may_be_null => {
                Past::Only(past.or(self.value.clone().is_null()))
            }
            (_, past) => past,
        }
    }

    /// The claims that come before `cursor`: valued claims before it (and, before an unvalued
    /// claim, every valued one and the unvalued ones before its ID).
    fn before(&self, cursor: SortCursor) -> Past {
        let past = self.past(cursor, self.direction.reverse());
        match (cursor.value, past) {
            (None, Past::Only(past)) => Past::Only(self.value.clone().is_not_null().or(past)),
            (_, past) => past,
        }
    }

    /// The claims past `cursor` walking in `direction` among those valued alike: by value and
    /// ID when the cursor has a value, by ID among the unvalued claims when it has none.
    fn past(&self, cursor: SortCursor, direction: SortDirection) -> Past {
        let id = self.id.clone();
        let beyond = match direction {
            SortDirection::Ascending => id.clone().gt(cursor.id),
            SortDirection::Descending => id.clone().lt(cursor.id),
        };
        let Some(value) = cursor.value else {
            return Past::Only(self.value.clone().is_null().and(beyond));
        };
        if let Some(rank) = self.rank {
            let SortValue::Number(cursor_rank) = value else {
                return Past::Nothing;
            };
            let ahead = match direction {
                SortDirection::Ascending => f64::from(rank) > cursor_rank,
                SortDirection::Descending => f64::from(rank) < cursor_rank,
            };
            #[allow(clippy::float_cmp, reason = "ranks are small integers, exact in f64")]
            return if f64::from(rank) == cursor_rank {
                Past::Only(beyond)
            } else if ahead {
                Past::All
            } else {
                Past::Nothing
            };
        }
        let pair = Expr::tuple([self.value.clone(), id]);
        let mark = Expr::tuple([Expr::val(self.bound_value(value)), Expr::val(cursor.id)]);
        Past::Only(match direction {
            SortDirection::Ascending => pair.gt(mark),
            SortDirection::Descending => pair.lt(mark),
        })
    }

    /// A cursor's value as the SQL of the sort column compares it: a span start as the
    /// integer it is, so that PostgreSQL can compare it within the column's index.
    fn bound_value(&self, value: SortValue) -> Value {
        match (self.field, value) {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "a span start read as a float"
            )]
            (SortField::Span, SortValue::Number(number)) => Value::from(number as i64),
            _ => value.into(),
        }
    }
}

impl SortDirection {
    fn reverse(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }

    fn order(self) -> Order {
        match self {
            Self::Ascending => Order::Asc,
            Self::Descending => Order::Desc,
        }
    }
}

/// A priority's rank: LOW is 0, URGENT the largest.
fn rank_of(priority: Priority) -> i32 {
    let position = Priority::iter()
        .position(|candidate| candidate == priority)
        .unwrap_or_default();
    i32::try_from(position).unwrap_or_default()
}

/// The priority column as its rank, for ordering.
fn priority_rank() -> SimpleExpr {
    let mut ranks = Expr::case(
        claim::Column::Priority.eq(Priority::Low.as_ref()),
        rank_of(Priority::Low),
    );
    for priority in Priority::iter().skip(1) {
        ranks = ranks.case(
            claim::Column::Priority.eq(priority.as_ref()),
            rank_of(priority),
        );
    }
    ranks.finally(0).into()
}

impl From<SortValue> for Value {
    fn from(value: SortValue) -> Self {
        match value {
            SortValue::Time(time) => time.into(),
            SortValue::Number(number) => number.into(),
        }
    }
}
