//! The playground and the pages' security headers, as a browser receives them: GraphiQL and
//! every file it loads come from the server itself, byte for byte as vendored, under a
//! Content-Security-Policy that admits no other origin.

use std::{collections::BTreeSet, path::PathBuf};

use claimdesk_tests::{Backend, Subscriber, TestApp};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

fn web_assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/web/assets")
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    let response = app
        .http()
        .get(app.url(path))
        .header("accept", BROWSER_ACCEPT)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 200, "GET {path}");
    response
}

fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The extension of a path, after its last dot.
fn extension(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(_, extension)| extension)
}

#[tokio::test]
async fn the_server_sends_every_vendored_file_as_the_manifest_lists_it() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let manifest: Value = get(&app, "/assets/vendor/MANIFEST.json")
        .await
        .json()
        .await
        .unwrap();
    let files = manifest["files"].as_array().unwrap();
    let mut listed = BTreeSet::new();
    let mut licensed = BTreeSet::new();
    for file in files {
        let path = file["path"].as_str().unwrap();
        let (package, version) = (file["package"].as_str().unwrap(), file["version"].as_str());
        assert_eq!(
            path.split('/').next(),
            Some(format!("{package}-{}", version.unwrap()).as_str()),
            "{path} lies in its package's directory"
        );
        assert_eq!(file["license"], "MIT", "{path}");
        let body = get(&app, &format!("/assets/vendor/{path}"))
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(sha256_hex(&body), file["sha256"], "{path}");
        if path.ends_with("/LICENSE") {
            licensed.insert(package.to_owned());
        }
        listed.insert(path.to_owned());
    }
    let packages: BTreeSet<String> = files
        .iter()
        .map(|file| file["package"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(licensed, packages, "every package comes with its license");
    assert!(packages.contains("graphiql") && packages.contains("react-dom"));

    let mut on_disk = BTreeSet::new();
    for package in std::fs::read_dir(web_assets().join("vendor")).unwrap() {
        let package = package.unwrap();
        if package.file_type().unwrap().is_dir() {
            for file in std::fs::read_dir(package.path()).unwrap() {
                let name = file.unwrap().file_name().into_string().unwrap();
                on_disk.insert(format!(
                    "{}/{name}",
                    package.file_name().into_string().unwrap()
                ));
            }
        }
    }
    assert_eq!(on_disk, listed, "every vendored file is in the manifest");
}

/// The sources each directive of `policy` admits, by directive.
fn directives(policy: &str) -> Vec<(String, Vec<String>)> {
    policy
        .split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// Asserts that `policy` admits the server's own origin only: no host, no `unsafe-*`, data:
/// only for images and fonts, a nonce only for styles; returns the style nonce, if any.
fn assert_self_only(policy: &str) -> Option<String> {
    let directives = directives(policy);
    let mut nonce = None;
    for (name, sources) in &directives {
        for source in sources {
            match source.as_str() {
                "'self'" | "'none'" => {}
                "data:" => assert!(
                    ["img-src", "font-src"].contains(&name.as_str()),
                    "{name} admits data:"
                ),
                nonce_source if nonce_source.starts_with("'nonce-") => {
                    assert_eq!(name, "style-src", "only styles carry a nonce");
                    nonce = Some(nonce_source["'nonce-".len()..nonce_source.len() - 1].to_owned());
                }
                other => panic!("{name} admits {other}"),
            }
        }
    }
    let sources = |wanted: &str| {
        directives
            .iter()
            .find(|(name, _)| name == wanted)
            .map_or_else(
                || panic!("no {wanted} in {policy}"),
                |(_, sources)| sources.clone(),
            )
    };
    assert_eq!(sources("default-src"), ["'none'"]);
    assert_eq!(sources("script-src"), ["'self'"]);
    assert_eq!(sources("connect-src"), ["'self'"]);
    assert_eq!(sources("frame-ancestors"), ["'none'"]);
    nonce
}

fn policy_of(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn both_pages_and_their_files_admit_only_the_servers_own_origin() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let desk = get(&app, "/desk").await;
    assert_eq!(assert_self_only(&policy_of(&desk)), None);
    let script = get(&app, "/assets/playground/playground.js").await;
    assert_eq!(assert_self_only(&policy_of(&script)), None);

    let first = get(&app, "/graphql").await;
    assert_eq!(first.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(first.headers()["x-content-type-options"], "nosniff");
    let nonce = assert_self_only(&policy_of(&first)).expect("the playground's style nonce");
    assert!(nonce.len() >= 32 && nonce.chars().all(|c| c.is_ascii_hexdigit()));
    let page = first.text().await.unwrap();
    assert!(
        page.contains(&format!(
            r#"<meta name="claimdesk-style-nonce" content="{nonce}">"#
        )),
        "the page carries its response's nonce"
    );
    let second = get(&app, "/graphql").await;
    assert_ne!(
        assert_self_only(&policy_of(&second)),
        Some(nonce),
        "every response has a fresh nonce"
    );
}

/// The values of every `src="…"` and `href="…"` attribute of `html`.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["src=\"", "href=\""] {
        for (start, _) in html.match_indices(attribute) {
            let value = &html[start + attribute.len()..];
            found.push(value[..value.find('"').unwrap()].to_owned());
        }
    }
    found
}

/// The URLs of `text` that name a host: `http://…`, `https://…`, `ws(s)://…` or `//…`.
fn absolute_urls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for scheme in [
        "http://", "https://", "ws://", "wss://", "url(//", "\"//", "'//",
    ] {
        for (start, _) in text.match_indices(scheme) {
            found.push(text[start..(start + 60).min(text.len())].to_owned());
        }
    }
    found
}

#[tokio::test]
async fn the_playground_loads_nothing_from_another_host() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let page = get(&app, "/graphql").await.text().await.unwrap();
    assert!(
        absolute_urls(&page).is_empty(),
        "{:?}",
        absolute_urls(&page)
    );
    let loaded = references(&page);
    let scripts = loaded.iter().filter(|path| extension(path) == "js").count();
    assert_eq!(
        scripts, 4,
        "React, ReactDOM, GraphiQL and the playground: {loaded:?}"
    );
    for path in &loaded {
        if path == "data:," {
            continue; // The empty icon, which spares the browser a request for /favicon.ico.
        }
        assert!(path.starts_with("/assets/"), "{path}");
        let response = get(&app, path).await;
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let expected = if extension(path) == "js" {
            "text/javascript"
        } else {
            "text/css"
        };
        assert!(content_type.starts_with(expected), "{path}: {content_type}");
        let text = response.text().await.unwrap();
        if extension(path) == "css" {
            // Every url() of a stylesheet is a data: URL (GraphiQL's fonts and icons).
            for (start, _) in text.match_indices("url(") {
                let target = text[start + 4..].trim_start_matches(['"', '\'']);
                assert!(target.starts_with("data:"), "{path}: {}", &target[..40]);
            }
            assert!(!text.contains("@import"), "{path} imports a stylesheet");
        }
    }
    // The playground's own script asks only for this server's paths.
    let script = get(&app, "/assets/playground/playground.js")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        absolute_urls(&script).is_empty(),
        "{:?}",
        absolute_urls(&script)
    );
    for path in [
        "/graphql",
        "/graphql/ws",
        "/assets/playground/review.graphql",
    ] {
        assert!(script.contains(&format!("\"{path}\"")), "{path}");
    }
}

/// The GraphQL blocks of the README's review walkthrough, in order.
fn readme_review() -> Vec<String> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let section = readme
        .split("## A review in the playground")
        .nth(1)
        .and_then(|rest| rest.split("### The workflow").next())
        .expect("the README's review section");
    section
        .split("```graphql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_default_document_is_the_readmes_review_and_runs_as_it_says() {
    // As `serve --dev-open` runs it: requests without a token act as `local-editor`.
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.dev_open = true).await;
    let document = get(&app, "/assets/playground/review.graphql")
        .await
        .text()
        .await
        .unwrap();
    let operations: Vec<&str> = document
        .lines()
        .skip_while(|line| line.starts_with('#') || line.is_empty())
        .collect();
    assert_eq!(operations.join("\n") + "\n", readme_review().join("\n"));
    let parsed = async_graphql::parser::parse_query(&document).expect("the document parses");
    let mut names: Vec<String> = parsed
        .operations
        .iter()
        .map(|(name, _)| name.expect("named").to_string())
        .collect();
    names.sort_by_key(|name| document.find(&format!(" {name} {{")));
    assert_eq!(
        names,
        [
            "FindJefferies",
            "Flag",
            "Assign",
            "Start",
            "Evidence",
            "Note",
            "Close",
            "History",
            "Reopen",
            "Live"
        ]
    );
    // Each runs on the seeded database with the IDs the README gives, the subscription aside.
    for name in &names[..names.len() - 1] {
        let (_, response) = app
            .with_token(None)
            .post(&json!({ "query": document, "operationName": name }))
            .await;
        assert!(response.get("errors").is_none(), "{name}: {response:#}");
    }
}

#[tokio::test]
async fn a_socket_signs_in_with_graphiqls_header_spelling() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let payload = json!({ "Authorization": format!("Bearer {}", app.token("viewer")) });
    let mut socket = Subscriber::connect_with(&app.ws_url(), payload)
        .await
        .expect("acknowledged");
    socket
        .subscribe("1", "{ viewer { name } }", json!({}))
        .await;
    let answer = socket.next(std::time::Duration::from_secs(5)).await;
    assert_eq!(
        answer,
        Some(json!({ "data": { "viewer": { "name": "viewer" } } }))
    );
    let refused =
        Subscriber::connect_with(&app.ws_url(), json!({ "Authorization": "Bearer cdk_nope" }))
            .await;
    assert!(
        refused.is_err(),
        "an unknown token is refused in any spelling"
    );
}
