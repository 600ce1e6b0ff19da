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

impl<C> PageRequest<C> {
    /// Whether the slice is read from the end of the list (`last` without `first`), by walking
    /// the order backwards.
    pub(crate) fn reads_from_end(&self) -> bool {
        self.last.is_some() && self.first.is_none()
    }

    /// How many items the slice holds at most; the query reads one more to learn whether
    /// items lie beyond it.
    pub(crate) fn size(&self) -> Option<u64> {
        if self.reads_from_end() {
            self.last
        } else {
            self.first
        }
    }

    /// The slice, from `rows` read in walking order with a limit of [`Self::size`] plus one.
    pub(crate) fn slice<T>(&self, mut rows: Vec<T>) -> Page<T> {
        let from_end = self.reads_from_end();
        let more = self.size().is_some_and(|size| rows.len() as u64 > size);
        if more {
            rows.pop();
        }
        if from_end {
            rows.reverse();
        }
        Page {
            items: rows,
            has_next_page: if from_end {
                self.before.is_some()
            } else {
                more
            },
            has_previous_page: if from_end { more } else { self.after.is_some() },
        }
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
    let select = if request.reads_from_end() {
        select.order_by_desc(id)
    } else {
        select.order_by_asc(id)
    };
    let rows = match request.size() {
        Some(size) => select.limit(size + 1).all(db).await?,
        None => select.all(db).await?,
    };
    Ok(request.slice(rows))
}
