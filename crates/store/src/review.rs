//! The review workflow's changes: flag, assign, start, close and reopen (approving and
//! rejecting a verdict are in `approval.rs`).
//!
//! Each one asks `claimdesk_core::workflow` whether the change is allowed, then applies it
//! through [`Store::apply_change`] in one transaction with its event. Closing also records the
//! verdict as a new version, published at once unless the publication policy requires approval.

use claimdesk_core::{
    ClaimStatus, EventKind, Priority, Verdict, event_detail,
    records::Claim,
    validation::{limits, required_text},
    workflow::{self, Transition},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::Value;

use crate::{
    ClaimRef, Store, StoreError,
    entities::{claim, evidence},
    history::{EventDraft, append_event, read_for_change},
    verdicts::{self, NewVersion},
};

/// Flag a NEW claim for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagClaim {
    /// The claim.
    pub target: ClaimRef,
    /// Why it is worth checking.
    pub reason: String,
    /// How urgently; the claim keeps its priority when this is `None`.
    pub priority: Option<Priority>,
}

/// Give a claim to a reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignClaim {
    /// The claim.
    pub target: ClaimRef,
    /// The reviewer.
    pub assignee_id: i64,
}

/// Close a review with a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseReview {
    /// The claim.
    pub target: ClaimRef,
    /// The outcome.
    pub verdict: Verdict,
    /// The reasoning behind it.
    pub summary: String,
    /// What changed and why: required when the claim's verdict was published before, refused
    /// when it never was.
    pub correction: Option<String>,
}

/// A closing of a review, for [`Store::close_claim`].
pub(crate) struct Closing<'a> {
    pub verdict: Verdict,
    pub summary: &'a str,
    /// What changed and why, when the claim's verdict was published before.
    pub correction: Option<&'a str>,
    /// The CLOSED event's detail.
    pub detail: Value,
}

/// Reopen a closed review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenReview {
    /// The claim.
    pub target: ClaimRef,
    /// Why the verdict needs another look.
    pub reason: String,
}

impl Store {
    /// NEW → FLAGGED, with a reason and a priority.
    pub async fn flag_claim(&self, actor_id: i64, input: FlagClaim) -> Result<Claim, StoreError> {
        required_text("reason", &input.reason, limits::REASON)?;
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        let transition = workflow::flag(claim.status).map_err(|e| e.under(self.policy))?;
        let priority = input.priority.unwrap_or(claim.priority);
        let changes = claim::ActiveModel {
            status: Set(transition.to.as_ref().to_owned()),
            priority: Set(priority.as_ref().to_owned()),
            flag_reason: Set(Some(input.reason.clone())),
            flagged_at: Set(Some(self.clock.now())),
            ..Default::default()
        };
        let detail = event_detail::flagged(&input.reason, priority);
        let event = EventDraft::transition(EventKind::Flagged, transition, detail);
        self.commit_change(txn, &claim, actor_id, changes, event)
            .await
    }

    /// Gives the claim to a reviewer; allowed until the review is closed.
    pub async fn assign_claim(
        &self,
        actor_id: i64,
        input: AssignClaim,
    ) -> Result<Claim, StoreError> {
        let assignee = self.user(input.assignee_id).await?;
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        workflow::assign(claim.status).map_err(|e| e.under(self.policy))?;
        let changes = claim::ActiveModel {
            assignee_id: Set(Some(assignee.id)),
            ..Default::default()
        };
        let detail = event_detail::assigned(assignee.id, &assignee.name, claim.assignee_id);
        let event = EventDraft::new(EventKind::Assigned, detail);
        self.commit_change(txn, &claim, actor_id, changes, event)
            .await
    }

    /// FLAGGED → `IN_REVIEW`.
    pub async fn start_review(&self, actor_id: i64, target: ClaimRef) -> Result<Claim, StoreError> {
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, target).await?;
        let transition = workflow::start_review(claim.status).map_err(|e| e.under(self.policy))?;
        let changes = claim::ActiveModel {
            status: Set(transition.to.as_ref().to_owned()),
            ..Default::default()
        };
        let event = EventDraft::transition(
            EventKind::ReviewStarted,
            transition,
            event_detail::review_started(),
        );
        self.commit_change(txn, &claim, actor_id, changes, event)
            .await
    }

    /// Closes the review with a verdict and its summary, and records the verdict as the
    /// claim's newest version: published at once, or awaiting approval under the policy. A
    /// correction that is published now is announced with a `VERDICT_CORRECTED` event.
    pub async fn close_review(
        &self,
        actor_id: i64,
        input: CloseReview,
    ) -> Result<Claim, StoreError> {
        required_text("summary", &input.summary, limits::SUMMARY)?;
        if let Some(correction) = &input.correction {
            required_text("correction", correction, limits::SUMMARY)?;
        }
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        let evidence_count = evidence::Entity::find()
            .filter(evidence::Column::ClaimId.eq(claim.id))
            .count(&txn)
            .await?;
        let transition =
            workflow::close_review(claim.status, input.verdict, evidence_count, self.policy)?;
        let detail = match &input.correction {
            Some(correction) => {
                event_detail::closed_with_correction(input.verdict, &input.summary, correction)
            }
            None => event_detail::closed(input.verdict, &input.summary),
        };
        let closing = Closing {
            verdict: input.verdict,
            summary: &input.summary,
            correction: input.correction.as_deref(),
            detail,
        };
        let claim = self
            .close_claim(&txn, &claim, actor_id, transition, closing)
            .await?;
        self.commit(txn).await?;
        Ok(claim)
    }

    /// The close path shared by `close_review` and `apply_matched_verdict`, once `transition`
    /// is allowed: sets the verdict, appends the CLOSED event with `detail`, checks the
    /// correction against the published versions, records the new version (published at once
    /// unless it awaits approval) and announces a published correction.
    pub(crate) async fn close_claim(
        &self,
        txn: &DatabaseTransaction,
        claim: &Claim,
        actor_id: i64,
        transition: Transition,
        closing: Closing<'_>,
    ) -> Result<Claim, StoreError> {
        let Closing {
            verdict,
            summary,
            correction,
            detail,
        } = closing;
        let now = self.clock.now();
        let changes = claim::ActiveModel {
            status: Set(transition.to.as_ref().to_owned()),
            verdict: Set(Some(verdict.as_ref().to_owned())),
            verdict_summary: Set(Some(summary.to_owned())),
            closed_at: Set(Some(now)),
            closed_by_id: Set(Some(actor_id)),
            ..Default::default()
        };
        let event = EventDraft::transition(EventKind::Closed, transition, detail);
        // The versions are read once the change holds the claim, so that a close that lost a
        // race is a conflict, not a missing correction.
        let claim = self
            .apply_change(txn, claim, actor_id, changes, event)
            .await?;
        let versions = verdicts::versions(txn, claim.id).await?;
        let previous = verdicts::latest_published(&versions).map(|version| version.verdict);
        workflow::require_correction(previous.is_some(), correction.is_some())?;
        let published = transition.to == ClaimStatus::Closed;
        let version = NewVersion {
            claim_id: claim.id,
            verdict,
            summary,
            correction,
            closed_by_id: actor_id,
            closed_at: now,
            published_at: published.then_some(now),
        };
        verdicts::record(txn, version).await?;
        if let (true, Some(correction)) = (published, correction) {
            let detail = event_detail::verdict_corrected(correction, verdict, previous);
            let event = EventDraft::new(EventKind::VerdictCorrected, detail);
            append_event(txn, claim.id, actor_id, now, event).await?;
        }
        Ok(claim)
    }

    /// CLOSED → `IN_REVIEW`. The claim's verdict is cleared; its versions and its history keep
    /// it, and closing it again needs a correction.
    pub async fn reopen_review(
        &self,
        actor_id: i64,
        input: ReopenReview,
    ) -> Result<Claim, StoreError> {
        required_text("reason", &input.reason, limits::REASON)?;
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        let transition = workflow::reopen_review(claim.status).map_err(|e| e.under(self.policy))?;
        let changes = without_verdict(transition.to);
        let detail = event_detail::reopened(&input.reason, claim.verdict);
        let event = EventDraft::transition(EventKind::Reopened, transition, detail);
        self.commit_change(txn, &claim, actor_id, changes, event)
            .await
    }
}

/// The change that takes a claim to `to` and clears its verdict, as reopening a review and
/// sending a verdict back to review both do (the verdict versions keep it).
pub(crate) fn without_verdict(to: ClaimStatus) -> claim::ActiveModel {
    claim::ActiveModel {
        status: Set(to.as_ref().to_owned()),
        verdict: Set(None),
        verdict_summary: Set(None),
        closed_at: Set(None),
        closed_by_id: Set(None),
        ..Default::default()
    }
}
