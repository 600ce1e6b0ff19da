//! What an export of claims (`claimdesk export`, `GET /export/claims.csv`) shares with the
//! `claims` field: the filter, given as the JSON of a `ClaimFilter` input and checked by the
//! same code, and the global IDs the API shows.

use async_graphql::{InputType, Pos, Value};
use claimdesk_store::ClaimFilter as StoreClaimFilter;

use crate::{ApiError, id::NodeType, query::ClaimFilter};

/// The store's filter for `json`, a `ClaimFilter` input written as JSON with the input's
/// field names (`{"status": ["FLAGGED"], "sourceName": "bank"}`). A filter the `claims` field
/// would refuse is refused with the same `BAD_USER_INPUT` error.
pub fn claim_filter_from_json(json: &str) -> Result<StoreClaimFilter, ApiError> {
    let json: serde_json::Value = serde_json::from_str(json)
        .map_err(|error| ApiError::bad_input("filter", format!("filter is not JSON: {error}")))?;
    let value = Value::from_json(json)
        .map_err(|error| ApiError::bad_input("filter", format!("filter is not JSON: {error}")))?;
    let given = match &value {
        Value::Object(fields) => fields.keys().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let filter = ClaimFilter::parse(Some(value)).map_err(|error| {
        let message = error.into_server_error(Pos::default()).message;
        ApiError::bad_input("filter", format!("filter: {message}"))
    })?;
    // Parsing ignores unknown fields, which GraphQL's validation refuses; a misspelt field
    // must not export every claim.
    if let Value::Object(known) = filter.to_value()
        && let Some(unknown) = given.iter().find(|name| !known.contains_key(*name))
    {
        let message = format!("filter: ClaimFilter has no field {unknown:?}");
        return Err(ApiError::bad_input("filter", message));
    }
    filter.into_store()
}

/// The global ID of the claim in row `id`.
pub fn claim_global_id(id: i64) -> String {
    NodeType::Claim.id(id).0
}

/// The global ID of the article in row `id`.
pub fn article_global_id(id: i64) -> String {
    NodeType::Article.id(id).0
}

#[cfg(test)]
mod tests {
    use claimdesk_core::ClaimStatus;

    use super::*;

    #[test]
    fn a_filter_reads_the_inputs_field_names() {
        let filter =
            claim_filter_from_json(r#"{"status": ["FLAGGED", "IN_REVIEW"], "unassigned": true}"#)
                .unwrap();
        assert_eq!(
            filter.statuses,
            [ClaimStatus::Flagged, ClaimStatus::InReview]
        );
        assert_eq!(filter.unassigned, Some(true));
        for nothing in ["{}", r#"{"verdict": null, "search": null}"#] {
            assert_eq!(
                claim_filter_from_json(nothing).unwrap(),
                StoreClaimFilter::default()
            );
        }
    }

    #[test]
    fn a_bad_filter_is_bad_user_input() {
        for bad in [
            "not json",
            "[]",
            r#"{"status": ["LOST"]}"#,
            r#"{"articleId": "nonsense"}"#,
            r#"{"nothing": 1}"#,
        ] {
            let error = claim_filter_from_json(bad).unwrap_err();
            assert_eq!(error.code().as_str(), "BAD_USER_INPUT", "{bad}: {error}");
        }
    }
}
