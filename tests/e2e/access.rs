//! Access control: every mutation for every role, and requests without a valid token.

use claimdesk_tests::{Client, TestApp, code, on_each_backend};
use serde_json::{Value, json};

use crate::operations::*;

/// The roles in order; each includes the ones before it.
const ROLES: [&str; 5] = ["viewer", "ingest", "reviewer", "editor", "admin"];

#[derive(Debug, Clone, Copy)]
enum Operation {
    CreateArticle,
    CreateSource,
    CreateClaim,
    IngestArticle,
    Flag,
    AssignToSelf,
    AssignToOther,
    StartReview,
    AttachEvidence,
    AddNote,
    CloseReview,
    ReopenReview,
    CreateUser,
    CreateToken,
    RevokeToken,
}

const OPERATIONS: [Operation; 15] = [
    Operation::CreateArticle,
    Operation::CreateSource,
    Operation::CreateClaim,
    Operation::IngestArticle,
    Operation::Flag,
    Operation::AssignToSelf,
    Operation::AssignToOther,
    Operation::StartReview,
    Operation::AttachEvidence,
    Operation::AddNote,
    Operation::CloseReview,
    Operation::ReopenReview,
    Operation::CreateUser,
    Operation::CreateToken,
    Operation::RevokeToken,
];

impl Operation {
    /// The least role that may do it.
    fn required(self) -> &'static str {
        match self {
            Self::CreateArticle | Self::CreateSource | Self::CreateClaim | Self::IngestArticle => {
                "ingest"
            }
            Self::Flag
            | Self::AssignToSelf
            | Self::StartReview
            | Self::AttachEvidence
            | Self::AddNote => "reviewer",
            Self::AssignToOther | Self::CloseReview | Self::ReopenReview => "editor",
            Self::CreateUser | Self::CreateToken | Self::RevokeToken => "admin",
        }
    }
}

fn rank(role: &str) -> usize {
    ROLES.iter().position(|r| *r == role).unwrap()
}

/// A new claim on the seed article, moved to `status` by the editor; returns its ID.
async fn fresh_claim(app: &TestApp, n: usize, status: &str) -> String {
    let jefferies = jefferies_claim(app).await;
    let article = jefferies["article"]["id"].clone();
    let input = json!({
        "articleId": article, "externalId": format!("matrix-{n}"), "text": "A claim.",
        "quote": jefferies["quote"], "span": jefferies["span"],
    });
    let id = mutate(app, CREATE_CLAIM, input).await["claim"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    match status {
        "NEW" => {}
        "FLAGGED" => {
            mutate(app, FLAG, json!({ "claimId": id, "reason": "matrix" })).await;
        }
        "CLOSED" => {
            let close = json!({ "claimId": id, "verdict": "NOT_CHECKABLE", "summary": "opinion" });
            mutate(app, CLOSE, close).await;
        }
        other => panic!("no setup for {other}"),
    }
    id
}

/// Prepares `operation` with the editor and admin, then sends it as `client`, whose user is
/// `user` (the test user whose ID an assignment to oneself uses). Returns the status and body.
async fn attempt(
    app: &TestApp,
    n: usize,
    operation: Operation,
    client: &Client<'_>,
    user: &str,
) -> (u16, Value) {
    let (query, input) = match operation {
        Operation::CreateArticle => (
            "mutation($input: CreateArticleInput!) { createArticle(input: $input) { created } }",
            json!({ "url": format!("https://example.org/{n}"), "title": "T", "body": "Body." }),
        ),
        Operation::CreateSource => (
            "mutation($input: CreateSourceInput!) { createSource(input: $input) { created } }",
            json!({ "name": format!("Source {n}") }),
        ),
        Operation::CreateClaim => {
            let jefferies = jefferies_claim(app).await;
            let article = jefferies["article"]["id"].clone();
            (
                "mutation($input: CreateClaimInput!) { createClaim(input: $input) { created } }",
                json!({ "articleId": article, "externalId": format!("new-{n}"), "text": "T",
                        "quote": jefferies["quote"], "span": jefferies["span"] }),
            )
        }
        Operation::IngestArticle => (
            "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }",
            json!({
                "url": format!("https://example.org/ingested/{n}"), "title": "T",
                "body": "The mayor said the budget doubled.",
                "claims": [{ "text": "The budget doubled.", "quote": "the budget doubled",
                             "source": { "name": format!("Ingested source {n}") } }],
            }),
        ),
        Operation::Flag => (
            "mutation($input: FlagClaimInput!) { flagClaim(input: $input) { claim { id } } }",
            json!({ "claimId": fresh_claim(app, n, "NEW").await, "reason": "matrix" }),
        ),
        Operation::AssignToSelf | Operation::AssignToOther => {
            let me = if ROLES.contains(&user) && user != "admin" {
                user
            } else {
                "editor"
            };
            let assignee = if matches!(operation, Operation::AssignToSelf) {
                user_id(app, me).await
            } else {
                user_id(app, if me == "viewer" { "ingest" } else { "viewer" }).await
            };
            (
                "mutation($input: AssignClaimInput!) { assignClaim(input: $input) { claim { id } } }",
                json!({ "claimId": fresh_claim(app, n, "NEW").await, "assigneeId": assignee }),
            )
        }
        Operation::StartReview => (
            "mutation($input: StartReviewInput!) { startReview(input: $input) { claim { id } } }",
            json!({ "claimId": fresh_claim(app, n, "FLAGGED").await }),
        ),
        Operation::AttachEvidence => (
            "mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id } } }",
            technical_report(&fresh_claim(app, n, "NEW").await),
        ),
        Operation::AddNote => (
            "mutation($input: AddNoteInput!) { addNote(input: $input) { claim { id } } }",
            json!({ "claimId": fresh_claim(app, n, "NEW").await, "body": "note" }),
        ),
        Operation::CloseReview => (
            "mutation($input: CloseReviewInput!) { closeReview(input: $input) { claim { id } } }",
            json!({ "claimId": fresh_claim(app, n, "NEW").await, "verdict": "NOT_CHECKABLE", "summary": "s" }),
        ),
        Operation::ReopenReview => (
            "mutation($input: ReopenReviewInput!) { reopenReview(input: $input) { claim { id } } }",
            json!({ "claimId": fresh_claim(app, n, "CLOSED").await, "reason": "again" }),
        ),
        Operation::CreateUser => (
            "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
            json!({ "name": format!("user-{n}"), "role": "VIEWER" }),
        ),
        Operation::CreateToken => (
            "mutation($input: CreateTokenInput!) { createToken(input: $input) { secret } }",
            json!({ "userId": user_id(app, "viewer").await }),
        ),
        Operation::RevokeToken => {
            let issued = app
                .as_user("admin")
                .data(
                    "mutation($input: CreateTokenInput!) { createToken(input: $input) { token { id } } }",
                    json!({ "input": { "userId": user_id(app, "viewer").await } }),
                )
                .await;
            (
                "mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { token { revokedAt } } }",
                json!({ "tokenId": issued["createToken"]["token"]["id"] }),
            )
        }
    };
    client.send(query, json!({ "input": input })).await
}

#[tokio::test]
async fn every_mutation_is_allowed_exactly_to_the_roles_that_include_its_own() {
    on_each_backend(role_matrix).await;
}

async fn role_matrix(app: TestApp) {
    let mut n = 0;
    for operation in OPERATIONS {
        for role in ROLES {
            n += 1;
            let (status, body) = attempt(&app, n, operation, &app.as_user(role), role).await;
            assert_eq!(status, 200, "{operation:?} as {role}: {body:#}");
            if rank(role) >= rank(operation.required()) {
                assert!(
                    body.get("errors").is_none(),
                    "{operation:?} as {role}: {body:#}"
                );
            } else {
                let error = &body["errors"][0];
                assert_eq!(
                    code(error),
                    "FORBIDDEN",
                    "{operation:?} as {role}: {body:#}"
                );
                let required = operation.required().to_uppercase();
                assert_eq!(
                    error["extensions"]["requiredRole"],
                    json!(required),
                    "{operation:?} as {role}"
                );
                assert_eq!(body["data"], Value::Null, "{operation:?} as {role}");
            }
        }
    }
}

#[tokio::test]
async fn requests_without_a_valid_token_are_unauthenticated() {
    on_each_backend(without_a_valid_token).await;
}

async fn without_a_valid_token(app: TestApp) {
    let (token_id, revoked) = app.create_user("leaver", "EDITOR").await;
    let leaver = app.with_token(Some(revoked.clone()));
    assert_eq!(
        leaver.data("{ viewer { name } }", json!({})).await["viewer"]["name"],
        "leaver"
    );
    let revocation = app
        .as_user("admin")
        .data(
            "mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { token { revokedAt } } }",
            json!({ "input": { "tokenId": token_id } }),
        )
        .await;
    assert!(revocation["revokeToken"]["token"]["revokedAt"].is_string());

    let garbage = "cdk_".to_owned() + &"A".repeat(43);
    let clients = [
        ("no token", app.with_token(None)),
        ("revoked", app.with_token(Some(revoked))),
        ("unknown", app.with_token(Some(garbage))),
        ("malformed", app.with_token(Some("not-a-token".into()))),
    ];
    let mut n = 1000;
    for (what, client) in &clients {
        for operation in OPERATIONS {
            n += 1;
            let (status, body) = attempt(&app, n, operation, client, "nobody").await;
            assert_eq!(status, 401, "{operation:?} with {what}: {body:#}");
            assert_eq!(
                code(&body["errors"][0]),
                "UNAUTHENTICATED",
                "{operation:?} with {what}"
            );
        }
        let (status, body) = client.send("{ claims { totalCount } }", json!({})).await;
        assert_eq!(
            (status, code(&body["errors"][0])),
            (401, "UNAUTHENTICATED"),
            "a read with {what}"
        );
    }
    let basic = app
        .with_token(None)
        .post_with(
            &[("authorization", "Basic YWRtaW46YWRtaW4=")],
            &json!({ "query": "{ viewer { name } }" }),
        )
        .await;
    assert_eq!(basic.status(), 401);
    assert_eq!(basic.headers()["www-authenticate"], "Bearer");

    // GraphiQL and the probes stay open.
    for path in ["/graphql", "/healthz", "/readyz"] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn each_token_is_rate_limited_on_its_own() {
    for backend in claimdesk_tests::Backend::configured() {
        let app = TestApp::spawn_with(backend, |config| {
            config.rate_limit_per_minute = std::num::NonZeroU32::new(40).unwrap();
        })
        .await;
        // Spawning used some of the admin's budget; the viewer's is untouched.
        let viewer = app.as_user("viewer");
        for _ in 0..40 {
            let (status, _) = viewer.send("{ viewer { name } }", json!({})).await;
            assert_eq!(status, 200);
        }
        let response = viewer
            .post_with(&[], &json!({ "query": "{ viewer { name } }" }))
            .await;
        assert_eq!(response.status(), 429);
        let retry_after: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (1..=60).contains(&retry_after),
            "Retry-After: {retry_after}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(code(&body["errors"][0]), "RATE_LIMITED");
        let (status, _) = app
            .as_user("reviewer")
            .send("{ viewer { name } }", json!({}))
            .await;
        assert_eq!(status, 200, "another token keeps its own budget");
    }
}

#[tokio::test]
async fn dev_open_lets_anonymous_requests_act_as_the_local_editor() {
    for backend in claimdesk_tests::Backend::configured() {
        let app = TestApp::spawn_with(backend, |config| config.dev_open = true).await;
        let anonymous = app.with_token(None);
        let viewer = anonymous.data("{ viewer { name role } }", json!({})).await;
        assert_eq!(
            viewer["viewer"],
            json!({ "name": "local-editor", "role": "EDITOR" })
        );
        let claim = jefferies_claim(&app).await;
        let flagged = anonymous
            .data(
                &with_fields(FLAG),
                json!({ "input": { "claimId": claim["id"], "reason": "playground" } }),
            )
            .await;
        let history = &flagged["flagClaim"]["claim"]["history"];
        assert_eq!(history[1]["actor"]["name"], "local-editor");
        // Tokens still count, and a bad one is still refused.
        let reviewer = app
            .as_user("reviewer")
            .data("{ viewer { name } }", json!({}))
            .await;
        assert_eq!(reviewer["viewer"]["name"], "reviewer");
        let (status, _) = app
            .with_token(Some("nonsense".into()))
            .send("{ viewer { name } }", json!({}))
            .await;
        assert_eq!(status, 401);
    }
}
