//! Ingestion by bots: idempotent, all-or-nothing, with revisions that re-anchor claims; and
//! publishing closed reviews as ClaimReview.

use claimdesk_tests::{TestApp, code, on_each_backend, row_number};
use futures::future::join_all;
use serde_json::{Value, json};

use crate::operations::*;

const INGEST: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
        outcome reanchored anchorsLost
        article { id revision body }
        claims { id externalId status quote span { start end } anchorLost source { name kind description } }
    }
}";

const BODY: &str = "City Hall said on Monday that the new budget totals $4.2 billion. \
Mayor Ana Ruiz said the plan adds 300 teachers. Critics called it reckless.";

fn article(body: &str) -> Value {
    json!({
        "url": "https://example.org/news/budget",
        "title": "Budget",
        "publisher": "Example News",
        "author": "J. Doe",
        "publishedAt": "2025-02-03T08:00:00Z",
        "body": body,
        "claims": [
            { "externalId": "total", "text": "The budget totals $4.2 billion.",
              "quote": "the new budget totals $4.2 billion.",
              "source": { "name": "City Hall", "kind": "GOVERNMENT" }, "attribution": "REPORTED" },
            { "externalId": "teachers", "text": "The plan adds 300 teachers.",
              "quote": "Mayor Ana Ruiz said the plan adds 300 teachers.",
              "source": { "name": "Ana Ruiz", "kind": "PERSON", "description": "Mayor" },
              "attribution": "PARAPHRASE", "priority": "HIGH" },
        ],
    })
}

#[tokio::test]
async fn ingesting_twice_is_unchanged_and_parallel_retries_create_one_article() {
    on_each_backend(idempotent_ingestion).await;
}

async fn idempotent_ingestion(app: TestApp) {
    let first = app.ingest(INGEST, article(BODY)).await;
    assert_eq!(first["outcome"], "CREATED");
    assert_eq!(first["claims"].as_array().unwrap().len(), 2);
    assert_eq!(
        first["claims"][1]["source"],
        json!({ "name": "Ana Ruiz", "kind": "PERSON", "description": "Mayor" })
    );
    assert_eq!(
        first["claims"][0]["span"],
        json!({ "start": 30, "end": 65 })
    );
    let again = app.ingest(INGEST, article(BODY)).await;
    assert_eq!(again["outcome"], "UNCHANGED");
    assert_eq!(again["claims"], json!([]));
    assert_eq!(again["article"]["id"], first["article"]["id"]);
    let budget = find_claims(&app, json!({ "articleId": first["article"]["id"] })).await;
    assert_eq!(budget.len(), 2, "the retry created no claim");

    let mut other = article("Ten percent of buses were late in May, the transit agency said.");
    other["url"] = json!("https://example.org/news/buses");
    other["claims"] = json!([{ "externalId": "late", "text": "10% of buses were late in May.",
        "quote": "Ten percent of buses were late in May", "attribution": "REPORTED" }]);
    let client = app.as_user("ingest");
    let requests = (0..10).map(|_| client.graphql(INGEST, json!({ "input": other })));
    let responses = join_all(requests).await;
    let outcomes: Vec<&str> = responses
        .iter()
        .map(|r| r["data"]["ingestArticle"]["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "CREATED").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(outcomes.iter().filter(|o| **o == "UNCHANGED").count(), 9);
    let articles = app.data("{ articles { totalCount } }", json!({})).await;
    assert_eq!(
        articles["articles"]["totalCount"], 3,
        "the seed and two ingested"
    );
    let created: Vec<usize> = responses
        .iter()
        .map(|r| {
            r["data"]["ingestArticle"]["claims"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(created.iter().sum::<usize>(), 1, "{created:?}");
    let late = find_claims(
        &app,
        json!({ "articleId": responses[0]["data"]["ingestArticle"]["article"]["id"] }),
    )
    .await;
    assert_eq!(late.len(), 1, "one claim for ten identical requests");
    assert_eq!(late[0]["quote"], "Ten percent of buses were late in May");
}

/// The README's example without `externalId`s: claims are known by their text, quote and span.
fn plain_article(url: &str) -> Value {
    json!({
        "url": url,
        "title": "Budget",
        "body": "City Hall said on Monday that the new budget totals $4.2 billion. \
            Critics called it reckless.",
        "claims": [
            { "text": "The budget totals $4.2 billion.",
              "quote": "the new budget totals $4.2 billion.",
              "source": { "name": "City Hall", "kind": "GOVERNMENT" }, "attribution": "REPORTED" },
            { "text": "Critics called the budget reckless.", "quote": "Critics called it reckless.",
              "span": { "start": 66, "end": 93 } },
        ],
    })
}

/// The number of claims of every article, and of the article at `url`.
async fn claim_counts(app: &TestApp, article_id: &Value) -> (u64, usize) {
    let all = app.data("{ claims { totalCount } }", json!({})).await["claims"]["totalCount"]
        .as_u64()
        .unwrap();
    let of_article = find_claims(app, json!({ "articleId": article_id })).await;
    (all, of_article.len())
}

#[tokio::test]
async fn retries_without_external_ids_create_each_claim_once() {
    on_each_backend(retries_without_external_ids).await;
}

async fn retries_without_external_ids(app: TestApp) {
    let first = app
        .ingest(INGEST, plain_article("https://example.org/news/plain"))
        .await;
    assert_eq!(first["outcome"], "CREATED");
    let article_id = first["article"]["id"].clone();
    let quotes = each_text(&first["claims"], "quote");
    assert_eq!(
        quotes,
        [
            "the new budget totals $4.2 billion.",
            "Critics called it reckless."
        ]
    );
    let before = claim_counts(&app, &article_id).await;
    assert_eq!(before.1, 2);
    let history = claim(&app, first["claims"][0]["id"].as_str().unwrap()).await["history"].clone();

    for _ in 0..2 {
        let again = app
            .ingest(INGEST, plain_article("https://example.org/news/plain"))
            .await;
        assert_eq!(
            (&again["outcome"], &again["claims"]),
            (&json!("UNCHANGED"), &json!([]))
        );
    }
    assert_eq!(
        claim_counts(&app, &article_id).await,
        before,
        "nothing was written"
    );
    assert_eq!(
        claim(&app, first["claims"][0]["id"].as_str().unwrap()).await["history"],
        history
    );

    // The same text elsewhere, or other text at the same span, is another claim.
    let mut more = plain_article("https://example.org/news/plain");
    more["claims"][1]["text"] = json!("Critics think the budget is reckless.");
    let more = app.ingest(INGEST, more).await;
    assert_eq!(more["outcome"], "UNCHANGED");
    let created = more["claims"].as_array().unwrap();
    assert_eq!(created.len(), 1, "{more:#}");
    assert_eq!(created[0]["quote"], "Critics called it reckless.");
    assert_eq!(created[0]["externalId"], Value::Null);
    assert_eq!(claim_counts(&app, &article_id).await.1, 3);

    // Ten identical requests in parallel: one article with its two claims.
    let parallel = plain_article("https://example.org/news/parallel");
    let client = app.as_user("ingest");
    let requests = (0..10).map(|_| client.graphql(INGEST, json!({ "input": parallel })));
    let responses = join_all(requests).await;
    let payloads: Vec<&Value> = responses
        .iter()
        .map(|r| &r["data"]["ingestArticle"])
        .collect();
    let outcomes: Vec<&str> = payloads
        .iter()
        .map(|p| p["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "CREATED").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(outcomes.iter().filter(|o| **o == "UNCHANGED").count(), 9);
    let created: usize = payloads
        .iter()
        .map(|p| p["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(created, 2);
    let article_ids: Vec<&Value> = payloads.iter().map(|p| &p["article"]["id"]).collect();
    assert!(article_ids.iter().all(|id| *id == article_ids[0]));
    assert_eq!(claim_counts(&app, article_ids[0]).await.1, 2);
    let articles = app.data("{ articles { totalCount } }", json!({})).await;
    assert_eq!(
        articles["articles"]["totalCount"], 3,
        "the seed and two ingested"
    );
}

#[tokio::test]
async fn a_claim_repeated_within_one_request_is_reported_and_nothing_is_written() {
    on_each_backend(repeated_claims).await;
}

async fn repeated_claims(app: TestApp) {
    let mut input = article(BODY);
    let claims = input["claims"].as_array_mut().unwrap();
    let mut again = claims[0].clone();
    again["text"] = json!("Another claim under the same externalId.");
    again["quote"] = json!("Critics called it reckless.");
    claims.push(again);
    let plain =
        json!({ "text": "Critics called it reckless.", "quote": "Critics called it reckless." });
    claims.push(plain.clone());
    claims.push(plain);
    let error = app
        .as_user("ingest")
        .error(INGEST, json!({ "input": input }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    let items: Vec<(u64, &str)> = error["extensions"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["index"].as_u64().unwrap(),
                item["field"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(items, [(2, "externalId"), (4, "span")], "{error:#}");
    let articles = app.data("{ articles { totalCount } }", json!({})).await;
    assert_eq!(articles["articles"]["totalCount"], 1, "nothing was written");

    // Against a known article too.
    let first = app.ingest(INGEST, article(BODY)).await;
    let before = claim_counts(&app, &first["article"]["id"]).await;
    let error = app
        .as_user("ingest")
        .error(INGEST, json!({ "input": input }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(claim_counts(&app, &first["article"]["id"]).await, before);
}

#[tokio::test]
async fn every_bad_claim_is_reported_with_its_index_and_nothing_is_written() {
    on_each_backend(all_or_nothing).await;
}

async fn all_or_nothing(app: TestApp) {
    let mut input = article(BODY);
    input["claims"] = json!([
        { "text": "Fine.", "quote": "Critics called it reckless." },
        { "text": "", "quote": "Critics called it reckless." },
        { "text": "Not there.", "quote": "The council agreed." },
        { "text": "Wrong span.", "quote": "Critics", "span": { "start": 0, "end": 7 } },
    ]);
    let error = app
        .as_user("ingest")
        .error(INGEST, json!({ "input": input }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    let items = error["extensions"]["items"].as_array().unwrap();
    let indexes: Vec<u64> = items
        .iter()
        .map(|item| item["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indexes, [1, 2, 3]);
    assert_eq!(items[0]["field"], "text");
    assert_eq!(items[1]["field"], "quote");
    let articles = app.data("{ articles { totalCount } }", json!({})).await;
    assert_eq!(articles["articles"]["totalCount"], 1, "nothing was written");

    let error = app
        .as_user("viewer")
        .error(INGEST, json!({ "input": article(BODY) }))
        .await;
    assert_eq!(
        (code(&error), &error["extensions"]["requiredRole"]),
        ("FORBIDDEN", &json!("INGEST"))
    );
}

#[tokio::test]
async fn a_revised_body_reanchors_claims_and_marks_lost_quotes() {
    on_each_backend(revision).await;
}

async fn revision(app: TestApp) {
    let first = app.ingest(INGEST, article(BODY)).await;
    let total_id = first["claims"][0]["id"].as_str().unwrap().to_owned();
    let teachers_id = first["claims"][1]["id"].as_str().unwrap().to_owned();
    // Review work on a claim must survive the revision.
    mutate(
        &app,
        FLAG,
        json!({ "claimId": total_id, "reason": "big number", "priority": "HIGH" }),
    )
    .await;

    let revised_body = "UPDATED. City Hall said on Monday that the new budget totals $4.2 billion. \
Critics called it reckless.";
    // The bot sends the new body; the claims it knew are matched by the server.
    let mut input = article(revised_body);
    input["claims"] = json!([]);
    let revised = app.ingest(INGEST, input).await;
    assert_eq!(revised["outcome"], "REVISED");
    assert_eq!(
        (
            revised["reanchored"].as_u64(),
            revised["anchorsLost"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(revised["article"]["revision"], 2);

    let total = claim(&app, &total_id).await;
    assert_eq!(total["status"], "FLAGGED", "no review state is lost");
    assert_eq!(total["span"], json!({ "start": 39, "end": 74 }));
    assert_eq!(history_kinds(&total), ["CREATED", "FLAGGED", "REANCHORED"]);
    let body: Vec<char> = revised_body.chars().collect();
    let at: String = body[39..74].iter().collect();
    assert_eq!(at, total["quote"].as_str().unwrap());

    let lost = app
        .data(
            "query($id: ID!) { claim(id: $id) { anchorLost history { kind } } }",
            json!({ "id": teachers_id }),
        )
        .await;
    assert_eq!(lost["claim"]["anchorLost"], true);
    assert_eq!(history_kinds(&lost["claim"]), ["CREATED", "ANCHOR_LOST"]);
    let filtered = find_claims(&app, json!({ "anchorLost": true })).await;
    assert_eq!(filtered.len(), 1);
    assert_eq!(filtered[0]["id"], teachers_id.as_str());
}

#[tokio::test]
async fn a_closed_review_is_published_as_claim_review() {
    on_each_backend(publishing).await;
}

async fn publishing(app: TestApp) {
    let jefferies = jefferies_claim(&app).await;
    let id = jefferies["id"].as_str().unwrap();
    let row = app
        .data(
            "query($id: ID!) { claim(id: $id) { claimReview } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        row["claim"]["claimReview"],
        Value::Null,
        "an open review is not published"
    );
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "cost" })).await;
    mutate(&app, START, json!({ "claimId": id })).await;
    mutate(&app, ATTACH, technical_report(id)).await;
    let summary = "The figure covers only the final training run.";
    mutate(
        &app,
        CLOSE,
        json!({ "claimId": id, "verdict": "MISLEADING", "summary": summary }),
    )
    .await;

    let review = app
        .data(
            "query($id: ID!) { claim(id: $id) { claimReview } }",
            json!({ "id": id }),
        )
        .await["claim"]["claimReview"]
        .clone();
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["claimReviewed"], jefferies["text"]);
    assert!(
        review["url"]
            .as_str()
            .unwrap()
            .starts_with("https://factcheck.example/reviews/claim-reviews/")
    );
    assert!(review["datePublished"].is_string());
    assert_eq!(review["author"]["name"], "Test Fact Check");
    assert_eq!(review["reviewRating"]["alternateName"], "Misleading");
    assert!(review["reviewRating"]["ratingValue"].is_number());
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        review["itemReviewed"]["author"]["name"],
        "Jefferies analysts"
    );
    assert_eq!(review["itemReviewed"]["author"]["@type"], "Organization");
    assert_eq!(
        review["itemReviewed"]["appearance"]["url"],
        "https://ainews.date/jqBeOoX7dm7"
    );
    assert_eq!(review["itemReviewed"]["datePublished"], "2025-02-03");

    // The review's own URL resolves: the test server stands for the configured public base.
    let public = review["url"].as_str().unwrap();
    let local = public.replace("https://factcheck.example/reviews", &app.url(""));
    let itself = app.http().get(&local).send().await.unwrap();
    assert_eq!(itself.status(), 200, "{local}");
    assert_eq!(itself.headers()["content-type"], "application/ld+json");
    assert_eq!(itself.json::<Value>().await.unwrap(), review);

    let row_id = public.rsplit('/').next().unwrap().to_owned();
    let one = app.get(&format!("/claim-reviews/{row_id}.jsonld")).await;
    assert_eq!(one.status(), 200);
    assert_eq!(one.headers()["content-type"], "application/ld+json");
    assert_eq!(one.json::<Value>().await.unwrap(), review);
    let open = seeded_claim(&app, "278").await;
    let open_row = row_number(open["id"].as_str().unwrap()).to_string();
    let missing = app.get(&format!("/claim-reviews/{open_row}.jsonld")).await;
    assert_eq!(missing.status(), 404);

    review_feed_pages(&app).await;
}

/// With one review closed already, closes a second and pages through the feed one by one.
async fn review_feed_pages(app: &TestApp) {
    // A second closed review, so that the feed has two pages of one.
    let dismissed = seeded_claim(app, "278").await;
    let close =
        json!({ "claimId": dismissed["id"], "verdict": "NOT_CHECKABLE", "summary": "Vague." });
    mutate(app, CLOSE, close).await;
    let first_page = app.get("/claim-reviews.jsonld?limit=1").await;
    let next = first_page.headers()["link"].to_str().unwrap().to_owned();
    assert!(
        next.contains("rel=\"next\"") && next.contains("after="),
        "{next}"
    );
    let first_page: Value = first_page.json().await.unwrap();
    assert_eq!(first_page["dataFeedElement"].as_array().unwrap().len(), 1);
    let after = next
        .split("after=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let second_page = app
        .get(&format!("/claim-reviews.jsonld?limit=1&after={after}"))
        .await;
    assert!(second_page.headers().get("link").is_none(), "the last page");
    let second_page: Value = second_page.json().await.unwrap();
    let elements = [
        &first_page["dataFeedElement"][0],
        &second_page["dataFeedElement"][0],
    ];
    assert_ne!(elements[0]["url"], elements[1]["url"]);
    let mut labels: Vec<&str> = elements
        .iter()
        .map(|review| review["reviewRating"]["alternateName"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Misleading", "Not checkable"]);
    let unrated = elements
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "Not checkable");
    assert!(
        unrated.unwrap()["reviewRating"]
            .get("ratingValue")
            .is_none()
    );

    let feed = app.get("/claim-reviews.jsonld?limit=10").await;
    assert_eq!(feed.status(), 200);
    let feed: Value = feed.json().await.unwrap();
    assert_eq!(feed["@type"], "DataFeed");
    assert_eq!(feed["dataFeedElement"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn detected_claims_enter_as_new_with_their_scores_once() {
    on_each_backend(detection).await;
}

async fn detection(app: TestApp) {
    let seed = app
        .data(
            "{ articles(first: 1) { edges { node { body } } } }",
            json!({}),
        )
        .await;
    let body = seed["articles"]["edges"][0]["node"]["body"]
        .as_str()
        .unwrap()
        .to_owned();
    let detected_fields = "mutation($input: IngestArticleInput!) {
        ingestArticle(input: $input) {
            outcome
            claims { status quote checkWorthiness category attribution source { name kind } }
        }
    }";
    let input = json!({
        "url": "https://example.org/a-copy", "title": "A copy", "body": body, "detectClaims": true,
    });
    let client = app.as_user("ingest");
    let first = client
        .data(detected_fields, json!({ "input": input }))
        .await["ingestArticle"]
        .clone();
    let claims = first["claims"].as_array().unwrap();
    assert!(claims.len() >= 12, "{} claims detected", claims.len());
    for claim in claims {
        assert_eq!(claim["status"], "NEW");
        let score = claim["checkWorthiness"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&score), "{claim}");
        assert!(claim["category"].is_string());
    }
    let jefferies = claims
        .iter()
        .find(|claim| claim["quote"].as_str().unwrap().contains("$5.6 million"))
        .expect("the training-cost claim is detected");
    assert_eq!(
        jefferies["source"],
        json!({ "name": "Jefferies analysts", "kind": "ORGANIZATION" })
    );
    assert_eq!(jefferies["category"], "STATISTIC");

    let again = client
        .data(detected_fields, json!({ "input": input }))
        .await["ingestArticle"]
        .clone();
    assert_eq!(
        (&again["outcome"], &again["claims"]),
        (&json!("UNCHANGED"), &json!([]))
    );
}
