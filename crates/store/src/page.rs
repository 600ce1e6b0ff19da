//! Keyset pagination over ascending IDs.
//!
//! Pages are cut with `WHERE id > after` / `id < before` and a `LIMIT` one larger than the
//! page, never with `OFFSET`, so a page costs the same wherever it is and rows inserted
//! meanwhile cause neither gaps nor duplicates.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::StoreError;

/// Which slice of a list to read, in Relay's terms, with the cursors already decoded: to IDs,
/// or for an ordered list of claims to [`SortCursor`](crate::SortCursor)s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageRequest<C = i64> {
    /// Only items after this one.
    pub after: Option<C>,
    /// Only items before this one.
    pub before: Option<C>,
    /// The first this many items of what remains.
    pub first: Option<u64>,
    /// The last this many items of what remains.
    pub last: Option<u64>,
}

/// One slice of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items, in ascending ID order.
    pub items: Vec<T>,
    /// Whether items follow the slice.
    pub has_next_page: bool,
    /// Whether items precede the slice.
    pub has_previous_page: bool,
}

impl<T> Page<T> {
    /// Converts every item, stopping at the first failure.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, E>>()?,
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
        })
    }
}

/// Reads the slice `request` of `select`, ordered by `id`.
pub(crate) async fn read_page<E, C>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id: C,
    request: PageRequest,
) -> Result<Page<E::Model>, StoreError>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let mut select = select;
    if let Some(after) = request.after {
        select = select.filter(id.gt(after));
    }
    if let Some(before) = request.before {
        select = select.filter(id.lt(before));
    }
    let from_end = request.last.is_some() && request.first.is_none();
    let size = if from_end {
        request.last
    } else {
        request.first
    };
    let select = if from_end {
        select.order_by_desc(id)
    } else {
        select.order_by_asc(id)
    };
    let mut items = match size {
        Some(size) => select.limit(size + 1).all(db).await?,
        None => select.all(db).await?,
    };
    let more = size.is_some_and(|size| items.len() as u64 > size);
    if more {
        items.pop();
    }
    if from_end {
        items.reverse();
    }
    Ok(Page {
        items,
        has_next_page: if from_end {
            request.before.is_some()
        } else {
            more
        },
        has_previous_page: if from_end {
            more
        } else {
            request.after.is_some()
        },
    })
}
