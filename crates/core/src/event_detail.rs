//! The `detail` of each kind of claim event, built in one place: the store records exactly
//! these for real changes, and the demo-data generator for generated history, so the two
//! cannot drift apart. Clients read the keys by name (`ClaimEvent.detail`).

use serde_json::{Value, json};

use crate::{EvidenceStance, Priority, TextSpan, Verdict};

/// [`crate::EventKind::Created`]: the client's own identifier of the claim, if any.
pub fn created(external_id: Option<&str>) -> Value {
    json!({ "externalId": external_id })
}

/// [`crate::EventKind::Flagged`]: why, and the priority the claim now has.
pub fn flagged(reason: &str, priority: Priority) -> Value {
    json!({ "reason": reason, "priority": priority.as_ref() })
}

/// [`crate::EventKind::Assigned`]: the new assignee, and the one before.
pub fn assigned(assignee_id: i64, assignee_name: &str, previous_assignee_id: Option<i64>) -> Value {
    json!({
        "assigneeId": assignee_id,
        "assigneeName": assignee_name,
        "previousAssigneeId": previous_assignee_id,
    })
}

/// [`crate::EventKind::ReviewStarted`]: nothing more than the transition.
pub fn review_started() -> Value {
    json!({})
}

/// [`crate::EventKind::Closed`]: the verdict and its summary.
pub fn closed(verdict: Verdict, summary: &str) -> Value {
    json!({ "verdict": verdict.as_ref(), "summary": summary })
}

/// [`crate::EventKind::Closed`] of a claim whose verdict was published: also the correction
/// that the new verdict publishes, once approved when approval is required.
pub fn closed_with_correction(verdict: Verdict, summary: &str, correction: &str) -> Value {
    json!({ "verdict": verdict.as_ref(), "summary": summary, "correction": correction })
}

/// [`crate::EventKind::VerdictApproved`]: the verdict now published, and who closed the review.
pub fn verdict_approved(verdict: Verdict, closed_by_id: Option<i64>) -> Value {
    json!({ "verdict": verdict.as_ref(), "closedById": closed_by_id })
}

/// [`crate::EventKind::VerdictRejected`]: why, and the verdict sent back to review.
pub fn verdict_rejected(reason: &str, verdict: Option<Verdict>) -> Value {
    json!({
        "reason": reason,
        "verdict": verdict.map(|verdict| verdict.as_ref().to_owned()),
    })
}

/// [`crate::EventKind::VerdictCorrected`]: the published correction, the verdict it publishes
/// and the one published before.
pub fn verdict_corrected(
    correction: &str,
    verdict: Verdict,
    previous_verdict: Option<Verdict>,
) -> Value {
    json!({
        "correction": correction,
        "verdict": verdict.as_ref(),
        "previousVerdict": previous_verdict.map(|verdict| verdict.as_ref().to_owned()),
    })
}

/// [`crate::EventKind::Closed`] by `applyMatchedVerdict`: the verdict and summary, and where
/// they came from: the matched claim and the URL of its review.
pub fn closed_from_match(
    verdict: Verdict,
    summary: &str,
    from_claim_id: i64,
    review_url: &str,
) -> Value {
    json!({
        "verdict": verdict.as_ref(),
        "summary": summary,
        "fromClaimId": from_claim_id,
        "basedOn": review_url,
    })
}

/// [`crate::EventKind::MatchConfirmed`] and [`crate::EventKind::MatchRejected`]: the other
/// claim and the matcher's score for the pair.
pub fn match_judged(matched_claim_id: i64, score: f64) -> Value {
    json!({ "matchedClaimId": matched_claim_id, "score": score })
}

/// [`crate::EventKind::Reopened`]: why, and the verdict the claim had.
pub fn reopened(reason: &str, previous_verdict: Option<Verdict>) -> Value {
    json!({
        "reason": reason,
        "previousVerdict": previous_verdict.map(|verdict| verdict.as_ref().to_owned()),
    })
}

/// [`crate::EventKind::EvidenceAttached`]: the evidence's ID, URL and stance.
pub fn evidence_attached(evidence_id: i64, url: &str, stance: EvidenceStance) -> Value {
    json!({ "evidenceId": evidence_id, "url": url, "stance": stance.as_ref() })
}

/// [`crate::EventKind::NoteAdded`]: the note's ID.
pub fn note_added(note_id: i64) -> Value {
    json!({ "noteId": note_id })
}

/// [`crate::EventKind::Reanchored`]: the article revision, and where the quote was and is.
pub fn reanchored(revision: i64, from: TextSpan, to: TextSpan) -> Value {
    json!({ "revision": revision, "from": [from.start, from.end], "to": [to.start, to.end] })
}

/// [`crate::EventKind::AnchorLost`]: the article revision, and where the quote was.
pub fn anchor_lost(revision: i64, from: TextSpan) -> Value {
    json!({ "revision": revision, "from": [from.start, from.end] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_have_the_keys_clients_read() {
        assert_eq!(created(None), json!({ "externalId": null }));
        assert_eq!(
            reopened("new facts", Some(Verdict::False)),
            json!({ "reason": "new facts", "previousVerdict": "FALSE" })
        );
        assert_eq!(reopened("x", None)["previousVerdict"], Value::Null);
        let span = TextSpan { start: 1, end: 4 };
        assert_eq!(
            reanchored(2, span, TextSpan { start: 5, end: 8 }),
            json!({ "revision": 2, "from": [1, 4], "to": [5, 8] })
        );
    }
}
