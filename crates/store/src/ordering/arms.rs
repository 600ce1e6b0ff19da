//! A list filtered on a few values of a column, read as one index walk per value.
//!
//! `status IN ('FLAGGED', 'IN_REVIEW') ORDER BY created_at, id LIMIT 51` has no index that
//! gives its rows in order: an index on `(status, created_at, id)` holds them in two runs, one
//! per status. Both engines then read every match and sort it, for every page (see
//! docs/benchmarks.md). Read instead as one part per value, `status = 'FLAGGED' ORDER BY created_at,
//! id LIMIT 51`, each part walks its run of the index and stops after a page; the parts are
//! put together with `UNION ALL` and only their few rows are sorted. A list by priority is
//! split by priority as well: within one priority the order is the ID's, which every index
//! on the filtered columns ends with, and the cursor's rank says in Rust which parts lie
//! before it, after it or at it.

use claimdesk_core::Priority;
use sea_orm::{
    QueryTrait,
    sea_query::{Alias, Asterisk, Expr, Query, SelectStatement, UnionType},
};
use strum::IntoEnumIterator;

use super::{SortCursor, SortExpression, SortField};
use crate::{Backend, ClaimFilter, PageRequest, claims::filtered};

/// At most this many parts (4 statuses by 4 priorities is 16); a filter that would need more
/// is read as one walk.
const MAX_PARTS: usize = 32;

/// The alias of each part, numbered.
const PART: &str = "part";

/// The statement that reads the slice `request` of the claims that pass `filter`, in the
/// order `sort`.
pub(super) fn select(
    filter: &ClaimFilter,
    backend: Backend,
    sort: &SortExpression,
    request: &PageRequest<SortCursor>,
) -> SelectStatement {
    let parts = parts(filter, sort);
    let mut selects: Vec<SelectStatement> = parts
        .iter()
        .filter_map(|(part, part_sort)| {
            let mut select = filtered(part, backend).into_query();
            part_sort.page(&mut select, request).map(|_| select)
        })
        .collect();
    if selects.len() <= 1 {
        return selects.pop().unwrap_or_else(|| {
            // Every part lies outside the cursors: nothing to read.
            let mut none = filtered(filter, backend).into_query();
            none.and_where(Expr::cust("1 = 0"));
            none
        });
    }
    let mut selects = selects.into_iter().enumerate().map(|(number, select)| {
        Query::select()
            .column(Asterisk)
            .from_subquery(select, Alias::new(format!("{PART}_{number}")))
            .to_owned()
    });
    let mut union = selects.next().expect("two parts or more");
    for select in selects {
        union.union(UnionType::All, select);
    }
    // Named as the table, so that the order's columns name the parts' columns.
    let mut merged = Query::select()
        .column(Asterisk)
        .from_subquery(union, Alias::new("claims"))
        .to_owned();
    sort.order(&mut merged, request);
    merged
}

/// The parts `filter` is read in, each with the order within it; one part when the filter
/// needs no split or would need too many.
fn parts(filter: &ClaimFilter, sort: &SortExpression) -> Vec<(ClaimFilter, SortExpression)> {
    let whole = vec![(filter.clone(), sort.clone())];
    let mut parts = whole.clone();
    if filter.statuses.len() > 1 {
        parts = split(parts, &filter.statuses, |part, status| {
            part.statuses = vec![status];
        });
    }
    if filter.verdicts.len() > 1 {
        parts = split(parts, &filter.verdicts, |part, verdict| {
            part.verdicts = vec![verdict];
        });
    }
    if sort.field == SortField::Priority {
        let priorities: Vec<Priority> = if filter.priorities.is_empty() {
            Priority::iter().collect()
        } else {
            distinct(&filter.priorities)
        };
        let mut by_priority = Vec::new();
        for (part, part_sort) in parts {
            for &priority in &priorities {
                let mut one = part.clone();
                one.priorities = vec![priority];
                by_priority.push((one, part_sort.within_priority(priority)));
            }
        }
        parts = by_priority;
    } else if filter.priorities.len() > 1 {
        parts = split(parts, &filter.priorities, |part, priority| {
            part.priorities = vec![priority];
        });
    }
    if parts.len() > MAX_PARTS {
        whole
    } else {
        parts
    }
}

/// Each of `parts` once for each of `values`, narrowed to it by `narrow`. A value listed twice
/// makes one part, or its claims would be read twice.
fn split<T: Copy + PartialEq>(
    parts: Vec<(ClaimFilter, SortExpression)>,
    values: &[T],
    narrow: impl Fn(&mut ClaimFilter, T),
) -> Vec<(ClaimFilter, SortExpression)> {
    let mut split = Vec::with_capacity(parts.len() * values.len());
    for (part, sort) in parts {
        for value in distinct(values) {
            let mut one = part.clone();
            narrow(&mut one, value);
            split.push((one, sort.clone()));
        }
    }
    split
}

/// `values` without repeats, in their order.
fn distinct<T: Copy + PartialEq>(values: &[T]) -> Vec<T> {
    let mut distinct = Vec::with_capacity(values.len());
    for &value in values {
        if !distinct.contains(&value) {
            distinct.push(value);
        }
    }
    distinct
}
