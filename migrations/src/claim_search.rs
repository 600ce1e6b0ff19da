//! How PostgreSQL's full-text index of claims (migration 11) is filled in one statement:
//! written once, here, for the migration's backfill and for a bulk load (`claimdesk copy`),
//! which indexes the claims after loading them instead of one by one.

/// The trigger that indexes each claim as it is inserted.
pub const POSTGRES_INSERT_TRIGGER: &str = "claim_search_claim_insert";

/// Every claim's search document, as `(claim_id, document)`: the document the trigger builds.
pub const POSTGRES_DOCUMENTS: &str = "SELECT claims.id AS claim_id, \
    claim_search_document(claims.text, claims.quote, sources.name) AS document \
    FROM claims LEFT JOIN sources ON sources.id = claims.source_id";
