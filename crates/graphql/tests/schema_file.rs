//! `schema.graphql` must be the schema the code defines.

#[test]
fn schema_file_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema.graphql");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == claimdesk_graphql::schema_sdl(),
        "schema.graphql is stale; run: cargo run -q -p claimdesk-server -- schema > schema.graphql"
    );
}
