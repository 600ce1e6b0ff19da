//! The administration commands, run as the real `claimdesk` binary against a SQLite file.

use std::process::Command;

use claimdesk_store::Store;
use claimdesk_tests::claimdesk_on;

fn claimdesk(database_url: &str, args: &[&str]) -> String {
    claimdesk_on(env!("CARGO_BIN_EXE_claimdesk"), database_url, args)
}

#[tokio::test]
async fn users_and_tokens_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());

    claimdesk(&url, &["user", "add", "alice", "--role", "reviewer"]);
    let secret = claimdesk(&url, &["token", "create", "alice", "--label", "laptop"]);
    let secret = secret.trim();
    assert!(secret.starts_with("cdk_"), "{secret}");

    let store = Store::connect(&url).await.unwrap();
    let (user, token) = store
        .authenticate(secret)
        .await
        .unwrap()
        .expect("the token works");
    assert_eq!(
        (user.name.as_str(), user.role.as_ref()),
        ("alice", "REVIEWER")
    );
    assert_eq!(token.label.as_deref(), Some("laptop"));

    claimdesk(&url, &["token", "revoke", &token.id.to_string()]);
    assert_eq!(
        store.authenticate(secret).await.unwrap(),
        None,
        "a revoked token is refused"
    );
    store.close().await.unwrap();

    let refused = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["user", "add", "alice", "--role", "ADMIN"])
        .env("CLAIMDESK_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(!refused.status.success(), "a taken name is refused");
}

#[tokio::test]
async fn seeding_from_a_folder_twice_and_ingesting_a_file_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

    claimdesk(&url, &["seed", "--dir", seeds]);
    claimdesk(&url, &["seed", "--dir", seeds]);
    let store = Store::connect(&url).await.unwrap();
    let filter = claimdesk_store::ClaimFilter::default();
    assert_eq!(
        store.count_claims(&filter).await.unwrap(),
        22,
        "the second run added nothing"
    );
    assert_eq!(
        store
            .count_articles(&claimdesk_store::ArticleFilter::default())
            .await
            .unwrap(),
        1
    );

    let markdown_file = dir.path().join("story.md");
    std::fs::write(
        &markdown_file,
        "# Council vote\n\nThe council approved a $3.1 million budget on Tuesday, \
         officials said. Mayor Ana Ruiz said the plan adds 40 new bus routes.\n",
    )
    .unwrap();
    let path = markdown_file.to_str().unwrap();
    let args = [
        "ingest",
        path,
        "--url",
        "https://example.org/council",
        "--detect",
    ];
    claimdesk(&url, &args);
    claimdesk(&url, &args);
    assert_eq!(
        store
            .count_articles(&claimdesk_store::ArticleFilter::default())
            .await
            .unwrap(),
        2
    );
    let claims = store.count_claims(&filter).await.unwrap();
    assert!(
        claims >= 24,
        "the detector proposed the story's claims, once: {claims}"
    );
    store.close().await.unwrap();
}
