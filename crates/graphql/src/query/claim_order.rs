//! The order of a list of claims, as a client asks for it (the cursors of an ordered list are
//! in [`crate::claim_cursor`]).

use async_graphql::{Enum, InputObject};
use claimdesk_store::{ClaimOrder as StoreClaimOrder, SortDirection, SortField};

/// What to order claims by. Ties go by ID, in the same direction.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimOrderField {
    /// When the claim was recorded.
    CreatedAt,
    /// When the claim last changed.
    UpdatedAt,
    /// When the claim was last flagged; claims never flagged come last.
    FlaggedAt,
    /// Its priority: LOW, NORMAL, HIGH, URGENT.
    Priority,
    /// The claim detector's check-worthiness score; claims it did not score come last.
    CheckWorthiness,
    /// How well the claim matches `filter.search`; the best matches are the largest, so
    /// order DESC for the best first. Needs `filter.search`.
    Relevance,
    /// Where the claim's quote starts in its article; with `filter.articleId`, the order of
    /// the article's text.
    Span,
}

/// Which way to order.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

/// The order of a list of claims. Without one, a list is oldest first, or best match first
/// when the filter has a search.
#[derive(InputObject, Debug, Clone, Copy)]
pub struct ClaimOrder {
    /// What to order by.
    field: ClaimOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl ClaimOrder {
    /// The store's order for this one; with none, the default for a search or a plain list.
    pub(crate) fn into_store(order: Option<Self>, searching: bool) -> StoreClaimOrder {
        let Some(order) = order else {
            return if searching {
                StoreClaimOrder {
                    field: SortField::Relevance,
                    direction: SortDirection::Descending,
                }
            } else {
                StoreClaimOrder::default()
            };
        };
        StoreClaimOrder {
            field: match order.field {
                ClaimOrderField::CreatedAt => SortField::CreatedAt,
                ClaimOrderField::UpdatedAt => SortField::UpdatedAt,
                ClaimOrderField::FlaggedAt => SortField::FlaggedAt,
                ClaimOrderField::Priority => SortField::Priority,
                ClaimOrderField::CheckWorthiness => SortField::CheckWorthiness,
                ClaimOrderField::Relevance => SortField::Relevance,
                ClaimOrderField::Span => SortField::Span,
            },
            direction: match order.direction {
                OrderDirection::Asc => SortDirection::Ascending,
                OrderDirection::Desc => SortDirection::Descending,
            },
        }
    }
}
