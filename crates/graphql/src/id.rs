//! Relay global IDs: opaque strings that name an object's type and its row.
//!
//! An ID is the URL-safe base64 of `Type:row`, such as `Claim:42`. Decoding checks that the ID
//! is of the type the argument expects, so a source's ID passed as a claim's is refused.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::ApiError;

/// The object types that have global IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeType {
    ApiToken,
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    Note,
    Source,
    User,
    Webhook,
    WebhookDelivery,
}

impl NodeType {
    const ALL: [NodeType; 10] = [
        Self::ApiToken,
        Self::Article,
        Self::Claim,
        Self::ClaimEvent,
        Self::Evidence,
        Self::Note,
        Self::Source,
        Self::User,
        Self::Webhook,
        Self::WebhookDelivery,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::ApiToken => "ApiToken",
            Self::Article => "Article",
            Self::Claim => "Claim",
            Self::ClaimEvent => "ClaimEvent",
            Self::Evidence => "Evidence",
            Self::Note => "Note",
            Self::Source => "Source",
            Self::User => "User",
            Self::Webhook => "Webhook",
            Self::WebhookDelivery => "WebhookDelivery",
        }
    }

    /// The global ID of row `id` of this type.
    pub(crate) fn id(self, id: i64) -> ID {
        ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", self.name())))
    }

    /// The row ID in `id` when it is given, as [`NodeType::row_id`] reads it.
    pub(crate) fn optional_row_id(
        self,
        field: &str,
        id: Option<&ID>,
    ) -> Result<Option<i64>, ApiError> {
        id.map(|id| self.row_id(field, id)).transpose()
    }

    /// The row ID in `id`, which must be of this type; `field` names the argument for errors.
    pub(crate) fn row_id(self, field: &str, id: &ID) -> Result<i64, ApiError> {
        let (node_type, row) = decode(field, id)?;
        if node_type == self {
            Ok(row)
        } else {
            Err(ApiError::bad_input(
                field,
                format!(
                    "expected the ID of a {}, got the ID of a {}",
                    self.name(),
                    node_type.name()
                ),
            ))
        }
    }
}

/// The type and row named by a global ID.
pub(crate) fn decode(field: &str, id: &ID) -> Result<(NodeType, i64), ApiError> {
    let malformed =
        || ApiError::bad_input(field, format!("{:?} is not a ClaimDesk ID", id.as_str()));
    let bytes = URL_SAFE_NO_PAD
        .decode(id.as_bytes())
        .map_err(|_| malformed())?;
    let text = String::from_utf8(bytes).map_err(|_| malformed())?;
    let (name, row) = text.split_once(':').ok_or_else(malformed)?;
    let node_type = NodeType::ALL
        .into_iter()
        .find(|t| t.name() == name)
        .ok_or_else(malformed)?;
    let row = row.parse::<i64>().map_err(|_| malformed())?;
    Ok((node_type, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_type() {
        let id = NodeType::Claim.id(42);
        assert_eq!(NodeType::Claim.row_id("claimId", &id).unwrap(), 42);
        assert_eq!(decode("id", &id).unwrap(), (NodeType::Claim, 42));
        let error = NodeType::Source.row_id("sourceId", &id).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected the ID of a Source, got the ID of a Claim"
        );
    }

    #[test]
    fn garbage_is_refused_with_the_field_named() {
        for garbage in ["", "42", "Q2xhaW06", "!!!", "Q2xhaW06eA", "VGhpbmc6MQ"] {
            let error = decode("claimId", &ID::from(garbage)).unwrap_err();
            assert!(
                matches!(&error, ApiError::BadUserInput { field: Some(f), .. } if f == "claimId"),
                "{garbage}: {error:?}"
            );
        }
    }
}
