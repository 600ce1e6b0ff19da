//! Running counts of claims by status, verdict, priority and assignee, kept by triggers in the
//! same transactions that change the claims, so that the desk counts read a few hundred rows
//! instead of every claim.
//!
//! `claim_tallies` holds one row per combination that has claims; a claim without a verdict
//! counts under the verdict `''` and an unassigned one under the assignee `0`, because key
//! columns cannot be NULL.
//!
//! On SQLite, whose writers take turns, the triggers add to and take from the tallies
//! directly. On PostgreSQL, concurrent transactions adding to one tally would queue on its
//! row lock and could deadlock each other, so each statement appends its net change to
//! `claim_tally_changes`, which takes no lock; readers add the changes to the tallies, and
//! the store folds them in from time to time.

use sea_orm_migration::prelude::*;

use crate::execute_for_backend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One row per combination of the four counted columns that has claims.
const TALLIES: &str = "
CREATE TABLE claim_tallies (
    status varchar(32) NOT NULL,
    verdict varchar(32) NOT NULL,
    priority varchar(32) NOT NULL,
    assignee_id bigint NOT NULL,
    claims bigint NOT NULL,
    PRIMARY KEY (status, verdict, priority, assignee_id)
);
";

/// Fills the tallies from the claims already recorded, once the triggers keep them.
const BACKFILL: &str = "
INSERT INTO claim_tallies (status, verdict, priority, assignee_id, claims)
SELECT status, COALESCE(verdict, ''), priority, COALESCE(assignee_id, 0), COUNT(*)
FROM claims GROUP BY 1, 2, 3, 4;
";

const SQLITE_TRIGGERS: &str = "
CREATE TRIGGER claim_tallies_claim_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_tallies (status, verdict, priority, assignee_id, claims)
    VALUES (NEW.status, COALESCE(NEW.verdict, ''), NEW.priority,
            COALESCE(NEW.assignee_id, 0), 1)
    ON CONFLICT (status, verdict, priority, assignee_id) DO UPDATE SET claims = claims + 1;
END;
CREATE TRIGGER claim_tallies_claim_update
AFTER UPDATE OF status, verdict, priority, assignee_id ON claims
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict
    OR OLD.priority IS NOT NEW.priority OR OLD.assignee_id IS NOT NEW.assignee_id
BEGIN
    UPDATE claim_tallies SET claims = claims - 1
    WHERE status = OLD.status AND verdict = COALESCE(OLD.verdict, '')
      AND priority = OLD.priority AND assignee_id = COALESCE(OLD.assignee_id, 0);
    INSERT INTO claim_tallies (status, verdict, priority, assignee_id, claims)
    VALUES (NEW.status, COALESCE(NEW.verdict, ''), NEW.priority,
            COALESCE(NEW.assignee_id, 0), 1)
    ON CONFLICT (status, verdict, priority, assignee_id) DO UPDATE SET claims = claims + 1;
END;
CREATE TRIGGER claim_tallies_claim_delete AFTER DELETE ON claims BEGIN
    UPDATE claim_tallies SET claims = claims - 1
    WHERE status = OLD.status AND verdict = COALESCE(OLD.verdict, '')
      AND priority = OLD.priority AND assignee_id = COALESCE(OLD.assignee_id, 0);
END;
";

const SQLITE_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_tallies_claim_delete;
DROP TRIGGER IF EXISTS claim_tallies_claim_update;
DROP TRIGGER IF EXISTS claim_tallies_claim_insert;
DROP TABLE IF EXISTS claim_tallies;
";

/// The triggers are per statement, with the statement's rows as transition tables, so a
/// batch of claims costs one grouped insert. They come before the backfill: creating them
/// locks `claims` against writes until the migration commits, so no claim is missed.
const POSTGRES_TRIGGERS: &str = r"
CREATE TABLE claim_tally_changes (
    status varchar(32) NOT NULL,
    verdict varchar(32) NOT NULL,
    priority varchar(32) NOT NULL,
    assignee_id bigint NOT NULL,
    claims bigint NOT NULL
);
CREATE FUNCTION claim_tallies_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO claim_tally_changes (status, verdict, priority, assignee_id, claims)
        SELECT status, COALESCE(verdict, ''), priority, COALESCE(assignee_id, 0), COUNT(*)
        FROM new_claims GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO claim_tally_changes (status, verdict, priority, assignee_id, claims)
        SELECT status, COALESCE(verdict, ''), priority, COALESCE(assignee_id, 0), -COUNT(*)
        FROM old_claims GROUP BY 1, 2, 3, 4;
    ELSE
        INSERT INTO claim_tally_changes (status, verdict, priority, assignee_id, claims)
        SELECT status, verdict, priority, assignee_id, SUM(claims)
        FROM (
            SELECT status, COALESCE(verdict, '') AS verdict, priority,
                   COALESCE(assignee_id, 0) AS assignee_id, -1 AS claims
            FROM old_claims
            UNION ALL
            SELECT status, COALESCE(verdict, ''), priority, COALESCE(assignee_id, 0), 1
            FROM new_claims
        ) AS changed
        GROUP BY 1, 2, 3, 4
        HAVING SUM(claims) <> 0;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER claim_tallies_claim_insert AFTER INSERT ON claims
REFERENCING NEW TABLE AS new_claims
FOR EACH STATEMENT EXECUTE FUNCTION claim_tallies_record();
CREATE TRIGGER claim_tallies_claim_update AFTER UPDATE ON claims
REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims
FOR EACH STATEMENT EXECUTE FUNCTION claim_tallies_record();
CREATE TRIGGER claim_tallies_claim_delete AFTER DELETE ON claims
REFERENCING OLD TABLE AS old_claims
FOR EACH STATEMENT EXECUTE FUNCTION claim_tallies_record();
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_tallies_claim_delete ON claims;
DROP TRIGGER IF EXISTS claim_tallies_claim_update ON claims;
DROP TRIGGER IF EXISTS claim_tallies_claim_insert ON claims;
DROP FUNCTION IF EXISTS claim_tallies_record();
DROP TABLE IF EXISTS claim_tally_changes;
DROP TABLE IF EXISTS claim_tallies;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sqlite = format!("{TALLIES}{SQLITE_TRIGGERS}{BACKFILL}");
        let postgres = format!("{TALLIES}{POSTGRES_TRIGGERS}{BACKFILL}");
        execute_for_backend(manager, &sqlite, &postgres).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
