//! The second editor's part under the approval policy: approving a verdict that awaits
//! approval, which publishes it, or rejecting it back to review. Each runs in one transaction
//! with its events and the verdict version's outcome.

use claimdesk_core::{
    EventKind, event_detail,
    records::Claim,
    validation::{limits, required_text},
    workflow,
};
use sea_orm::ActiveValue::Set;

use crate::{
    ClaimRef, Store, StoreError,
    entities::claim,
    history::{EventDraft, append_event, read_for_change},
    review::without_verdict,
    verdicts::{self, Outcome},
};

/// Send a verdict awaiting approval back to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectVerdict {
    /// The claim.
    pub target: ClaimRef,
    /// What the verdict needs before it can be published.
    pub reason: String,
}

impl Store {
    /// `AWAITING_APPROVAL` → CLOSED: publishes the verdict. The editor who closed the review
    /// cannot approve it. A verdict that corrects a published one is announced with a
    /// `VERDICT_CORRECTED` event.
    pub async fn approve_verdict(
        &self,
        actor_id: i64,
        target: ClaimRef,
    ) -> Result<Claim, StoreError> {
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, target).await?;
        let transition = workflow::approve_verdict(claim.status, actor_id, claim.closed_by_id)?;
        let verdict = claim
            .verdict
            .ok_or_else(|| StoreError::Corrupt(format!("claim {} awaits no verdict", claim.id)))?;
        let changes = claim::ActiveModel {
            status: Set(transition.to.as_ref().to_owned()),
            ..Default::default()
        };
        let detail = event_detail::verdict_approved(verdict, claim.closed_by_id);
        let event = EventDraft::transition(EventKind::VerdictApproved, transition, detail);
        // The versions are read once the change holds the claim, so that an approval that
        // lost a race is a conflict.
        let claim = self
            .apply_change(&txn, &claim, actor_id, changes, event)
            .await?;
        let versions = verdicts::versions(&txn, claim.id).await?;
        let pending = verdicts::pending(claim.id, &versions)?.clone();
        let previous = verdicts::latest_published(&versions).map(|version| version.verdict);
        let now = claim.updated_at;
        verdicts::decide(&txn, &pending, actor_id, now, Outcome::Approved).await?;
        if let Some(correction) = &pending.correction {
            let detail = event_detail::verdict_corrected(correction, pending.verdict, previous);
            let event = EventDraft::new(EventKind::VerdictCorrected, detail);
            append_event(&txn, claim.id, actor_id, now, event).await?;
        }
        self.commit(txn).await?;
        Ok(claim)
    }

    /// `AWAITING_APPROVAL` → `IN_REVIEW`, with the reason: the verdict is not published, and
    /// the claim's verdict is cleared as on reopening; its version keeps it with the reason.
    pub async fn reject_verdict(
        &self,
        actor_id: i64,
        input: RejectVerdict,
    ) -> Result<Claim, StoreError> {
        required_text("reason", &input.reason, limits::REASON)?;
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        let transition = workflow::reject_verdict(claim.status)?;
        let changes = without_verdict(transition.to);
        let detail = event_detail::verdict_rejected(&input.reason, claim.verdict);
        let event = EventDraft::transition(EventKind::VerdictRejected, transition, detail);
        let claim = self
            .apply_change(&txn, &claim, actor_id, changes, event)
            .await?;
        let versions = verdicts::versions(&txn, claim.id).await?;
        let pending = verdicts::pending(claim.id, &versions)?;
        let outcome = Outcome::Rejected(&input.reason);
        verdicts::decide(&txn, pending, actor_id, claim.updated_at, outcome).await?;
        self.commit(txn).await?;
        Ok(claim)
    }
}
