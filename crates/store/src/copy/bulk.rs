//! Loading PostgreSQL in bulk, as its manual advises for populating a database: in the copy's
//! transaction, the target's foreign keys and secondary indexes are dropped before the load
//! and added back after it. Each index is then built once from sorted rows, and each key is
//! checked once for the whole table, instead of an index insertion and a key lookup for every
//! row loaded.
//!
//! The trigger that indexes each claim for search as it is inserted is off for the load, and
//! the claims are indexed after it with the same documents
//! ([`claim_search::postgres_documents`]), computed by a parallel query into a scratch table
//! and then inserted in ID order; the copy's checks then find one entry a claim. Every other
//! trigger stays on, the append-only one of `claim_events` included.
//!
//! Primary keys and unique indexes stay, since the triggers' upserts rely on them. The
//! definitions come from the catalog, so a later migration's keys and indexes are handled
//! too. A copy that fails rolls all of this back with everything else.

use claimdesk_migrations::claim_search;

use super::{CopyError, ends::End};

/// The foreign keys of the current schema: how to drop each and how to add it back.
const FOREIGN_KEYS: &str = "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', \
    conrelid::regclass, conname), format('ALTER TABLE %s ADD CONSTRAINT %I %s', \
    conrelid::regclass, conname, pg_get_constraintdef(oid)) \
    FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace \
    ORDER BY conrelid::regclass::text, conname";

/// The indexes of the current schema that enforce nothing: how to drop and rebuild each.
const SECONDARY_INDEXES: &str = "SELECT format('DROP INDEX %s', index.indexrelid::regclass), \
    pg_get_indexdef(index.indexrelid) \
    FROM pg_index AS index JOIN pg_class AS class ON class.oid = index.indexrelid \
    WHERE class.relnamespace = current_schema()::regnamespace \
    AND NOT index.indisunique AND NOT index.indisprimary AND NOT index.indisexclusion \
    ORDER BY index.indexrelid::regclass::text";

/// The scratch table the claims' search documents are computed into. `CREATE TABLE AS` may
/// run its query in parallel, which an `INSERT … SELECT` may not: on two cores it takes half
/// the time.
const SCRATCH: &str = "copy_claim_search_documents";

/// The memory each index build may sort in: enough for a million claims' keys.
const BUILD_MEMORY: &str = "SET LOCAL maintenance_work_mem = '256MB'";

/// The statements that restore what [`defer`] dropped, in their order.
pub(crate) struct Deferred {
    restore: Vec<String>,
}

/// Drops the target's foreign keys and secondary indexes and turns off the claims' search
/// trigger, in its transaction, and returns how to restore them.
pub(crate) async fn defer(writer: &mut End) -> Result<Deferred, CopyError> {
    let keys = pairs(writer, FOREIGN_KEYS).await?;
    let indexes = pairs(writer, SECONDARY_INDEXES).await?;
    let trigger = claim_search::POSTGRES_INSERT_TRIGGER;
    writer
        .execute(&format!("ALTER TABLE claims DISABLE TRIGGER {trigger}"))
        .await?;
    // The search index is filled first, then the indexes are built, then the keys are
    // checked with the indexes there to help.
    let mut restore = vec![
        format!(
            "CREATE UNLOGGED TABLE {SCRATCH} AS {}",
            claim_search::postgres_documents("claims")
        ),
        format!(
            "INSERT INTO claim_search (claim_id, document) \
             SELECT claim_id, document FROM {SCRATCH} ORDER BY claim_id"
        ),
        format!("DROP TABLE {SCRATCH}"),
        format!("ALTER TABLE claims ENABLE TRIGGER {trigger}"),
    ];
    for (drop, _) in keys.iter().chain(&indexes) {
        writer.execute(drop).await?;
    }
    restore.extend(indexes.into_iter().chain(keys).map(|(_, add)| add));
    Ok(Deferred { restore })
}

impl Deferred {
    /// Indexes the claims for search, builds the indexes again and adds the keys back,
    /// checking every row loaded.
    pub(crate) async fn restore(self, writer: &mut End) -> Result<(), CopyError> {
        writer.execute(BUILD_MEMORY).await?;
        for statement in &self.restore {
            writer.execute(statement).await?;
        }
        Ok(())
    }
}

async fn pairs(writer: &mut End, sql: &str) -> Result<Vec<(String, String)>, CopyError> {
    let mut pairs = Vec::new();
    for row in writer.fetch(sql, &[]).await? {
        pairs.push((row.try_get_by_index(0)?, row.try_get_by_index(1)?));
    }
    Ok(pairs)
}
