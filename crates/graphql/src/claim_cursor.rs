//! The opaque cursors of an ordered list of claims.
//!
//! A cursor names the order it belongs to, the claim's sort value and its ID, so that a cursor
//! taken from one order is refused by another instead of silently skipping claims.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, SecondsFormat, Utc};
use claimdesk_store::{ClaimOrder as StoreClaimOrder, SortCursor, SortField, SortValue};

use crate::ApiError;

/// The cursor of the claim at `cursor` in `order`.
pub(crate) fn encode_cursor(order: StoreClaimOrder, cursor: SortCursor) -> String {
    let value = match cursor.value {
        None => "-".to_owned(),
        Some(SortValue::Time(time)) => time.to_rfc3339_opts(SecondsFormat::Nanos, true),
        Some(SortValue::Number(number)) => number.to_string(),
    };
    URL_SAFE_NO_PAD.encode(format!("{}:{value}:{}", order_tag(order), cursor.id))
}

/// Reads a cursor of `order` back, refusing one from any other list.
pub(crate) fn decode_cursor(
    order: StoreClaimOrder,
    field: &str,
    cursor: &str,
) -> Result<SortCursor, ApiError> {
    let invalid = || ApiError::bad_input(field, "is not a cursor from this list and order");
    let text = URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(invalid)?;
    let rest = text
        .strip_prefix(&order_tag(order))
        .and_then(|rest| rest.strip_prefix(':'))
        .ok_or_else(invalid)?;
    let (value, id) = rest.rsplit_once(':').ok_or_else(invalid)?;
    let value = match (value, order.field) {
        ("-", _) => None,
        (_, SortField::CreatedAt | SortField::UpdatedAt | SortField::FlaggedAt) => {
            Some(SortValue::Time(
                DateTime::parse_from_rfc3339(value)
                    .map_err(|_| invalid())?
                    .with_timezone(&Utc),
            ))
        }
        _ => Some(SortValue::Number(
            value
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .ok_or_else(invalid)?,
        )),
    };
    Ok(SortCursor {
        value,
        id: id.parse().map_err(|_| invalid())?,
    })
}

/// The part of a cursor that names its order.
fn order_tag(order: StoreClaimOrder) -> String {
    format!("claims:{:?}:{:?}", order.field, order.direction)
}

#[cfg(test)]
mod tests {
    use claimdesk_store::SortDirection;

    use super::*;

    fn order(field: SortField, direction: SortDirection) -> StoreClaimOrder {
        StoreClaimOrder { field, direction }
    }

    #[test]
    fn cursors_round_trip_in_their_own_order() {
        let flagged = order(SortField::FlaggedAt, SortDirection::Ascending);
        let at = DateTime::parse_from_rfc3339("2025-02-03T10:20:30.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        for cursor in [
            SortCursor {
                value: Some(SortValue::Time(at)),
                id: 7,
            },
            SortCursor { value: None, id: 8 },
        ] {
            let text = encode_cursor(flagged, cursor);
            assert_eq!(decode_cursor(flagged, "after", &text).unwrap(), cursor);
        }
        let relevance = order(SortField::Relevance, SortDirection::Descending);
        let cursor = SortCursor {
            value: Some(SortValue::Number(0.1 + 0.2)),
            id: 9,
        };
        let text = encode_cursor(relevance, cursor);
        assert_eq!(decode_cursor(relevance, "after", &text).unwrap(), cursor);
    }

    #[test]
    fn a_cursor_of_another_order_is_refused() {
        let cursor = SortCursor {
            value: Some(SortValue::Number(2.0)),
            id: 1,
        };
        let text = encode_cursor(order(SortField::Priority, SortDirection::Ascending), cursor);
        let other = order(SortField::Priority, SortDirection::Descending);
        assert!(decode_cursor(other, "after", &text).is_err());
        assert!(decode_cursor(other, "after", "not base64!").is_err());
    }
}
