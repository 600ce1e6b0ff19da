//! The verdict versions of a generated claim, read off its history as the store records them:
//! a `CLOSED` event adds a version (published at once when it leads to CLOSED), and
//! `VERDICT_APPROVED` or `VERDICT_REJECTED` gives the newest one its outcome.

use claimdesk_core::{ClaimStatus, EventKind, records::ClaimEvent};
use sea_orm::ActiveValue::Set;

use crate::entities::claim_verdict;

/// The rows of `claim_verdicts` that `history` implies, oldest first.
pub(super) fn versions(history: &[ClaimEvent]) -> Vec<claim_verdict::ActiveModel> {
    let mut versions: Vec<claim_verdict::ActiveModel> = Vec::new();
    let text = |event: &ClaimEvent, key: &str| event.detail[key].as_str().map(ToOwned::to_owned);
    for event in history {
        match event.kind {
            EventKind::Closed => {
                let published = event.to_status == Some(ClaimStatus::Closed);
                versions.push(claim_verdict::ActiveModel {
                    claim_id: Set(event.claim_id),
                    verdict: Set(text(event, "verdict").unwrap_or_default()),
                    summary: Set(text(event, "summary").unwrap_or_default()),
                    correction: Set(text(event, "correction")),
                    closed_by_id: Set(event.actor_id),
                    closed_at: Set(event.at),
                    approved_by_id: Set(None),
                    approved_at: Set(None),
                    published_at: Set(published.then_some(event.at)),
                    rejected_by_id: Set(None),
                    rejected_at: Set(None),
                    rejection_reason: Set(None),
                    ..Default::default()
                });
            }
            EventKind::VerdictApproved => {
                if let Some(version) = versions.last_mut() {
                    version.approved_by_id = Set(Some(event.actor_id));
                    version.approved_at = Set(Some(event.at));
                    version.published_at = Set(Some(event.at));
                }
            }
            EventKind::VerdictRejected => {
                if let Some(version) = versions.last_mut() {
                    version.rejected_by_id = Set(Some(event.actor_id));
                    version.rejected_at = Set(Some(event.at));
                    version.rejection_reason = Set(text(event, "reason"));
                }
            }
            _ => {}
        }
    }
    versions
}
