//! The HTTP surface: health, GraphiQL, queries over GET, Relay paging and global IDs.

use claimdesk_tests::{TestApp, code, node_strings, on_each_backend};
use serde_json::{Value, json};

use crate::operations::*;

#[tokio::test]
async fn health_readiness_and_the_playground_answer() {
    on_each_backend(health_and_playground).await;
}

async fn health_and_playground(app: TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.json::<Value>().await.unwrap()["database"], "ok");

    let playground = app.get("/graphql").await;
    assert_eq!(playground.status(), 200);
    assert!(
        playground
            .text()
            .await
            .unwrap()
            .to_lowercase()
            .contains("graphiql")
    );
}

#[tokio::test]
async fn queries_run_over_get_but_mutations_do_not() {
    on_each_backend(get_requests).await;
}

async fn get_requests(app: TestApp) {
    let response = app
        .http()
        .get(app.url("/graphql"))
        .bearer_auth(app.token("editor"))
        .query(&[("query", "{ viewer { name role } }")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["data"]["viewer"],
        json!({ "name": "editor", "role": "EDITOR" })
    );

    let claim = jefferies_claim(&app).await;
    let mutation = format!(
        "mutation {{ flagClaim(input: {{claimId: \"{}\", reason: \"via GET\"}}) {{ claim {{ status }} }} }}",
        claim["id"].as_str().unwrap()
    );
    let response = app
        .http()
        .get(app.url("/graphql"))
        .bearer_auth(app.token("editor"))
        .query(&[("query", mutation)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(
        self::claim(&app, claim["id"].as_str().unwrap()).await,
        claim
    );
}

const PAGE: &str = "query Page($first: Int, $after: String, $last: Int, $before: String) {
    claims(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id } }
    }
}";

#[tokio::test]
async fn claims_page_forward_and_backward_without_gaps() {
    on_each_backend(paging).await;
}

async fn paging(app: TestApp) {
    let everything = app.data(PAGE, json!({ "first": 100 })).await["claims"].clone();
    let all = node_strings(&everything, "id");
    let total = usize::try_from(everything["totalCount"].as_u64().unwrap()).unwrap();
    assert_eq!(all.len(), total);

    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = app.data(PAGE, json!({ "first": 5, "after": after })).await["claims"].clone();
        forward.extend(node_strings(&page, "id"));
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(forward, all);

    let mut backward = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = app.data(PAGE, json!({ "last": 7, "before": before })).await["claims"].clone();
        let mut chunk = node_strings(&page, "id");
        chunk.extend(backward);
        backward = chunk;
        if !page["pageInfo"]["hasPreviousPage"].as_bool().unwrap() {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, all);

    let error = app.error(PAGE, json!({ "first": 1000 })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "first");
    let error = app
        .error(PAGE, json!({ "first": 5, "after": "garbage" }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
}

#[tokio::test]
async fn claims_filter_by_status_source_and_article() {
    on_each_backend(filters).await;
}

async fn filters(app: TestApp) {
    let id = &jefferies_claim_id(&app).await;
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "filter" })).await;

    let flagged = find_claims(&app, json!({ "status": ["FLAGGED"] })).await;
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["id"], id.as_str());
    let open = find_claims(&app, json!({ "status": ["NEW", "FLAGGED"] })).await;
    let all = find_claims(&app, json!({})).await;
    assert_eq!(open.len(), all.len());

    let pan = find_claims(&app, json!({ "sourceName": "pan hel" })).await;
    assert!(!pan.is_empty());
    assert!(
        pan.iter()
            .all(|claim| claim["source"]["name"] == "Pan Helin")
    );
    assert!(
        find_claims(&app, json!({ "sourceName": "%" }))
            .await
            .is_empty(),
        "% is literal"
    );

    let count = app
        .data(
            "{ claims(filter: {status: [CLOSED]}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(count["claims"]["totalCount"], 0);
    let error = app
        .error(
            "{ claims(filter: {status: [MAYBE]}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    let error = app.error("{ claims { nope } }", json!({})).await;
    assert_eq!(code(&error), "GRAPHQL_VALIDATION_FAILED");
    let error = app.error("{ claims { ", json!({})).await;
    assert_eq!(code(&error), "GRAPHQL_PARSE_FAILED");
    let error = app
        .error(
            "query($s: [ClaimStatus!]) { claims(filter: {status: $s}) { totalCount } }",
            json!({ "s": ["MAYBE"] }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
}

#[tokio::test]
async fn every_object_is_reachable_by_its_global_id() {
    on_each_backend(nodes).await;
}

async fn nodes(app: TestApp) {
    let id = &jefferies_claim_id(&app).await;
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "nodes" })).await;
    mutate(&app, START, json!({ "claimId": id })).await;
    let evidence = mutate(&app, ATTACH, technical_report(id)).await["evidence"]["id"].clone();
    let note =
        mutate(&app, NOTE, json!({ "claimId": id, "body": "n" })).await["note"]["id"].clone();
    let ids = app
        .data(
            "query($id: ID!) { viewer { id } claim(id: $id) { article { id } source { id } history { id } } }",
            json!({ "id": id }),
        )
        .await;
    let expected = [
        (json!(id), "Claim"),
        (ids["claim"]["article"]["id"].clone(), "Article"),
        (ids["claim"]["source"]["id"].clone(), "Source"),
        (ids["claim"]["history"][0]["id"].clone(), "ClaimEvent"),
        (ids["viewer"]["id"].clone(), "User"),
        (evidence, "Evidence"),
        (note, "Note"),
    ];
    for (node_id, typename) in expected {
        let data = app
            .data(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": node_id }),
            )
            .await;
        assert_eq!(data["node"]["__typename"], typename);
        assert_eq!(data["node"]["id"], node_id);
    }
}

/// The query graphql-js 16's `getIntrospectionQuery()` sends, with its defaults
/// (descriptions on), as GraphiQL sends it to load the schema, but for its `TypeRef` fragment
/// (see [`graphql_js_introspection`]).
const GRAPHQL_JS_INTROSPECTION: &str = "
    query IntrospectionQuery {
      __schema {
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          locations
          args {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      fields(includeDeprecated: true) {
        name
        description
        args {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
    }
";

/// graphql-js 16's introspection query whole: its `TypeRef` fragment nests `ofType` nine
/// times, which makes the query 15 fields deep.
fn graphql_js_introspection() -> String {
    let mut type_ref = String::from("kind name");
    for _ in 0..9 {
        type_ref = format!("kind name ofType {{ {type_ref} }}");
    }
    format!("{GRAPHQL_JS_INTROSPECTION}\n    fragment TypeRef on __Type {{ {type_ref} }}\n")
}

#[tokio::test]
async fn the_playground_introspection_query_passes_the_default_limits() {
    on_each_backend(playground_introspection).await;
}

async fn playground_introspection(app: TestApp) {
    let data = app
        .as_user("viewer")
        .data(&graphql_js_introspection(), json!({}))
        .await;
    let schema = &data["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query");
    assert_eq!(schema["mutationType"]["name"], "Mutation");
    assert_eq!(schema["subscriptionType"]["name"], "Subscription");
    let claim = schema["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Claim")
        .expect("the Claim type");
    assert_eq!(claim["kind"], "OBJECT");
    assert!(claim["fields"].as_array().is_some_and(|f| !f.is_empty()));
}

#[tokio::test]
async fn introspection_can_be_switched_off() {
    for backend in claimdesk_tests::Backend::configured() {
        let app = claimdesk_tests::TestApp::spawn_with(backend, |config| {
            config.limits.no_introspection = true;
        })
        .await;
        // Twice: the second is answered from the server's parsed documents, and must be refused
        // as the first was.
        for _ in 0..2 {
            let error = app
                .error("{ __schema { types { name } } }", json!({}))
                .await;
            assert_eq!(code(&error), "INTROSPECTION_DISABLED");
        }
        let error = app
            .error(r#"{ __type(name: "Claim") { name } }"#, json!({}))
            .await;
        assert_eq!(code(&error), "INTROSPECTION_DISABLED");
        let data = app.data("{ viewer { name } }", json!({})).await;
        assert_eq!(data["viewer"]["name"], "editor");
    }
    let app = claimdesk_tests::TestApp::spawn(claimdesk_tests::Backend::Sqlite).await;
    let data = app
        .data("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn claims_filter_by_verdict_priority_assignee_dates_and_evidence() {
    on_each_backend(more_filters).await;
}

async fn more_filters(app: TestApp) {
    let total = find_claims(&app, json!({})).await.len();
    let id = &jefferies_claim_id(&app).await;
    let editor = user_id(&app, "editor").await;
    mutate(
        &app,
        FLAG,
        json!({ "claimId": id, "reason": "f", "priority": "URGENT" }),
    )
    .await;
    mutate(&app, ASSIGN, json!({ "claimId": id, "assigneeId": editor })).await;
    mutate(&app, START, json!({ "claimId": id })).await;
    mutate(&app, ATTACH, technical_report(id)).await;
    let only_jefferies = |claims: Vec<Value>| {
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(claims[0]["id"], id.as_str());
    };
    only_jefferies(find_claims(&app, json!({ "priority": ["URGENT"] })).await);
    only_jefferies(find_claims(&app, json!({ "assigneeId": editor })).await);
    only_jefferies(find_claims(&app, json!({ "hasEvidence": true })).await);
    only_jefferies(find_claims(&app, json!({ "unassigned": false })).await);
    only_jefferies(find_claims(&app, json!({ "flaggedAfter": "2000-01-01T00:00:00Z" })).await);
    assert_eq!(
        find_claims(&app, json!({ "hasEvidence": false }))
            .await
            .len(),
        total - 1
    );
    assert_eq!(
        find_claims(&app, json!({ "unassigned": true })).await.len(),
        total - 1
    );
    assert!(
        find_claims(&app, json!({ "flaggedBefore": "2000-01-01T00:00:00Z" }))
            .await
            .is_empty()
    );
    assert!(
        find_claims(&app, json!({ "createdAfter": "2999-01-01T00:00:00Z" }))
            .await
            .is_empty()
    );
    assert_eq!(
        find_claims(&app, json!({ "createdBefore": "2999-01-01T00:00:00Z" }))
            .await
            .len(),
        total
    );
    let close = json!({ "claimId": id, "verdict": "MISLEADING", "summary": "Partial cost." });
    mutate(&app, CLOSE, close).await;
    only_jefferies(find_claims(&app, json!({ "verdict": ["MISLEADING", "FALSE"] })).await);
    assert!(
        find_claims(&app, json!({ "verdict": ["TRUE"] }))
            .await
            .is_empty()
    );
    let combined = json!({ "status": ["CLOSED"], "priority": ["URGENT"], "sourceName": "jeff" });
    only_jefferies(find_claims(&app, combined).await);
}

const STATS: &str = "query($filter: ClaimFilter, $days: Int = 30) {
    stats(filter: $filter, days: $days) {
        byStatus { status count }
        byVerdict { verdict count }
        byPriority { priority count }
        openByAssignee { assignee { name } openClaims }
        oldestOpenFlagged { id }
        flagToClose { closed medianSeconds p90Seconds }
        closedPerDay { date count }
    }
}";

#[tokio::test]
async fn stats_count_the_desk_as_the_filter_says() {
    on_each_backend(desk_stats).await;
}

async fn desk_stats(app: TestApp) {
    let all = find_claims(&app, json!({})).await;
    let total = all.len() as u64;
    let high = all
        .iter()
        .filter(|claim| claim["priority"] == "HIGH")
        .count() as u64;
    let stats = app.data(STATS, json!({})).await["stats"].clone();
    assert_eq!(
        stats["byStatus"],
        json!([{ "status": "NEW", "count": total }])
    );
    let high_count = stats["byPriority"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["priority"] == "HIGH");
    assert_eq!(high_count.unwrap()["count"], high);
    assert_eq!(
        stats["flagToClose"],
        json!({ "closed": 0, "medianSeconds": null, "p90Seconds": null })
    );

    let jefferies = jefferies_claim(&app).await;
    let closed_id = jefferies["id"].as_str().unwrap();
    let open = seeded_claim(&app, "278").await;
    let open_id = open["id"].as_str().unwrap();
    let editor = user_id(&app, "editor").await;
    mutate(&app, FLAG, json!({ "claimId": closed_id, "reason": "a" })).await;
    mutate(&app, FLAG, json!({ "claimId": open_id, "reason": "b" })).await;
    mutate(
        &app,
        ASSIGN,
        json!({ "claimId": open_id, "assigneeId": editor }),
    )
    .await;
    mutate(&app, START, json!({ "claimId": closed_id })).await;
    mutate(&app, ATTACH, technical_report(closed_id)).await;
    mutate(
        &app,
        CLOSE,
        json!({ "claimId": closed_id, "verdict": "FALSE", "summary": "No." }),
    )
    .await;

    let stats = app.data(STATS, json!({ "days": 7 })).await["stats"].clone();
    assert_eq!(
        stats["byStatus"],
        json!([
            { "status": "CLOSED", "count": 1 },
            { "status": "FLAGGED", "count": 1 },
            { "status": "NEW", "count": total - 2 },
        ])
    );
    assert_eq!(
        stats["byVerdict"],
        json!([{ "verdict": "FALSE", "count": 1 }])
    );
    assert_eq!(
        stats["openByAssignee"],
        json!([
            { "assignee": null, "openClaims": total - 2 },
            { "assignee": { "name": "editor" }, "openClaims": 1 },
        ])
    );
    assert_eq!(stats["oldestOpenFlagged"], json!([{ "id": open_id }]));
    assert_eq!(stats["flagToClose"]["closed"], 1);
    assert_single_review_time(&app, closed_id, &stats["flagToClose"]).await;
    let days = stats["closedPerDay"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(
        days.iter()
            .map(|day| day["count"].as_u64().unwrap())
            .sum::<u64>(),
        1
    );
    assert_eq!(days[6]["count"], 1, "closed today");

    let filtered = app
        .data(STATS, json!({ "filter": { "sourceName": "jefferies" } }))
        .await;
    assert_eq!(
        filtered["stats"]["byStatus"],
        json!([{ "status": "CLOSED", "count": 1 }])
    );
    let error = app.error(STATS, json!({ "days": 0 })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
}

/// With one review, its median and 90th percentile are its own time from flag to close.
async fn assert_single_review_time(app: &TestApp, claim_id: &str, flag_to_close: &Value) {
    let times = app
        .data(
            "query($id: ID!) { claim(id: $id) { flaggedAt closedAt } }",
            json!({ "id": claim_id }),
        )
        .await;
    let instant = |field: &str| {
        let text = times["claim"][field].as_str().unwrap();
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    };
    let took = (instant("closedAt") - instant("flaggedAt")).as_seconds_f64();
    for percentile in ["medianSeconds", "p90Seconds"] {
        let seconds = flag_to_close[percentile].as_f64().unwrap();
        assert!(
            (seconds - took).abs() < 1e-3,
            "{percentile}: {seconds} against {took}"
        );
    }
}

#[tokio::test]
async fn sources_count_their_claims_in_all_and_by_verdict() {
    on_each_backend(source_counts).await;
}

async fn source_counts(app: TestApp) {
    let query = "{ sources(first: 100) { edges { node {
        name claimCount claimsByVerdict { verdict count } } } } }";
    let by_name = |data: &Value, name: &str| {
        claimdesk_tests::nodes(&data["sources"])
            .into_iter()
            .find(|node| node["name"] == name)
            .unwrap()
    };
    let pan = find_claims(&app, json!({ "sourceName": "pan helin" }))
        .await
        .len();
    let data = app.data(query, json!({})).await;
    assert_eq!(by_name(&data, "Pan Helin")["claimCount"], pan);
    assert_eq!(by_name(&data, "DeepSeek")["claimCount"], 0);
    assert_eq!(
        by_name(&data, "Jefferies analysts")["claimsByVerdict"],
        json!([])
    );

    let jefferies = jefferies_claim(&app).await;
    let id = jefferies["id"].as_str().unwrap();
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "r" })).await;
    mutate(&app, START, json!({ "claimId": id })).await;
    mutate(&app, ATTACH, technical_report(id)).await;
    mutate(
        &app,
        CLOSE,
        json!({ "claimId": id, "verdict": "MISLEADING", "summary": "s" }),
    )
    .await;
    let data = app.data(query, json!({})).await;
    let jefferies = by_name(&data, "Jefferies analysts");
    assert_eq!(jefferies["claimCount"], 1);
    assert_eq!(
        jefferies["claimsByVerdict"],
        json!([{ "verdict": "MISLEADING", "count": 1 }])
    );
}
