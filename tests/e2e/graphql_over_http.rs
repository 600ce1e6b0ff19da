//! The GraphQL over HTTP rules the graphql-http audit checks, and what a client that does not
//! read its answer early must still get: a request error without `data`, 400 for a request
//! without a document, 413 for an oversized body however the client sends it, and syntax
//! errors a person can act on.

use claimdesk_tests::{Backend, TestApp, code, on_each_backend};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn post(app: &TestApp, accept: &str, body: &Value) -> (u16, String, Value) {
    let response = app
        .as_user("viewer")
        .post_with(&[("accept", accept)], body)
        .await;
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, content_type, response.json().await.unwrap())
}

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

#[tokio::test]
async fn a_request_that_fails_before_execution_has_no_data_entry() {
    on_each_backend(no_data_before_execution).await;
}

async fn no_data_before_execution(app: TestApp) {
    for (query, failure) in [
        ("{", "GRAPHQL_PARSE_FAILED"),
        ("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED"),
    ] {
        for (accept, status) in [(GRAPHQL_RESPONSE, 400), (JSON, 200)] {
            let (got, content_type, body) = post(&app, accept, &json!({ "query": query })).await;
            assert_eq!((got, content_type.as_str()), (status, accept), "{query}");
            assert!(body.get("data").is_none(), "{query} as {accept}: {body}");
            assert_eq!(code(&body["errors"][0]), failure);
        }
    }
    // In a batch, each response on its own: the one that ran keeps its data.
    let batch = json!([{ "query": "{ viewer { name } }" }, { "query": "{ nope }" }]);
    let (status, _, body) = post(&app, GRAPHQL_RESPONSE, &batch).await;
    assert_eq!(status, 200);
    assert_eq!(body[0]["data"]["viewer"]["name"], "viewer");
    assert!(body[1].get("data").is_none(), "{body}");
    // A field that fails during execution leaves a `data` entry, null as it may be.
    let missing = json!({ "query": r#"{ claim(id: "Q2xhaW06OTk5OQ") { id } }"# });
    let (status, _, body) = post(&app, GRAPHQL_RESPONSE, &missing).await;
    assert_eq!(status, 200);
    assert!(body.get("data").is_some(), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["claim"]));
}

#[tokio::test]
async fn a_request_without_a_document_is_a_bad_request_in_either_media_type() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let invalid = [
        json!({ "qeury": "{ viewer { name } }" }),
        json!({ "query": "" }),
        json!({ "query": "  \n " }),
        json!({ "query": 42 }),
        json!([{ "query": "{ viewer { name } }" }, { "variables": {} }]),
    ];
    for body in &invalid {
        for accept in [GRAPHQL_RESPONSE, JSON] {
            let (status, content_type, answer) = post(&app, accept, body).await;
            assert_eq!((status, content_type.as_str()), (400, JSON), "{body}");
            assert_eq!(code(&answer["errors"][0]), "BAD_REQUEST", "{body}");
            assert!(answer.get("data").is_none());
        }
    }
    let response = app
        .http()
        .get(app.url("/graphql"))
        .bearer_auth(app.token("viewer"))
        .header("accept", JSON)
        .query(&[("variables", "{}")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "GET without a query");
}

/// Sends `request` whole over a fresh connection before reading anything, as Python's urllib
/// and most bots do, and returns everything the server answers.
async fn write_then_read(app: &TestApp, request: &[u8]) -> Result<String, std::io::Error> {
    let mut stream = tokio::net::TcpStream::connect(app.address).await?;
    stream.write_all(request).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn an_oversized_body_gets_its_413_even_when_the_client_writes_it_all_first() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let body = format!(
        r#"{{"query": "{{ viewer {{ name }} }}", "padding": "{}"}}"#,
        "x".repeat(5 * 1024 * 1024)
    );
    let head = |token: &str, framing: &str| {
        format!(
            "POST /graphql HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\n\
             authorization: Bearer {token}\r\n{framing}\r\n",
            app.address
        )
    };
    let token = app.token("viewer");
    let length = format!("content-length: {}\r\n", body.len());
    let with_length = [head(token, &length).as_bytes(), body.as_bytes()].concat();
    // Chunked, the server cannot know the length until it has read past the limit.
    let chunked = [
        head(token, "transfer-encoding: chunked\r\n").as_bytes(),
        format!("{:x}\r\n", body.len()).as_bytes(),
        body.as_bytes(),
        b"\r\n0\r\n\r\n",
    ]
    .concat();
    for (framing, request) in [("content-length", &with_length), ("chunked", &chunked)] {
        for attempt in 0..5 {
            let answer = write_then_read(&app, request)
                .await
                .unwrap_or_else(|error| panic!("{framing}, attempt {attempt}: {error}"));
            assert!(
                answer.starts_with("HTTP/1.1 413"),
                "{framing}, attempt {attempt}: {}",
                &answer[..answer.len().min(200)]
            );
            assert!(answer.contains("PAYLOAD_TOO_LARGE"), "{answer}");
            assert!(
                answer.to_lowercase().contains("connection: close"),
                "{answer}"
            );
        }
    }
    // A refused token with a big body gets its 401 the same way.
    let refused = head("cdk_unknown", &format!("{length}connection: close\r\n"));
    let answer = write_then_read(&app, &[refused.as_bytes(), body.as_bytes()].concat())
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{}", &answer[..200]);
}

#[tokio::test]
async fn a_syntax_error_says_what_was_expected_where() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let cases = [
        (
            "{ claims { ",
            "Syntax error at line 1, column 12: expected a field, found the end of the document.",
            (1, 12),
        ),
        (
            "quer { viewer { name } }",
            "Syntax error at line 1, column 1: expected an operation (`query`, `mutation`, \
             `subscription` or `{`) or a fragment, found `quer`.",
            (1, 1),
        ),
        (
            "query {\n  claims(first: ) { totalCount }\n}",
            "Syntax error at line 2, column 17: expected a value, found `)`.",
            (2, 17),
        ),
    ];
    for (query, message, (line, column)) in cases {
        let error = app.error(query, json!({})).await;
        assert_eq!(error["message"], message, "{query}");
        assert_eq!(
            error["locations"],
            json!([{ "line": line, "column": column }])
        );
        assert_eq!(code(&error), "GRAPHQL_PARSE_FAILED");
    }
}
