//! Indexes for lists filtered on a few values of a column, read as one index walk per value
//! (`crates/store/src/ordering/arms.rs`): for each status, every order of `claims` walks
//! `(status, sort column, id)`, and for each verdict every order by time `(verdict, time,
//! id)` (a verdict holds a few percent of the claims, too few to find by walking the time
//! index alone); within one priority, one verdict, or one assignee and status, a list by
//! priority is in ID order. A priority holds a quarter of the claims: a list of priorities
//! walks the order's own index and skips the others. An article's claims walk their spans.
//!
//! The single-column indexes on status, priority and verdict, and the one on assignee and
//! status, are prefixes of the new ones and go, so that a write keeps no more indexes
//! current than it needs.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE INDEX claims_status_created_at_id_idx ON claims (status, created_at, id);
CREATE INDEX claims_status_updated_at_id_idx ON claims (status, updated_at, id);
CREATE INDEX claims_status_flagged_at_id_idx ON claims (status, flagged_at, id);
CREATE INDEX claims_status_check_worthiness_id_idx ON claims (status, check_worthiness, id);
CREATE INDEX claims_status_priority_id_idx ON claims (status, priority, id);
CREATE INDEX claims_priority_id_idx ON claims (priority, id);
CREATE INDEX claims_verdict_id_idx ON claims (verdict, id);
CREATE INDEX claims_verdict_created_at_id_idx ON claims (verdict, created_at, id);
CREATE INDEX claims_verdict_updated_at_id_idx ON claims (verdict, updated_at, id);
CREATE INDEX claims_verdict_flagged_at_id_idx ON claims (verdict, flagged_at, id);
CREATE INDEX claims_assignee_id_status_priority_id_idx
    ON claims (assignee_id, status, priority, id);
CREATE INDEX claims_article_id_span_start_id_idx ON claims (article_id, span_start, id);
DROP INDEX claims_status_idx;
DROP INDEX claims_priority_idx;
DROP INDEX claims_verdict_idx;
DROP INDEX claims_assignee_id_status_idx;
";

const DOWN: &str = "
CREATE INDEX claims_status_idx ON claims (status);
CREATE INDEX claims_priority_idx ON claims (priority);
CREATE INDEX claims_verdict_idx ON claims (verdict);
CREATE INDEX claims_assignee_id_status_idx ON claims (assignee_id, status);
DROP INDEX claims_article_id_span_start_id_idx;
DROP INDEX claims_assignee_id_status_priority_id_idx;
DROP INDEX claims_verdict_flagged_at_id_idx;
DROP INDEX claims_verdict_updated_at_id_idx;
DROP INDEX claims_verdict_created_at_id_idx;
DROP INDEX claims_verdict_id_idx;
DROP INDEX claims_priority_id_idx;
DROP INDEX claims_status_priority_id_idx;
DROP INDEX claims_status_check_worthiness_id_idx;
DROP INDEX claims_status_flagged_at_id_idx;
DROP INDEX claims_status_updated_at_id_idx;
DROP INDEX claims_status_created_at_id_idx;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
