//! A claim listed in any order, and a batch of histories, read from the driver's row, are what
//! sea-orm reads: on both backends, for claims with every optional column NULL and with every
//! one set, and for events with and without statuses.

use claimdesk_core::{
    AttributionKind, Priority, Role, SourceKind, TextSpan, Verdict,
    records::{Claim, ClaimEvent},
};
use claimdesk_migrations::{Migrator, MigratorTrait};
use claimdesk_test_database::on_each_database;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};

use super::{claim, claim_event};
use crate::{
    AssignClaim, ClaimFilter, ClaimOrder, ClaimRef, CloseReview, FlagClaim, NewArticle, NewClaim,
    NewSource, PageRequest, SearchTerms, SortDirection, SortField, Store,
};

/// Everything that happened to the claim, oldest first, read by sea-orm's own decoder.
async fn history_as_sea_orm_reads_it(store: &Store, claim_id: i64) -> Vec<ClaimEvent> {
    claim_event::Entity::find()
        .filter(claim_event::Column::ClaimId.eq(claim_id))
        .order_by_asc(claim_event::Column::Id)
        .all(&store.reads)
        .await
        .unwrap()
        .into_iter()
        .map(|row| ClaimEvent::try_from(row).unwrap())
        .collect()
}

async fn claims_in_every_state(store: &Store) -> Vec<i64> {
    let editor = store.ensure_user("editor", Role::Editor).await.unwrap();
    let editor = editor.record.id;
    let reviewer = store.ensure_user("reviewer", Role::Reviewer).await;
    let reviewer = reviewer.unwrap().record.id;
    let source = NewSource {
        name: "Jefferies analysts".into(),
        kind: SourceKind::Organization,
        description: None,
    };
    let source = store.create_source(source).await.unwrap().record.id;
    let article = NewArticle {
        url: "https://example.com/rows".into(),
        title: "Rows".into(),
        publisher: None,
        published_at: None,
        body: "A claim, and another claim.".into(),
    };
    let article = store.create_article(article).await.unwrap().record.id;
    let mut ids = Vec::new();
    for n in 0..3 {
        let input = NewClaim {
            article_id: article,
            external_id: (n > 0).then(|| format!("claim-{n}")),
            text: format!("Claim {n}"),
            quote: "A claim".into(),
            span: TextSpan { start: 0, end: 7 },
            source_id: (n > 0).then_some(source),
            attribution: AttributionKind::DirectQuote,
            priority: Priority::Normal,
        };
        ids.push(store.create_claim(editor, input).await.unwrap().record.id);
    }
    let target = |claim_id| ClaimRef {
        claim_id,
        expected_version: None,
    };
    for &id in &ids[1..] {
        let flag = FlagClaim {
            target: target(id),
            reason: "Widely shared".into(),
            priority: Some(Priority::Urgent),
        };
        store.flag_claim(editor, flag).await.unwrap();
        let assign = AssignClaim {
            target: target(id),
            assignee_id: reviewer,
        };
        store.assign_claim(editor, assign).await.unwrap();
    }
    store.start_review(reviewer, target(ids[2])).await.unwrap();
    let close = CloseReview {
        target: target(ids[2]),
        verdict: Verdict::Unproven,
        summary: "No record either way.".into(),
        correction: None,
    };
    store.close_review(editor, close).await.unwrap();
    claim::Entity::update_many()
        .col_expr(claim::Column::CheckWorthiness, Expr::value(0.75))
        .col_expr(claim::Column::Category, Expr::value("STATISTIC"))
        .col_expr(claim::Column::AnchorLost, Expr::value(true))
        .filter(claim::Column::Id.eq(ids[2]))
        .exec(&store.db)
        .await
        .unwrap();
    ids
}

async fn check_rows(url: &str) {
    let store = Store::connect(url).await.unwrap();
    Migrator::up(&store.db, None).await.unwrap();
    let ids = claims_in_every_state(&store).await;
    let mut by_id: Vec<Claim> = Vec::new();
    for &id in &ids {
        by_id.push(store.claim(id).await.unwrap());
    }
    let searched = ClaimFilter {
        search: Some(SearchTerms::parse("claim").unwrap()),
        ..ClaimFilter::default()
    };
    let fields = [
        (SortField::CreatedAt, ClaimFilter::default()),
        (SortField::FlaggedAt, ClaimFilter::default()),
        (SortField::CheckWorthiness, ClaimFilter::default()),
        (SortField::Relevance, searched),
    ];
    for (field, filter) in fields {
        let order = ClaimOrder {
            field,
            direction: SortDirection::Ascending,
        };
        let request = PageRequest {
            after: None,
            before: None,
            first: Some(10),
            last: None,
        };
        let page = store.ordered_claims(&filter, order, request).await.unwrap();
        let mut listed: Vec<Claim> = page.items.into_iter().map(|item| item.claim).collect();
        listed.sort_by_key(|claim| claim.id);
        assert_eq!(listed, by_id, "claims listed by {field:?}");
    }
    let histories = store.history_by_claim(&ids).await.unwrap();
    for &id in &ids {
        let one_by_one = history_as_sea_orm_reads_it(&store, id).await;
        assert!(!one_by_one.is_empty());
        assert_eq!(histories[&id], one_by_one, "the history of claim {id}");
    }
    store.close().await.unwrap();
}

#[tokio::test]
async fn listed_claims_are_read_as_sea_orm_reads_them_on_each_backend() {
    on_each_database(|url| async move { check_rows(&url).await }).await;
}
