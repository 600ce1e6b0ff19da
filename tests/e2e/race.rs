//! Concurrent changes to one claim: exactly one applies.

use claimdesk_tests::{TestApp, code, on_each_backend};
use futures::future::join_all;
use serde_json::json;

use crate::operations::*;

#[tokio::test]
async fn of_twenty_concurrent_closes_exactly_one_succeeds() {
    on_each_backend(twenty_closes).await;
}

async fn twenty_closes(app: TestApp) {
    let claim = jefferies_claim(&app).await;
    let id = claim["id"].as_str().unwrap().to_owned();
    mutate(&app, FLAG, json!({ "claimId": id, "reason": "race" })).await;
    mutate(&app, START, json!({ "claimId": id })).await;
    mutate(&app, ATTACH, technical_report(&id)).await;
    let version = self::claim(&app, &id).await["version"].as_i64().unwrap();

    let close = with_fields(CLOSE);
    let attempts = (0..20).map(|n| {
        let input = json!({
            "claimId": id,
            "verdict": if n % 2 == 0 { "MISLEADING" } else { "MOSTLY_TRUE" },
            "summary": format!("Closed by attempt {n}."),
        });
        app.graphql(&close, json!({ "input": input }))
    });
    let responses = join_all(attempts).await;

    let mut succeeded = 0;
    for response in &responses {
        match response.get("errors") {
            None => succeeded += 1,
            Some(errors) => {
                let code = code(&errors[0]);
                assert!(
                    code == "CONFLICT" || code == "INVALID_TRANSITION",
                    "{response:#}"
                );
            }
        }
    }
    assert_eq!(succeeded, 1, "exactly one close applies");
    let after = self::claim(&app, &id).await;
    assert_eq!(after["status"], "CLOSED");
    assert_eq!(after["version"], version + 1);
    assert_eq!(
        history_kinds(&after)
            .iter()
            .filter(|kind| **kind == "CLOSED")
            .count(),
        1
    );
}
