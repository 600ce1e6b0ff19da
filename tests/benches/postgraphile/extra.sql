-- What PostGraphile needs beyond the tables to answer ClaimDesk's benchmark queries: a ranked
-- search, the review percentiles and two sortable computed columns, none of which it has.
-- The postgraphile benchmark applies it to its database; it touches no ClaimDesk table, only
-- adds one type and four functions, and can run more than once.

BEGIN;

-- Ranked full-text search, as ClaimDesk does it on PostgreSQL (crates/store/src/search.rs):
-- the search is split into runs of letters and digits, each lower-cased (claim_search_fold),
-- at most 16 distinct words of at most 64 characters, each a prefix, all required
-- ('llama:* & meta:*'); matched against claim_search.document and ranked by ts_rank, best
-- first, ties by claim ID descending (ClaimDesk's RELEVANCE DESC order).
-- The collation is the one ClaimDesk's migration chose for this database's index
-- (und-x-icu here; pg_c_utf8 on PostgreSQL 17+), so that [:alnum:] means the same thing.
-- PostGraphile exposes it as Query.searchClaims(search: String!): ClaimsConnection.
CREATE OR REPLACE FUNCTION search_claims(search text) RETURNS SETOF claims
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH words AS (
        SELECT claim_search_fold(left(word, 64)) AS term, min(position) AS position
        FROM regexp_split_to_table(search COLLATE "und-x-icu", '[^[:alnum:]]+')
             WITH ORDINALITY AS split (word, position)
        WHERE word <> ''
        GROUP BY 1
        ORDER BY 2
        LIMIT 16
    ),
    query AS (
        SELECT to_tsquery('simple', string_agg(term || ':*', ' & ' ORDER BY position)) AS q
        FROM words
    )
    SELECT claims.*
    FROM query
    JOIN claim_search ON claim_search.document @@ query.q
    JOIN claims ON claims.id = claim_search.claim_id
    ORDER BY ts_rank(claim_search.document, query.q) DESC, claims.id DESC
$$;
COMMENT ON FUNCTION search_claims(text) IS
    'Claims whose text, quote or source name holds every word of the search as a word prefix, best match first.';

-- Flag-to-close durations over closed, flagged claims: count, median and 90th percentile by
-- nearest rank. percentile_disc(p) is the value of rank ceil(n * p), which is ClaimDesk's
-- (n * 50 + 99) / 100 and (n * 90 + 99) / 100 (crates/store/src/stats.rs).
-- PostGraphile exposes it as Query.claimFlagToClose: ClaimFlagToClose.
DO $$ BEGIN
    CREATE TYPE claim_flag_to_close AS (
        closed bigint,
        median_seconds double precision,
        p90_seconds double precision
    );
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
COMMENT ON TYPE claim_flag_to_close IS
    'How long closed reviews took from flag to close, in seconds.';

CREATE OR REPLACE FUNCTION claim_flag_to_close() RETURNS claim_flag_to_close
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT count(*),
           percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds),
           percentile_disc(0.9) WITHIN GROUP (ORDER BY seconds)
    FROM (
        SELECT CAST(EXTRACT(EPOCH FROM closed_at - flagged_at) AS double precision) AS seconds
        FROM claims
        WHERE status = 'CLOSED' AND flagged_at IS NOT NULL AND closed_at IS NOT NULL
    ) AS durations
$$;

-- The rank of a claim's priority, LOW 0 to URGENT 3, as ClaimDesk orders by PRIORITY, and the
-- start of its span: computed columns that PostGraphile can order by (@sortable), for the
-- reviewer's queue and an article's claims.
CREATE OR REPLACE FUNCTION claims_priority_rank(claim claims) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE claim.priority
        WHEN 'LOW' THEN 0 WHEN 'NORMAL' THEN 1 WHEN 'HIGH' THEN 2 WHEN 'URGENT' THEN 3 ELSE 0
    END
$$;
COMMENT ON FUNCTION claims_priority_rank(claims) IS E'@sortable\nThe priority''s rank, LOW 0 to URGENT 3.';

CREATE OR REPLACE FUNCTION claims_span_position(claim claims) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT claim.span_start
$$;
COMMENT ON FUNCTION claims_span_position(claims) IS E'@sortable\nWhere the claim''s quote starts in its article.';

COMMIT;
