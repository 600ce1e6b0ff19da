//! The candidate index of claim matching: each claim's match keys
//! (`claimdesk_core::matching::Fingerprint::match_keys`), one row each, indexed by key and
//! claim, so that a claim's candidates are a few short index walks, newest first.
//!
//! On PostgreSQL a text's candidates are read by `claim_match_candidates`, the same
//! statement as SQLite's in `claimdesk-store` (`matching/candidates.rs`), inside a function
//! that may only walk the index. Its plan is made once per connection: a plan made by the
//! caller's planner for any key would expect the average key's list and read a common key's
//! whole list (a bitmap scan, then a sort), and planning for each text's own keys costs more
//! than reading their lists.
//!
//! The table has no foreign key and no index by claim: claims are never deleted, and a
//! foreign key would cost a lookup for each of the eight or so rows every new claim writes.
//!
//! The claims recorded before this migration get their keys here, in batches, computed by the
//! same function that computes a new claim's.

use claimdesk_core::matching::Fingerprint;
use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, DbBackend, FromQueryResult},
};

use crate::m20261129_000004_create_claims::Claims;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The candidate index.
#[derive(DeriveIden)]
enum ClaimMatchKeys {
    Table,
    Id,
    Key,
    ClaimId,
}

/// The claims that share the most telling of `match_keys`: for each key, at most `per_key` of
/// its claims, newest first; each claim weighs the weights of the keys it shares, each divided
/// by 8 more than the number of claims read for that key; the `most` heaviest.
pub(crate) const POSTGRES_CANDIDATES: &str = "CREATE FUNCTION claim_match_candidates(\
    match_keys bigint[], weights double precision[], per_key integer, most integer) \
    RETURNS SETOF bigint LANGUAGE plpgsql STABLE \
    SET enable_bitmapscan = off SET enable_seqscan = off AS $$ \
    BEGIN \
      RETURN QUERY SELECT postings.claim_id \
        FROM unnest(match_keys, weights) AS shared(key, weight) \
        CROSS JOIN LATERAL (SELECT newest.claim_id, COUNT(*) OVER () AS read FROM \
          (SELECT claim_id FROM claim_match_keys WHERE key = shared.key \
           ORDER BY claim_id DESC LIMIT per_key) AS newest) AS postings \
        GROUP BY postings.claim_id \
        ORDER BY SUM(shared.weight / (postings.read + 8)) DESC, postings.claim_id DESC \
        LIMIT most; \
    END $$";

/// How many claims are keyed per statement of the backfill.
const BACKFILL_BATCH: u64 = 1_000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ClaimMatchKeys::Table)
                    .col(big_pk_auto(ClaimMatchKeys::Id))
                    .col(big_integer(ClaimMatchKeys::Key))
                    .col(big_integer(ClaimMatchKeys::ClaimId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("claim_match_keys_key_claim_id_idx")
                    .table(ClaimMatchKeys::Table)
                    .col(ClaimMatchKeys::Key)
                    .col(ClaimMatchKeys::ClaimId)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(POSTGRES_CANDIDATES)
                .await?;
        }
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION claim_match_candidates(bigint[], double precision[], integer, integer)")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ClaimMatchKeys::Table).to_owned())
            .await
    }
}

/// A claim's ID and text.
#[derive(FromQueryResult)]
struct ClaimText {
    id: i64,
    text: String,
}

/// Keys every claim already recorded.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let mut after = 0_i64;
    loop {
        let select = Query::select()
            .columns([Claims::Id, Claims::Text])
            .from(Claims::Table)
            .and_where(Expr::col(Claims::Id).gt(after))
            .order_by(Claims::Id, Order::Asc)
            .limit(BACKFILL_BATCH)
            .to_owned();
        let claims = ClaimText::find_by_statement(backend.build(&select))
            .all(db)
            .await?;
        let Some(last) = claims.last() else {
            return Ok(());
        };
        after = last.id;
        let mut insert = Query::insert()
            .into_table(ClaimMatchKeys::Table)
            .columns([ClaimMatchKeys::Key, ClaimMatchKeys::ClaimId])
            .to_owned();
        let mut keyed = false;
        for claim in &claims {
            for key in Fingerprint::new(&claim.text).match_keys() {
                insert.values_panic([key.value.into(), claim.id.into()]);
                keyed = true;
            }
        }
        if keyed {
            db.execute(&insert).await?;
        }
    }
}
