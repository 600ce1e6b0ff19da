//! An index of every closed review's time from flag to close, in seconds, so that the desk's
//! median and 90th percentile are each read at their rank in the index instead of ranking
//! every review.
//!
//! The expression and the condition are the ones the store's percentile queries use, from
//! [`crate::review_time`]: a database uses an index on an expression only for that same
//! expression. SQLite wants it without table names; PostgreSQL also keeps the two times in
//! the index, without which it cannot read the expression from the index alone and sorts
//! instead.

use sea_orm_migration::prelude::*;

use crate::{
    execute_for_backend,
    review_time::{Columns, postgres_review_seconds, reviewed, sqlite_review_seconds},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn sqlite_up() -> String {
    format!(
        "CREATE INDEX claims_review_seconds_idx ON claims (({})) WHERE {};",
        sqlite_review_seconds(Columns::Bare),
        reviewed(Columns::Bare),
    )
}

fn postgres_up() -> String {
    format!(
        "CREATE INDEX claims_review_seconds_idx ON claims (({})) \
         INCLUDE (closed_at, flagged_at) WHERE {};",
        postgres_review_seconds(Columns::Qualified),
        reviewed(Columns::Bare),
    )
}

const DOWN: &str = "DROP INDEX IF EXISTS claims_review_seconds_idx;";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, &sqlite_up(), &postgres_up()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, DOWN, DOWN).await
    }
}
