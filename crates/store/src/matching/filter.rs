//! The match filters of a claim list: `matchState` and `hasClosedMatch`.

use claimdesk_core::{ClaimStatus, MatchState};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::entities::{claim, claim_match};

/// True for the claims with a stored match in any of `states` (any state when empty) and,
/// when `has_closed_match` is set, whose matched claim is CLOSED (true) or with no such
/// match (false). Both hold of one and the same match: "suggested copies of claims already
/// checked". `None` when neither filters.
pub(crate) fn match_condition(
    states: &[MatchState],
    has_closed_match: Option<bool>,
) -> Option<Condition> {
    if states.is_empty() && has_closed_match.is_none() {
        return None;
    }
    let mut links = Query::select();
    links
        .column((claim_match::Entity, claim_match::Column::ClaimId))
        .from(claim_match::Entity);
    if !states.is_empty() {
        let names: Vec<String> = states
            .iter()
            .map(|state| state.as_ref().to_owned())
            .collect();
        links.and_where(Expr::col((claim_match::Entity, claim_match::Column::State)).is_in(names));
    }
    if has_closed_match.is_some() {
        let closed = Query::select()
            .column(claim::Column::Id)
            .from(claim::Entity)
            .and_where(claim::Column::Status.eq(ClaimStatus::Closed.as_ref()))
            .to_owned();
        links.and_where(
            Expr::col((claim_match::Entity, claim_match::Column::MatchedClaimId))
                .in_subquery(closed),
        );
        if states.is_empty() {
            links.and_where(
                Expr::col((claim_match::Entity, claim_match::Column::State))
                    .ne(MatchState::Rejected.as_ref()),
            );
        }
    }
    Some(Condition::all().add(if has_closed_match == Some(false) {
        claim::Column::Id.not_in_subquery(links)
    } else {
        claim::Column::Id.in_subquery(links)
    }))
}
