//! The administration commands, run as the real `claimdesk` binary against a SQLite file.

use std::process::Command;

use claimdesk_store::Store;

fn claimdesk(database_url: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env("CLAIMDESK_DATABASE_URL", database_url)
        .output()
        .expect("claimdesk runs");
    assert!(
        output.status.success(),
        "claimdesk {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
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
