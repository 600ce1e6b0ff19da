//! On PostgreSQL the candidates of a match are read as postings: for each key, its newest
//! claims. `claim_match_postings` replaces migration 19's `claim_match_candidates`, which
//! ranked the candidates of one text inside the database: the store now reads the postings of
//! all the texts it matches at once, each key once, and ranks each text's candidates itself,
//! by the same rule on both backends.
//!
//! The function may only walk the index, for the reason migration 19 gives: a plan made for
//! any key expects the average key's list, and would read a common key's whole list (a bitmap
//! scan, then a sort) to keep its newest few.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::m20261203_000019_create_claim_match_keys::POSTGRES_CANDIDATES;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each of `match_keys` with its newest claims, at most `per_key`, newest first.
const POSTGRES_POSTINGS: &str = "CREATE FUNCTION claim_match_postings(\
    match_keys bigint[], per_key integer) \
    RETURNS TABLE (match_key bigint, claim_ids bigint[]) LANGUAGE plpgsql STABLE \
    SET enable_bitmapscan = off SET enable_seqscan = off AS $$ \
    BEGIN \
      RETURN QUERY SELECT wanted.key, ARRAY(SELECT posting.claim_id \
          FROM claim_match_keys AS posting WHERE posting.key = wanted.key \
          ORDER BY posting.claim_id DESC LIMIT per_key) \
        FROM unnest(match_keys) AS wanted(key); \
    END $$";

const DROP_CANDIDATES: &str =
    "DROP FUNCTION claim_match_candidates(bigint[], double precision[], integer, integer)";

const DROP_POSTINGS: &str = "DROP FUNCTION claim_match_postings(bigint[], integer)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        on_postgres(manager, &[POSTGRES_POSTINGS, DROP_CANDIDATES]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        on_postgres(manager, &[POSTGRES_CANDIDATES, DROP_POSTINGS]).await
    }
}

/// Runs `statements` in order on PostgreSQL; SQLite has no functions and needs none.
async fn on_postgres(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for statement in statements {
        manager
            .get_connection()
            .execute_unprepared(statement)
            .await?;
    }
    Ok(())
}
