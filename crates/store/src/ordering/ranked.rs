//! A list by relevance: the search's matches scored once, cut to the page by score and ID,
//! and only then joined with the claims.

use sea_orm::{
    EntityTrait, JoinType, QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use super::{MATCHES, RANKED, RELEVANCE, Row, SortCursor, SortExpression};
use crate::{
    ClaimFilter, PageRequest, SearchTerms, Store, StoreError, claims::filtered, entities::claim,
    search,
};

impl Store {
    /// The page of the claims that match the search, by relevance: the matches are scored
    /// once, filtered, sorted and cut to the page by their ID and score alone, and only the
    /// page's claims are read whole. Without other filters the claims are not read at all
    /// until then.
    pub(super) async fn ranked_rows(
        &self,
        filter: &ClaimFilter,
        terms: &SearchTerms,
        sort: &SortExpression,
        request: &PageRequest<SortCursor>,
    ) -> Result<Vec<Row>, StoreError> {
        let matches = search::matches(self.backend(), terms);
        let others = ClaimFilter {
            search: None,
            ..filter.clone()
        };
        let mut ranked = if others == ClaimFilter::default() {
            Query::select()
                .from_subquery(matches, Alias::new(MATCHES))
                .to_owned()
        } else {
            let mut ranked = filtered(&others, self.backend()).select_only().into_query();
            ranked.join_subquery(
                JoinType::InnerJoin,
                matches,
                Alias::new(MATCHES),
                Expr::col((Alias::new(MATCHES), Alias::new(search::MATCHED_CLAIM)))
                    .equals((claim::Entity, claim::Column::Id)),
            );
            ranked
        };
        ranked
            .expr_as(sort.id.clone(), Alias::new(search::MATCHED_CLAIM))
            .expr_as(sort.value.clone(), Alias::new(RELEVANCE));
        let Some(direction) = sort.page(&mut ranked, request) else {
            return Ok(Vec::new());
        };
        let relevance = Expr::col((Alias::new(RANKED), Alias::new(RELEVANCE)));
        let mut select = claim::Entity::find();
        QueryTrait::query(&mut select).join_subquery(
            JoinType::InnerJoin,
            ranked,
            Alias::new(RANKED),
            Expr::col((Alias::new(RANKED), Alias::new(search::MATCHED_CLAIM)))
                .equals((claim::Entity, claim::Column::Id)),
        );
        let select = select
            .expr_as(relevance.clone(), RELEVANCE)
            .order_by(relevance, direction.order())
            .order_by(claim::Column::Id, direction.order());
        Ok(select.into_model::<Row>().all(&self.reads).await?)
    }
}
