//! "Checked before?": a repeat of a closed claim arrives matched to it and takes its verdict,
//! and another publisher's imported reviews match new claims.

use claimdesk_tests::{TestApp, code, on_each_backend, row_number};
use serde_json::{Value, json};

use crate::{operations::*, scenario::review_until_closed};

const MATCH_FIELDS: &str = "fragment MatchFields on ClaimMatch {
    claim { id text status verdict }
    score state
    reasons { kind agrees first second description }
}";

const INGEST_MATCHED: &str = "mutation($input: IngestArticleInput!) {
    ingestArticle(input: $input) { claims { id text version matches { ...MatchFields } } } }";

const CONFIRM: &str = "mutation($input: MatchInput!) {
    confirmMatch(input: $input) { claim { id version } match { ...MatchFields } } }";

const REJECT: &str = "mutation($input: MatchInput!) {
    rejectMatch(input: $input) { claim { id } match { ...MatchFields } } }";

const APPLY: &str = "mutation Apply($input: ApplyMatchedVerdictInput!) {
    applyMatchedVerdict(input: $input) { claim { ...ClaimFields
        claimReview evidence { url publisher stance }
        history { kind detail } } } }";

const MATCH_CLAIM: &str = "query($text: String!) { matchClaim(text: $text) { ...MatchFields } }";

const IMPORT: &str = "mutation($input: ImportClaimReviewsInput!) {
    importClaimReviews(input: $input) { unchanged imported { id status verdict verdictSummary
        claimReview article { url publisher } source { name } } } }";

const MATCHED_LIST: &str = "query($filter: ClaimFilter) {
    claims(filter: $filter, first: 50) { edges { node { id } } } }";

/// The repeat: the $5.6 million figure in other words, credited to Morgan Stanley.
fn repeat_article() -> Value {
    let quote = "Training DeepSeek's latest models cost only US$5,600,000, under a tenth of \
                 what Meta spent training its Llama model, according to Morgan Stanley.";
    json!({
        "url": "https://news.example/2025/02/10/deepseek-cost",
        "title": "DeepSeek's bargain model",
        "publisher": "News Example",
        "body": format!("Markets wobbled again. {quote} Investors were unconvinced."),
        "claims": [{
            "externalId": "morgan-stanley-cost",
            "text": quote,
            "quote": quote,
            "source": { "name": "Morgan Stanley", "kind": "ORGANIZATION" },
            "attribution": "REPORTED",
        }],
    })
}

/// Runs `judgement` (`CONFIRM` or `REJECT`) on `link` as a reviewer, and returns its data.
async fn judge(app: &TestApp, judgement: &str, link: &Value) -> Value {
    let mutation = format!("{judgement}\n{MATCH_FIELDS}");
    app.as_user("reviewer")
        .data(&mutation, json!({ "input": link }))
        .await
}

/// The stored claims `matchClaim` finds for `text`, best first.
async fn matches_of(app: &TestApp, text: &str) -> Value {
    let query = format!("{MATCH_CLAIM}\n{MATCH_FIELDS}");
    app.data(&query, json!({ "text": text })).await["matchClaim"].clone()
}

#[tokio::test]
async fn a_repeat_of_a_closed_claim_takes_its_verdict() {
    on_each_backend(repeat_takes_the_verdict).await;
}

#[allow(
    clippy::too_many_lines,
    reason = "one scenario, checked at each step as the issue describes it"
)]
async fn repeat_takes_the_verdict(app: TestApp) {
    let (jefferies, _) = review_until_closed(&app).await;

    let ingested = app
        .as_user("ingest")
        .data(
            &format!("{INGEST_MATCHED}\n{MATCH_FIELDS}"),
            json!({ "input": repeat_article() }),
        )
        .await["ingestArticle"]["claims"][0]
        .clone();
    let copy = ingested["id"].as_str().unwrap().to_owned();
    let best = &ingested["matches"][0];
    assert_eq!(best["claim"]["id"], jefferies.as_str(), "{ingested:#}");
    assert_eq!(best["claim"]["verdict"], "MISLEADING");
    let score = best["score"].as_f64().unwrap();
    assert!((0.7..=1.0).contains(&score), "{best:#}");
    let kinds = each_text(&best["reasons"], "kind");
    assert!(kinds.contains(&"SHARED_QUANTITY"), "{kinds:?}");
    let state = best["state"].as_str().unwrap().to_owned();
    assert!(state == "SUGGESTED" || state == "CONFIRMED");

    // The desk's list of new copies of claims already checked holds it.
    let listed = app
        .data(
            MATCHED_LIST,
            json!({ "filter": { "matchState": [state], "hasClosedMatch": true } }),
        )
        .await;
    let ids = claimdesk_tests::node_strings(&listed["claims"], "id");
    assert_eq!(ids, std::slice::from_ref(&copy));
    let none = app
        .data(
            MATCHED_LIST,
            json!({ "filter": { "matchState": ["REJECTED"], "hasClosedMatch": true } }),
        )
        .await;
    assert!(claimdesk_tests::node_strings(&none["claims"], "id").is_empty());

    // A reviewer confirms the match; the event is on the copy.
    let link = json!({ "claimId": copy, "matchedClaimId": jefferies });
    let confirmed = judge(&app, CONFIRM, &link).await["confirmMatch"].clone();
    assert_eq!(confirmed["match"]["state"], "CONFIRMED");
    let viewer = app
        .as_user("viewer")
        .graphql(
            &format!("{CONFIRM}\n{MATCH_FIELDS}"),
            json!({ "input": link }),
        )
        .await;
    assert_eq!(code(&viewer["errors"][0]), "FORBIDDEN");

    // Applying needs the workflow of closeReview: a NEW claim cannot take a verdict on facts.
    let apply = json!({ "claimId": copy, "fromClaimId": jefferies });
    let refused = refuse(&app, APPLY, apply.clone()).await;
    assert_eq!(code(&refused), "INVALID_TRANSITION");
    let flag = json!({ "claimId": copy, "reason": "A repeat of a checked claim" });
    mutate_as(&app, "reviewer", FLAG, flag).await;
    let started = mutate_as(&app, "reviewer", START, json!({ "claimId": copy })).await;
    let version = started["claim"]["version"].as_i64().unwrap();
    let outdated = refuse(
        &app,
        APPLY,
        json!({ "claimId": copy, "fromClaimId": jefferies, "expectedVersion": version - 1 }),
    )
    .await;
    assert_eq!(code(&outdated), "CONFLICT");
    let refused = app
        .as_user("reviewer")
        .error(&with_fields(APPLY), json!({ "input": apply }))
        .await;
    assert_eq!(code(&refused), "FORBIDDEN");

    let closed = mutate(
        &app,
        APPLY,
        json!({ "claimId": copy, "fromClaimId": jefferies, "expectedVersion": version }),
    )
    .await["claim"]
        .clone();
    assert_eq!(closed["status"], "CLOSED");
    assert_eq!(closed["verdict"], "MISLEADING");
    let original = claim(&app, &jefferies).await;
    assert_eq!(closed["verdictSummary"], original["verdictSummary"]);
    let review_url = format!(
        "https://factcheck.example/reviews/claim-reviews/{}",
        row_number(&jefferies)
    );
    assert_eq!(closed["evidence"][0]["url"], review_url.as_str());
    assert_eq!(
        closed["claimReview"]["isBasedOn"]["url"],
        review_url.as_str()
    );
    let kinds = history_kinds(&closed);
    assert_eq!(
        kinds[kinds.len() - 5..],
        [
            "MATCH_CONFIRMED",
            "FLAGGED",
            "REVIEW_STARTED",
            "EVIDENCE_ATTACHED",
            "CLOSED"
        ]
    );
    let last = closed["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["detail"]["fromClaimId"]
            .as_i64()
            .map(|id| id.to_string()),
        Some(row_number(&jefferies).to_string())
    );
    assert_eq!(last["detail"]["basedOn"], review_url.as_str());

    // The verdict cannot be applied twice, nor from a rejected match.
    let again = refuse(&app, APPLY, apply).await;
    assert_eq!(code(&again), "INVALID_TRANSITION");
    let rejected = judge(&app, REJECT, &link).await["rejectMatch"].clone();
    assert_eq!(rejected["match"]["state"], "REJECTED");
}

/// Another publisher's feed, as ClaimDesk itself publishes one.
fn other_feed() -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "publisher": { "@type": "Organization", "name": "Other Checks" },
        "dataFeedElement": [{
            "@type": "ClaimReview",
            "url": "https://other-checks.example/reviews/eiffel-tower",
            "claimReviewed": "The Eiffel Tower grew 15 centimetres taller during the heatwave of 2022.",
            "datePublished": "2022-08-01",
            "itemReviewed": { "@type": "Claim", "author": { "@type": "Person", "name": "A blogger" } },
            "reviewRating": { "@type": "Rating", "ratingValue": 1, "bestRating": 5,
                              "worstRating": 1, "alternateName": "False" },
            "reviewBody": "Metal expands in heat, but by a few centimetres at most."
        }]
    })
}

#[tokio::test]
async fn an_imported_feed_matches_a_new_claim() {
    on_each_backend(imported_feed_matches).await;
}

async fn imported_feed_matches(app: TestApp) {
    let input = json!({ "input": { "document": other_feed() } });
    let imported = app.data(IMPORT, input.clone()).await["importClaimReviews"].clone();
    assert_eq!(imported["unchanged"], 0);
    let review = imported["imported"][0].clone();
    assert_eq!(review["status"], "CLOSED");
    assert_eq!(review["verdict"], "FALSE");
    assert_eq!(
        review["claimReview"],
        Value::Null,
        "not republished as ours"
    );
    assert_eq!(review["article"]["publisher"], "Other Checks");
    assert_eq!(review["source"]["name"], "A blogger");
    let again = app.data(IMPORT, input).await["importClaimReviews"].clone();
    assert_eq!(again, json!({ "unchanged": 1, "imported": [] }));
    let bad = app
        .error(
            IMPORT,
            json!({ "input": { "document": { "@type": "ClaimReview" } } }),
        )
        .await;
    assert_eq!(code(&bad), "BAD_USER_INPUT");
    assert_eq!(bad["extensions"]["field"], "document[0].url");

    let text = "During the 2022 heatwave, the Eiffel Tower grew 15 centimetres taller, a tour \
                guide claimed.";
    let found = matches_of(&app, text).await;
    assert_eq!(found[0]["claim"]["id"], review["id"], "{found:#}");
    assert_eq!(found[0]["state"], "SUGGESTED");
    let near = "During the 2022 heatwave, the Eiffel Tower grew 50 centimetres taller.";
    let none = matches_of(&app, near).await;
    assert_eq!(none, json!([]), "a changed number is another claim");

    let article = json!({
        "url": "https://news.example/2025/07/01/paris",
        "title": "Paris in the heat",
        "body": format!("Tourists queued for hours. {text}"),
        "claims": [{ "text": text, "quote": text }],
    });
    let ingested = app
        .as_user("ingest")
        .data(
            &format!("{INGEST_MATCHED}\n{MATCH_FIELDS}"),
            json!({ "input": article }),
        )
        .await["ingestArticle"]["claims"][0]
        .clone();
    assert_eq!(
        ingested["matches"][0]["claim"]["id"], review["id"],
        "{ingested:#}"
    );
    assert_eq!(ingested["matches"][0]["claim"]["verdict"], "FALSE");
}
