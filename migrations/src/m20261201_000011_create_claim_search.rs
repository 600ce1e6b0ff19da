//! The full-text index of claims: every claim's text, quote and source name, kept current by
//! triggers and filled from the claims already recorded.
//!
//! Both backends index the same words: runs of letters and digits, lower-cased, not stemmed.
//! SQLite uses an FTS5 table whose rowid is the claim ID, with the `unicode61` tokenizer.
//! PostgreSQL keeps a `tsvector` per claim, built with the `simple` configuration from the
//! text with every run of other characters replaced by a space, under a Unicode-aware
//! collation so that the database's own locale does not change what a letter is.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{DbBackend, Statement},
};

use crate::{claim_search, execute_for_backend};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Contentless, so the text is not stored twice; `contentless_delete` lets triggers delete rows.
const SQLITE_UP: &str = "
CREATE VIRTUAL TABLE claim_search USING fts5(
    text, quote, source_name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER claim_search_claim_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_search (rowid, text, quote, source_name)
    VALUES (NEW.id, NEW.text, NEW.quote,
            COALESCE((SELECT name FROM sources WHERE id = NEW.source_id), ''));
END;
CREATE TRIGGER claim_search_claim_update AFTER UPDATE OF text, quote, source_id ON claims
WHEN OLD.text IS NOT NEW.text OR OLD.quote IS NOT NEW.quote
    OR OLD.source_id IS NOT NEW.source_id
BEGIN
    DELETE FROM claim_search WHERE rowid = OLD.id;
    INSERT INTO claim_search (rowid, text, quote, source_name)
    VALUES (NEW.id, NEW.text, NEW.quote,
            COALESCE((SELECT name FROM sources WHERE id = NEW.source_id), ''));
END;
CREATE TRIGGER claim_search_claim_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER claim_search_source_rename AFTER UPDATE OF name ON sources
WHEN OLD.name IS NOT NEW.name
BEGIN
    DELETE FROM claim_search WHERE rowid IN (SELECT id FROM claims WHERE source_id = NEW.id);
    INSERT INTO claim_search (rowid, text, quote, source_name)
    SELECT id, text, quote, NEW.name FROM claims WHERE source_id = NEW.id;
END;
INSERT INTO claim_search (rowid, text, quote, source_name)
SELECT claims.id, claims.text, claims.quote, COALESCE(sources.name, '')
FROM claims LEFT JOIN sources ON sources.id = claims.source_id;
";

const SQLITE_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_search_source_rename;
DROP TRIGGER IF EXISTS claim_search_claim_delete;
DROP TRIGGER IF EXISTS claim_search_claim_update;
DROP TRIGGER IF EXISTS claim_search_claim_insert;
DROP TABLE IF EXISTS claim_search;
";

/// `{collation}` is replaced by the quoted name of the collation chosen by [`collation`], and
/// `{documents}` by the claims' documents, [`claim_search::postgres_documents`].
///
/// The triggers come before the backfill: creating them locks `claims` against writes until
/// the migration commits, so no claim recorded meanwhile can be missed. The GIN index comes
/// after it, which is faster than growing it row by row.
const POSTGRES_UP: &str = r"
CREATE TABLE claim_search (
    claim_id bigint PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    document tsvector NOT NULL
);
CREATE FUNCTION claim_search_fold(words text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT translate(lower(words COLLATE {collation}), 'ς', 'σ') $$;
CREATE FUNCTION claim_search_document(claim_text text, claim_quote text, source_name text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT to_tsvector('simple', claim_search_fold(regexp_replace(
        concat_ws(' ', claim_text, claim_quote, source_name) COLLATE {collation},
        '[^[:alnum:]]+', ' ', 'g')))
$$;
CREATE FUNCTION claim_search_claim_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_search (claim_id, document)
    VALUES (NEW.id, claim_search_document(NEW.text, NEW.quote,
            (SELECT name FROM sources WHERE id = NEW.source_id)))
    ON CONFLICT (claim_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END;
$$;
CREATE FUNCTION claim_search_source_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claim_search
    SET document = claim_search_document(claims.text, claims.quote, NEW.name)
    FROM claims
    WHERE claims.source_id = NEW.id AND claim_search.claim_id = claims.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER claim_search_claim_insert AFTER INSERT ON claims
FOR EACH ROW EXECUTE FUNCTION claim_search_claim_changed();
CREATE TRIGGER claim_search_claim_update AFTER UPDATE OF text, quote, source_id ON claims
FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.quote IS DISTINCT FROM NEW.quote
    OR OLD.source_id IS DISTINCT FROM NEW.source_id)
EXECUTE FUNCTION claim_search_claim_changed();
CREATE TRIGGER claim_search_source_rename AFTER UPDATE OF name ON sources
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION claim_search_source_renamed();
INSERT INTO claim_search (claim_id, document) {documents}
ON CONFLICT (claim_id) DO NOTHING;
CREATE INDEX claim_search_document_idx ON claim_search USING gin (document);
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER IF EXISTS claim_search_source_rename ON sources;
DROP TRIGGER IF EXISTS claim_search_claim_update ON claims;
DROP TRIGGER IF EXISTS claim_search_claim_insert ON claims;
DROP TABLE IF EXISTS claim_search;
DROP FUNCTION IF EXISTS claim_search_source_renamed();
DROP FUNCTION IF EXISTS claim_search_claim_changed();
DROP FUNCTION IF EXISTS claim_search_document(text, text, text);
DROP FUNCTION IF EXISTS claim_search_fold(text);
";

/// The collation whose idea of letters, digits and case the PostgreSQL index uses: the
/// built-in Unicode one (PostgreSQL 17+), else ICU's root locale, else the database's own.
///
/// The database's own may be `C`, where only ASCII letters are letters; the other two classify
/// and lower-case all of Unicode whatever the database's locale.
const COLLATION_QUERY: &str = "
SELECT quote_ident(collname) AS name FROM pg_collation
WHERE collname IN ('pg_c_utf8', 'und-x-icu')
  AND collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding()))
ORDER BY collname = 'pg_c_utf8' DESC
LIMIT 1
";

async fn collation(manager: &SchemaManager<'_>) -> Result<String, DbErr> {
    let row = manager
        .get_connection()
        .query_one_raw(Statement::from_string(DbBackend::Postgres, COLLATION_QUERY))
        .await?;
    match row {
        Some(row) => row.try_get("", "name"),
        None => Ok("\"default\"".to_owned()),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DbBackend::Sqlite => SQLITE_UP.to_owned(),
            _ => POSTGRES_UP
                .replace("{collation}", &collation(manager).await?)
                .replace("{documents}", &claim_search::postgres_documents("claims")),
        };
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_for_backend(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
