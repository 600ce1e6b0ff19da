//! Claims in a chosen order, paged by keyset: a cursor is the sort value and the ID of a claim,
//! never an offset, so a page costs the same wherever it is and rows inserted meanwhile cause
//! neither gaps nor duplicates.
//!
//! The order is the sort value in the chosen direction, then the ID in the same direction.
//! Claims without a value (never flagged, never scored) come last in either direction.

use chrono::{DateTime, Utc};
use claimdesk_core::{Priority, records::Claim, validation::ValidationError};
use sea_orm::{
    ColumnTrait, Condition, FromQueryResult, Order, QueryFilter, QueryOrder, QueryResult,
    QuerySelect, Value,
    sea_query::{Expr, ExprTrait, NullOrdering, SimpleExpr},
};
use strum::IntoEnumIterator;

use crate::{
    Backend, ClaimFilter, Page, PageRequest, Store, StoreError, claims::filtered, entities::claim,
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
            Self::CreatedAt | Self::UpdatedAt | Self::Priority | Self::Relevance => false,
        }
    }
}

/// The alias of the selected relevance, read back for the cursor.
const RELEVANCE: &str = "sort_relevance";

/// A claim row with the relevance computed for it, when the order is by relevance.
struct Row {
    model: claim::Model,
    relevance: Option<f64>,
}

impl FromQueryResult for Row {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            model: claim::Model::from_query_result(row, prefix)?,
            relevance: row.try_get(prefix, RELEVANCE)?,
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
        let sort = SortExpression::new(self.backend(), filter, order)?;
        let mut select = filtered(filter, self.backend());
        if let Some(after) = request.after {
            select = select.filter(sort.after(after));
        }
        if let Some(before) = request.before {
            select = select.filter(sort.before(before));
        }
        // Read from the end by walking the reversed order, in which unvalued claims come first.
        let (direction, nulls) = if request.reads_from_end() {
            (sort.direction.reverse(), NullOrdering::First)
        } else {
            (sort.direction, NullOrdering::Last)
        };
        let select = select.expr_as(sort.relevance_column(), RELEVANCE);
        // NULLS FIRST or LAST only where there are NULLs: a plain order can walk an index.
        let select = if sort.may_be_null {
            select.order_by_with_nulls(sort.value.clone(), direction.order(), nulls)
        } else {
            select.order_by(sort.value.clone(), direction.order())
        };
        let mut select = select.order_by(claim::Column::Id, direction.order());
        if let Some(size) = request.size() {
            select = select.limit(size + 1);
        }
        let rows = select.into_model::<Row>().all(&self.db).await?;
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

/// The SQL of an order: the sort value and its direction, and the search's rank when the
/// order is by relevance.
struct SortExpression {
    field: SortField,
    /// Whether claims without a value may be among those listed.
    may_be_null: bool,
    value: SimpleExpr,
    direction: SortDirection,
    relevance: Option<SimpleExpr>,
}

impl SortExpression {
    fn new(backend: Backend, filter: &ClaimFilter, order: ClaimOrder) -> Result<Self, StoreError> {
        let value = match order.field {
            SortField::CreatedAt => Expr::col(claim::Column::CreatedAt),
            SortField::UpdatedAt => Expr::col(claim::Column::UpdatedAt),
            SortField::FlaggedAt => Expr::col(claim::Column::FlaggedAt),
            SortField::CheckWorthiness => Expr::col(claim::Column::CheckWorthiness),
            SortField::Priority => priority_rank(),
            SortField::Relevance => {
                let terms = filter.search.as_ref().ok_or_else(|| {
                    ValidationError::new("orderBy", "RELEVANCE needs a search in the filter")
                })?;
                crate::search::relevance(backend, terms)
            }
        };
        Ok(Self {
            field: order.field,
            may_be_null: order.field.may_be_null(filter),
            relevance: (order.field == SortField::Relevance).then(|| value.clone()),
            value,
            direction: order.direction,
        })
    }

    /// What the query selects as the relevance: the rank when ordering by it, else NULL.
    fn relevance_column(&self) -> SimpleExpr {
        self.relevance
            .clone()
            .unwrap_or_else(|| Expr::val(Option::<f64>::None))
    }

    fn value_of(&self, claim: &Claim, relevance: Option<f64>) -> Option<SortValue> {
        match self.field {
            SortField::CreatedAt => Some(SortValue::Time(claim.created_at)),
            SortField::UpdatedAt => Some(SortValue::Time(claim.updated_at)),
            SortField::FlaggedAt => claim.flagged_at.map(SortValue::Time),
            SortField::CheckWorthiness => claim.check_worthiness.map(SortValue::Number),
            SortField::Relevance => relevance.map(SortValue::Number),
            SortField::Priority => Some(SortValue::Number(f64::from(rank_of(claim.priority)))),
        }
    }

    /// The claims that come after `cursor`: valued claims past it, then every unvalued one
    /// (or, after an unvalued claim, the unvalued ones past its ID).
    fn after(&self, cursor: SortCursor) -> Condition {
        let past = self.past(cursor, self.direction);
        match cursor.value {
            Some(_) if self.may_be_null => {
                Condition::any().add(past).add(self.value.clone().is_null())
            }
            _ => Condition::any().add(past),
        }
    }

    /// The claims that come before `cursor`: valued claims before it (and, before an unvalued
    /// claim, every valued one and the unvalued ones before its ID).
    fn before(&self, cursor: SortCursor) -> Condition {
        let past = self.past(cursor, self.direction.reverse());
        match cursor.value {
            Some(_) => Condition::any().add(past),
            None => Condition::any()
                .add(self.value.clone().is_not_null())
                .add(past),
        }
    }

    /// The claims past `cursor` walking in `direction` among those valued alike: by value and
    /// ID when the cursor has a value, by ID among the unvalued claims when it has none.
    fn past(&self, cursor: SortCursor, direction: SortDirection) -> SimpleExpr {
        let id = Expr::col(claim::Column::Id);
        let Some(value) = cursor.value else {
            let beyond = match direction {
                SortDirection::Ascending => id.gt(cursor.id),
                SortDirection::Descending => id.lt(cursor.id),
            };
            return self.value.clone().is_null().and(beyond);
        };
        let pair = Expr::tuple([self.value.clone(), id]);
        let mark = Expr::tuple([Expr::val(Value::from(value)), Expr::val(cursor.id)]);
        match direction {
            SortDirection::Ascending => pair.gt(mark),
            SortDirection::Descending => pair.lt(mark),
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
