//! How PostgreSQL's full-text index of claims (migration 11) is filled in one statement:
//! written once, here, for the migration's backfill, for the trigger that indexes the claims
//! an insert adds (migration 21), and for a bulk load (`claimdesk copy`), which indexes the
//! claims after loading them instead of one by one.

/// The trigger that indexes the claims an insert adds.
pub const POSTGRES_INSERT_TRIGGER: &str = "claim_search_claim_insert";

/// The search document of every claim in `claims` (the table, or a trigger's transition
/// table of new claims), as `(claim_id, document)`.
pub fn postgres_documents(claims: &str) -> String {
    format!(
        "SELECT {claims}.id AS claim_id, \
         claim_search_document({claims}.text, {claims}.quote, sources.name) AS document \
         FROM {claims} LEFT JOIN sources ON sources.id = {claims}.source_id"
    )
}
