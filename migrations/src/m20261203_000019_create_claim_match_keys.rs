//! The candidate index of claim matching: each claim's match keys
//! (`claimdesk_core::matching::Fingerprint::match_keys`), one row each, indexed by key and
//! claim, so that a claim's candidates are a few short index walks, newest first.
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
    sea_orm::{ConnectionTrait, FromQueryResult},
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
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
