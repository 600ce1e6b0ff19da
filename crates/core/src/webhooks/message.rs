//! The body of a webhook delivery: `{"type": "claim.closed", "timestamp": …, "data": {…}}`,
//! where `data` holds the event, the claim as it stood after the event and, for
//! `claim.closed`, the published ClaimReview.

use chrono::SecondsFormat;
use serde_json::{Value, json};

use crate::{EventKind, records::ClaimEvent};

/// The webhook type of events of `kind`, such as `claim.closed`.
pub fn event_type(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Created => "claim.created",
        EventKind::Flagged => "claim.flagged",
        EventKind::Assigned => "claim.assigned",
        EventKind::ReviewStarted => "claim.review_started",
        EventKind::EvidenceAttached => "evidence.attached",
        EventKind::NoteAdded => "note.added",
        EventKind::Closed => "claim.closed",
        EventKind::Reopened => "claim.reopened",
        EventKind::Reanchored => "claim.reanchored",
        EventKind::AnchorLost => "claim.anchor_lost",
        EventKind::MatchConfirmed => "claim.match_confirmed",
        EventKind::MatchRejected => "claim.match_rejected",
        EventKind::VerdictApproved => "claim.verdict_approved",
        EventKind::VerdictRejected => "claim.verdict_rejected",
        EventKind::VerdictCorrected => "claim.verdict_corrected",
    }
}

/// The `webhook-id` of the delivery of event `event_id`: the same for every attempt and every
/// endpoint, so that a receiver can drop repeats.
pub fn message_id(event_id: i64) -> String {
    format!("msg_claimdesk_event_{event_id}")
}

/// The body of the delivery of `event`, with `claim`, the claim as it stood after the event,
/// and `claim_review`, its ClaimReview JSON-LD when the event closed the review.
pub fn body(event: &ClaimEvent, claim: &Value, claim_review: Option<Value>) -> Value {
    let mut data = json!({
        "event": {
            "id": event.id,
            "kind": event.kind.as_ref(),
            "claimId": event.claim_id,
            "actorId": event.actor_id,
            "at": event.at.to_rfc3339_opts(SecondsFormat::Micros, true),
            "fromStatus": event.from_status.map(|status| status.as_ref().to_owned()),
            "toStatus": event.to_status.map(|status| status.as_ref().to_owned()),
            "detail": event.detail,
        },
        "claim": claim,
    });
    if let Some(review) = claim_review {
        data["claimReview"] = review;
    }
    json!({
        "type": event_type(event.kind),
        "timestamp": event.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        "data": data,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::ClaimStatus;

    #[test]
    fn a_closed_review_carries_its_claim_review() {
        let event = ClaimEvent {
            id: 7,
            claim_id: 3,
            kind: EventKind::Closed,
            actor_id: 2,
            at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap(),
            from_status: Some(ClaimStatus::InReview),
            to_status: Some(ClaimStatus::Closed),
            detail: json!({"verdict": "FALSE"}),
        };
        let body = body(
            &event,
            &json!({"id": 3}),
            Some(json!({"@type": "ClaimReview"})),
        );
        assert_eq!(body["type"], "claim.closed");
        assert_eq!(body["timestamp"], "2026-12-03T10:00:00.000000Z");
        assert_eq!(body["data"]["event"]["toStatus"], "CLOSED");
        assert_eq!(body["data"]["claim"]["id"], 3);
        assert_eq!(body["data"]["claimReview"]["@type"], "ClaimReview");
    }
}
