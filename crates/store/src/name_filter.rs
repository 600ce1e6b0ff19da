//! Filters on the enumeration columns, which hold each value's name as text.

use sea_orm::{ColumnTrait, sea_query::SimpleExpr};

/// `column` holds the name of one of `values`; `None` when there are no values, which do not
/// filter.
pub(crate) fn name_in<T: AsRef<str>>(column: impl ColumnTrait, values: &[T]) -> Option<SimpleExpr> {
    (!values.is_empty()).then(|| column.is_in(values.iter().map(|value| value.as_ref().to_owned())))
}
