//! The claim tallies and the index of review times on real databases: after every kind of
//! change, and after the backfill of claims recorded before the tallies existed, the counts
//! and percentiles they give are the ones the claims themselves give.

use claimdesk_core::{
    AttributionKind, ClaimStatus, Priority, Role, TextSpan, Verdict, records::Claim,
};
use claimdesk_migrations::{Migrator, MigratorTrait};
use claimdesk_test_database::on_each_database;
use sea_orm::{ConnectionTrait, Statement};

use crate::{
    AssignClaim, ClaimFilter, ClaimRef, CloseReview, FlagClaim, NewArticle, NewClaim, ReopenReview,
    Store,
};

/// The migrations before the one that creates the tallies.
const BEFORE_TALLIES: u32 = 12;

struct Fixture {
    store: Store,
    editor: i64,
    reviewers: [i64; 2],
    article: i64,
}

impl Fixture {
    async fn claim(&self, n: usize) -> Claim {
        let input = NewClaim {
            article_id: self.article,
            external_id: Some(format!("c{n}")),
            text: format!("Claim {n}"),
            quote: "A quote".into(),
            span: TextSpan { start: 0, end: 7 },
            source_id: None,
            attribution: AttributionKind::Reported,
            priority: Priority::Normal,
        };
        self.store
            .create_claim(self.editor, input)
            .await
            .unwrap()
            .record
    }

    /// Every filter on the tallied columns that the desk uses, and some that select nothing.
    fn filters(&self) -> Vec<ClaimFilter> {
        vec![
            ClaimFilter::default(),
            ClaimFilter {
                statuses: vec![ClaimStatus::Flagged, ClaimStatus::InReview],
                ..ClaimFilter::default()
            },
            ClaimFilter {
                verdicts: vec![Verdict::Unproven, Verdict::Mixed],
                ..ClaimFilter::default()
            },
            ClaimFilter {
                priorities: vec![Priority::High, Priority::Urgent],
                statuses: vec![ClaimStatus::Flagged],
                ..ClaimFilter::default()
            },
            ClaimFilter {
                assignee_id: Some(self.reviewers[0]),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                unassigned: Some(true),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                unassigned: Some(false),
                priorities: vec![Priority::Low],
                ..ClaimFilter::default()
            },
        ]
    }

    /// Checks that the tallies agree with the claims for every filter, and that the review
    /// times read from their index agree with the ones ranked from the claims.
    async fn check(&self, step: &str) {
        for filter in self.filters() {
            let tallied = self.store.tallied_counts(&filter).await.unwrap();
            let counted = self.store.counted(&filter).await.unwrap();
            assert_eq!(tallied, Some(counted), "after {step}, {filter:?}");
        }
        let every_closed = ClaimFilter {
            statuses: vec![ClaimStatus::Closed],
            ..ClaimFilter::default()
        };
        let indexed = self.store.review_durations(&ClaimFilter::default()).await;
        let ranked = self.store.review_durations(&every_closed).await;
        assert_eq!(indexed.unwrap(), ranked.unwrap(), "after {step}");
    }
}

/// A migrated store with an editor, two reviewers and an
/// article.
async fn before_tallies(url: &str) -> Fixture {
    let store = Store::connect(url).await.unwrap();
    Migrator::up(&store.db, None).await.unwrap();
    let editor = store.ensure_user("editor", Role::Editor).await.unwrap();
    let first = store.ensure_user("first", Role::Reviewer).await.unwrap();
    let second = store.ensure_user("second", Role::Reviewer).await.unwrap();
    let article = NewArticle {
        url: "https://example.com/tallies".into(),
        title: "Tallies".into(),
        publisher: None,
        published_at: None,
        body: "A quote, and more.".into(),
    };
    let article = store.create_article(article).await.unwrap().record.id;
    Fixture {
        store,
        editor: editor.record.id,
        reviewers: [first.record.id, second.record.id],
        article,
    }
}

async fn check_tallies(url: &str) {
    let fixture = before_tallies(url).await;
    let mut claims = Vec::new();
    for n in 0..4 {
        claims.push(fixture.claim(n).await);
    }
    // The tallies' migration runs again over these claims and must backfill them.
    fixture.store.migrate_again_after(BEFORE_TALLIES).await;
    fixture.check("the backfill").await;
    for n in 4..12 {
        claims.push(fixture.claim(n).await);
    }
    fixture.check("creating claims").await;
    let priorities = [Priority::Low, Priority::High, Priority::Urgent];
    let target = |claim: &Claim| ClaimRef {
        claim_id: claim.id,
        expected_version: None,
    };
    for (n, claim) in claims.iter().enumerate().skip(2) {
        let flag = FlagClaim {
            target: target(claim),
            reason: "check it".into(),
            priority: Some(priorities[n % 3]),
        };
        fixture
            .store
            .flag_claim(fixture.editor, flag)
            .await
            .unwrap();
    }
    fixture.check("flagging").await;
    for (n, claim) in claims.iter().enumerate().skip(4) {
        let assign = AssignClaim {
            target: target(claim),
            assignee_id: fixture.reviewers[n % 2],
        };
        fixture
            .store
            .assign_claim(fixture.editor, assign)
            .await
            .unwrap();
    }
    fixture.check("assigning").await;
    for claim in &claims[6..] {
        fixture
            .store
            .start_review(fixture.editor, target(claim))
            .await
            .unwrap();
    }
    fixture.check("starting reviews").await;
    let verdicts = [Verdict::Unproven, Verdict::NotCheckable];
    for (n, claim) in claims.iter().enumerate().skip(8) {
        let close = CloseReview {
            target: target(claim),
            verdict: verdicts[n % 2],
            summary: "Checked.".into(),
            correction: None,
        };
        fixture
            .store
            .close_review(fixture.editor, close)
            .await
            .unwrap();
    }
    fixture.check("closing reviews").await;
    let reopen = ReopenReview {
        target: target(&claims[9]),
        reason: "New evidence.".into(),
    };
    fixture
        .store
        .reopen_review(fixture.editor, reopen)
        .await
        .unwrap();
    fixture.check("reopening a review").await;
    fixture.store.fold_claim_tallies().await.unwrap();
    fixture.check("folding").await;
    if fixture.store.backend() == crate::Backend::Postgres {
        let pending = fixture
            .store
            .db
            .query_one_raw(Statement::from_string(
                fixture.store.db.get_database_backend(),
                "SELECT COUNT(*) AS pending FROM claim_tally_changes",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "pending")
            .unwrap();
        assert_eq!(pending, 0, "a fold leaves no change behind");
    }
    let searched = ClaimFilter {
        search: Some(crate::SearchTerms::parse("claim").unwrap()),
        ..ClaimFilter::default()
    };
    let tallied = fixture.store.tallied_counts(&searched).await.unwrap();
    assert_eq!(tallied, None, "a search is not tallied");
    fixture.store.close().await.unwrap();
}

#[tokio::test]
async fn tallies_agree_with_the_claims_on_each_backend() {
    on_each_database(|url| async move { check_tallies(&url).await }).await;
}
