//! The search index and its two queries on real databases: a fresh SQLite file always, and a
//! fresh PostgreSQL database when `CLAIMDESK_TEST_POSTGRES` names a server to create it on.

use claimdesk_core::{
    AttributionKind, ClaimStatus, Priority, Role, SourceKind, anchor::find_quote,
};
use claimdesk_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, Order, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait},
};

use claimdesk_test_database::on_each_database;

use super::{MATCHED_CLAIM, RELEVANCE, SearchTerms, matches, search_condition};
use crate::{
    NewArticle, NewClaim, NewSource, Store,
    entities::{claim, source},
};

/// The migrations before the one that creates the search index.
const BEFORE_SEARCH: u32 = 10;

const QUOTES: [&str; 6] = [
    "an old quote",
    "the weights are public",
    "Meta shipped the Llama weights",
    "levels rose sharply",
    "kestrel numbers are up",
    "bird numbers are up",
];

/// The claims the checks refer to, by what they hold.
struct Claims {
    backfilled: i64,
    llama_in_text: i64,
    llama_in_quote: i64,
    hydrology_source: i64,
    kestrel_thrice: i64,
    kestrel_once: i64,
    unicode: i64,
}

struct Fixture {
    store: Store,
    actor: i64,
    article: i64,
    reuters: i64,
    hydrology: i64,
    kestrel: i64,
}

impl Fixture {
    async fn source(store: &Store, name: &str) -> i64 {
        let input = NewSource {
            name: name.to_owned(),
            kind: SourceKind::Organization,
            description: None,
        };
        store.create_source(input).await.unwrap().record.id
    }

    async fn new(store: Store) -> Self {
        let actor = store.ensure_user("searcher", Role::Editor).await.unwrap();
        let article = NewArticle {
            url: "https://example.com/search".to_owned(),
            title: "Search".to_owned(),
            publisher: None,
            published_at: None,
            body: QUOTES.join(". "),
        };
        let article = store.create_article(article).await.unwrap().record.id;
        Self {
            actor: actor.record.id,
            article,
            reuters: Self::source(&store, "Reuters").await,
            hydrology: Self::source(&store, "Hydrology Ministry").await,
            kestrel: Self::source(&store, "Kestrel Institute").await,
            store,
        }
    }

    async fn claim(&self, text: &str, quote: &str, source_id: Option<i64>) -> i64 {
        let span = find_quote(&QUOTES.join(". "), quote)[0];
        let input = NewClaim {
            article_id: self.article,
            external_id: None,
            text: text.to_owned(),
            quote: quote.to_owned(),
            span,
            source_id,
            attribution: AttributionKind::Reported,
            priority: Priority::Normal,
        };
        self.store
            .create_claim(self.actor, input)
            .await
            .unwrap()
            .record
            .id
    }

    async fn matching(&self, search: &str) -> Vec<i64> {
        let terms = SearchTerms::parse(search).unwrap();
        claim::Entity::find()
            .select_only()
            .column(claim::Column::Id)
            .filter(search_condition(self.store.backend(), &terms))
            .order_by_asc(claim::Column::Id)
            .into_tuple()
            .all(&self.store.db)
            .await
            .unwrap()
    }

    /// The claims that match `search` with their relevance to it, most relevant first, or
    /// with `all`, every claim in order of ID.
    async fn ranked(&self, search: &str, all: bool) -> Vec<(i64, Option<f64>)> {
        let terms = SearchTerms::parse(search).unwrap();
        let join = if all {
            JoinType::LeftJoin
        } else {
            JoinType::InnerJoin
        };
        let relevance = Expr::col((Alias::new("matches"), Alias::new(RELEVANCE)));
        let mut query = claim::Entity::find()
            .select_only()
            .column(claim::Column::Id)
            .expr_as(relevance.clone(), "relevance");
        QueryTrait::query(&mut query).join_subquery(
            join,
            matches(self.store.backend(), &terms),
            Alias::new("matches"),
            Expr::col((Alias::new("matches"), Alias::new(MATCHED_CLAIM)))
                .equals((claim::Entity, claim::Column::Id)),
        );
        if !all {
            query = query.order_by(relevance, Order::Desc);
        }
        query
            .order_by_asc(claim::Column::Id)
            .into_tuple()
            .all(&self.store.db)
            .await
            .unwrap()
    }

    async fn rename_source(&self, id: i64, name: &str) {
        source::Entity::update_many()
            .col_expr(source::Column::Name, Expr::value(name))
            .col_expr(source::Column::NameKey, Expr::value(name.to_lowercase()))
            .filter(source::Column::Id.eq(id))
            .exec(&self.store.db)
            .await
            .unwrap();
    }

    async fn edit_claim(&self, id: i64, column: claim::Column, value: sea_orm::Value) {
        claim::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(claim::Column::Id.eq(id))
            .exec(&self.store.db)
            .await
            .unwrap();
    }
}

async fn check_search(url: &str) {
    let store = Store::connect(url).await.unwrap();
    Migrator::up(&store.db, None).await.unwrap();
    let fixture = Fixture::new(store).await;
    let backfilled = fixture
        .claim("Backfilled claims are indexed too", QUOTES[0], None)
        .await;
    // The index's migration runs again over this claim and must backfill it.
    fixture.store.migrate_again_after(BEFORE_SEARCH).await;
    let claims = Claims {
        backfilled,
        llama_in_text: fixture
            .claim(
                "Llama models are released openly",
                QUOTES[1],
                Some(fixture.reuters),
            )
            .await,
        llama_in_quote: fixture
            .claim(
                "A company released a model",
                QUOTES[2],
                Some(fixture.reuters),
            )
            .await,
        hydrology_source: fixture
            .claim("Water levels rose", QUOTES[3], Some(fixture.hydrology))
            .await,
        kestrel_thrice: fixture
            .claim("Kestrel counts rose", QUOTES[4], Some(fixture.kestrel))
            .await,
        kestrel_once: fixture
            .claim("Kestrel counts rose", QUOTES[5], Some(fixture.reuters))
            .await,
        unicode: fixture
            .claim("L'Élysée a parlé à ΟΔΟΣ 東京—x", QUOTES[0], None)
            .await,
    };
    check_matching(&fixture, &claims).await;
    check_ranking(&fixture, &claims).await;
    check_changes(&fixture, &claims).await;
    check_down_and_up(&fixture, &claims).await;
    fixture.store.close().await.unwrap();
}

async fn check_matching(fixture: &Fixture, claims: &Claims) {
    let llama = vec![claims.llama_in_text, claims.llama_in_quote];
    assert_eq!(fixture.matching("backfilled").await, [claims.backfilled]);
    assert_eq!(fixture.matching("llama").await, llama, "text and quote");
    assert_eq!(
        fixture.matching("LLAM").await,
        llama,
        "a prefix, in any case"
    );
    assert_eq!(
        fixture.matching("hydrology").await,
        [claims.hydrology_source]
    );
    assert_eq!(fixture.matching("minis").await, [claims.hydrology_source]);
    assert_eq!(
        fixture.matching("llama meta").await,
        [claims.llama_in_quote]
    );
    assert_eq!(
        fixture.matching("reuters, weights!").await,
        llama,
        "across fields"
    );
    assert!(fixture.matching("llama hydrology").await.is_empty());
    assert!(
        fixture.matching("lama").await.is_empty(),
        "prefixes of words only"
    );
    assert!(
        fixture
            .matching("x' OR 1=1; DROP TABLE claims; --")
            .await
            .is_empty()
    );
    assert!(fixture.matching("\"* NEAR(a) \0 $1 ?").await.is_empty());
    assert_eq!(fixture.matching("models").await, [claims.llama_in_text]);

    let unicode = [claims.unicode];
    for search in [
        "élysée",
        "ÉLYS",
        "parlé",
        "οδος",
        "οδοσ",
        "ΟΔΟΣ",
        "東",
        "l élysée x",
    ] {
        assert_eq!(fixture.matching(search).await, unicode, "{search}");
    }
    for search in ["elysee", "parle", "京", "lélysée"] {
        assert!(fixture.matching(search).await.is_empty(), "{search}");
    }
}

async fn check_ranking(fixture: &Fixture, claims: &Claims) {
    let ranked = fixture.ranked("kestrel", false).await;
    let [thrice, once] = ranked[..] else {
        panic!("two claims hold kestrel: {ranked:?}");
    };
    assert_eq!(thrice.0, claims.kestrel_thrice, "{ranked:?}");
    assert_eq!(once.0, claims.kestrel_once, "{ranked:?}");
    assert!(
        thrice.1.unwrap() > once.1.unwrap() && once.1.unwrap() > 0.0,
        "{ranked:?}"
    );

    let ranked = fixture.ranked("kestrel counts", false).await;
    assert_eq!(ranked[0].0, claims.kestrel_thrice, "{ranked:?}");
    assert_eq!(ranked.len(), 2, "{ranked:?}");

    // A claim that matches only some of the words is not relevant at all.
    let every = fixture.ranked("kestrel institute", true).await;
    for (id, rank) in every {
        assert_eq!(
            rank.is_some(),
            id == claims.kestrel_thrice,
            "{id}: {rank:?}"
        );
    }
}

async fn check_changes(fixture: &Fixture, claims: &Claims) {
    fixture
        .rename_source(fixture.hydrology, "Rivers Agency")
        .await;
    assert!(fixture.matching("hydrology").await.is_empty());
    assert_eq!(fixture.matching("rivers").await, [claims.hydrology_source]);

    let id = claims.kestrel_once;
    fixture
        .edit_claim(id, claim::Column::Text, "Falcon counts rose".into())
        .await;
    assert_eq!(fixture.matching("falcon").await, [id]);
    assert_eq!(fixture.matching("kestrel").await, [claims.kestrel_thrice]);
    fixture
        .edit_claim(id, claim::Column::Quote, "an eyrie".into())
        .await;
    assert_eq!(fixture.matching("eyrie").await, [id]);
    assert!(fixture.matching("bird").await.is_empty());
    fixture
        .edit_claim(id, claim::Column::SourceId, Some(fixture.hydrology).into())
        .await;
    assert_eq!(
        fixture.matching("rivers").await,
        [claims.hydrology_source, id]
    );
    fixture
        .edit_claim(id, claim::Column::SourceId, Option::<i64>::None.into())
        .await;
    assert_eq!(fixture.matching("rivers").await, [claims.hydrology_source]);

    // Recorded claims have events, which are never deleted; a bare row can be.
    let now = fixture.store.clock.now();
    let bare = claim::ActiveModel {
        article_id: Set(fixture.article),
        text: Set("Ephemeral".to_owned()),
        quote: Set(QUOTES[0].to_owned()),
        span_start: Set(0),
        span_end: Set(12),
        attribution: Set(AttributionKind::Reported.as_ref().to_owned()),
        status: Set(ClaimStatus::New.as_ref().to_owned()),
        priority: Set(Priority::Low.as_ref().to_owned()),
        anchor_lost: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let bare = claim::Entity::insert(bare)
        .exec(&fixture.store.db)
        .await
        .unwrap()
        .last_insert_id;
    assert_eq!(fixture.matching("ephemeral").await, [bare]);
    claim::Entity::delete_by_id(bare)
        .exec(&fixture.store.db)
        .await
        .unwrap();
    assert!(fixture.matching("ephemeral").await.is_empty());
}

async fn check_down_and_up(fixture: &Fixture, claims: &Claims) {
    let after_search = u32::try_from(Migrator::migrations().len()).unwrap() - BEFORE_SEARCH;
    Migrator::down(&fixture.store.db, Some(after_search))
        .await
        .unwrap();
    let gone = fixture
        .store
        .db
        .execute_unprepared("SELECT * FROM claim_search")
        .await;
    assert!(gone.is_err(), "down() drops the index");
    Migrator::up(&fixture.store.db, None).await.unwrap();
    assert_eq!(fixture.matching("rivers").await, [claims.hydrology_source]);
    assert_eq!(fixture.matching("falcon").await, [claims.kestrel_once]);
    let ranked = fixture.ranked("kestrel", false).await;
    assert!(matches!(ranked[..], [(id, Some(_))] if id == claims.kestrel_thrice));
}

#[tokio::test]
async fn search_on_each_backend() {
    on_each_database(|url| async move { check_search(&url).await }).await;
}
