//! `apply_matched_verdict`: closing a claim with the verdict of a confirmed match.

use claimdesk_core::{
    ClaimStatus, EventKind, EvidenceStance, MatchState, Verdict, event_detail,
    publishing::{self, Publisher},
    records::Claim,
    validation::ValidationError,
    workflow,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::judging::link;
use crate::{
    ClaimRef, Store, StoreError,
    entities::{claim, evidence, imported_review},
    history::{EventDraft, append_event, read_for_change},
    review::Closing,
};

/// Close a claim with the verdict of a claim it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyMatchedVerdict {
    /// The claim to close, and the version the caller last saw.
    pub target: ClaimRef,
    /// The CLOSED claim whose verdict it takes, a CONFIRMED match of it.
    pub from_claim_id: i64,
}

/// Where a closed claim's review is published: its own page for an imported review, else
/// ClaimDesk's.
pub(crate) async fn review_url_of(
    txn: &DatabaseTransaction,
    claim_id: i64,
    publisher: &Publisher,
) -> Result<(String, Option<String>), StoreError> {
    Ok(
        match imported_review::Entity::find_by_id(claim_id)
            .one(txn)
            .await?
        {
            Some(imported) => (imported.url, imported.publisher),
            None => (
                publishing::review_url(publisher, claim_id),
                Some(publisher.name.clone()),
            ),
        },
    )
}

/// What the matched review does for the claim that takes its verdict.
fn stance_of(verdict: Verdict) -> EvidenceStance {
    match verdict {
        Verdict::True | Verdict::MostlyTrue => EvidenceStance::Supports,
        Verdict::False | Verdict::MostlyFalse | Verdict::Misattributed => EvidenceStance::Refutes,
        _ => EvidenceStance::Context,
    }
}

impl Store {
    /// Closes the claim with the verdict and summary of `from_claim_id`, a CONFIRMED match
    /// that is CLOSED, under `closeReview`'s version and workflow rules. The matched review
    /// is attached as evidence (its ClaimReview URL), and the CLOSED event names where the
    /// verdict came from (`fromClaimId`, `basedOn`); all in one transaction. It takes the
    /// close path of `close_review` without a correction: under the approval policy the claim
    /// awaits approval, and a claim whose verdict was published needs `closeReview` with a
    /// correction instead.
    pub async fn apply_matched_verdict(
        &self,
        actor_id: i64,
        input: ApplyMatchedVerdict,
        publisher: &Publisher,
    ) -> Result<Claim, StoreError> {
        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        let link = link(&txn, claim.id, input.from_claim_id).await?;
        if link.state != MatchState::Confirmed.as_ref() {
            return Err(ValidationError::new(
                "fromClaimId",
                format!(
                    "the match is {}, not CONFIRMED; confirm it first (confirmMatch)",
                    link.state
                ),
            )
            .into());
        }
        let from: Claim = claim::Entity::find_by_id(input.from_claim_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::not_found("claim", input.from_claim_id))?
            .try_into()?;
        let (Some(verdict), ClaimStatus::Closed) = (from.verdict, from.status) else {
            return Err(ValidationError::new(
                "fromClaimId",
                format!(
                    "claim {} has no closed review to take a verdict from",
                    from.id
                ),
            )
            .into());
        };
        let summary = from.verdict_summary.clone().unwrap_or_default();
        let (url, review_publisher) = review_url_of(&txn, from.id, publisher).await?;
        let attached = evidence::Entity::find()
            .filter(evidence::Column::ClaimId.eq(claim.id))
            .filter(evidence::Column::Url.eq(url.as_str()))
            .one(&txn)
            .await?
            .is_some();
        let evidence_count = evidence::Entity::find()
            .filter(evidence::Column::ClaimId.eq(claim.id))
            .count(&txn)
            .await?;
        let transition = workflow::close_review(
            claim.status,
            verdict,
            evidence_count + u64::from(!attached),
            self.policy,
        )?;
        let now = self.clock.now();
        if !attached {
            let stance = stance_of(verdict);
            let title: String = format!("Review of “{}”", from.text)
                .chars()
                .take(500)
                .collect();
            let row = evidence::Entity::insert(evidence::ActiveModel {
                claim_id: Set(claim.id),
                url: Set(url.clone()),
                title: Set(title),
                publisher: Set(review_publisher),
                excerpt: Set(from.verdict_summary.clone()),
                stance: Set(stance.as_ref().to_owned()),
                published_at: Set(from.closed_at),
                added_by_id: Set(actor_id),
                created_at: Set(now),
                ..Default::default()
            })
            .exec_with_returning(&txn)
            .await?;
            let detail = event_detail::evidence_attached(row.id, &url, stance);
            let event = EventDraft::new(EventKind::EvidenceAttached, detail);
            append_event(&txn, claim.id, actor_id, now, event).await?;
        }
        let closing = Closing {
            verdict,
            summary: &summary,
            correction: None,
            detail: event_detail::closed_from_match(verdict, &summary, from.id, &url),
        };
        let claim = self
            .close_claim(&txn, &claim, actor_id, transition, closing)
            .await?;
        self.commit(txn).await?;
        Ok(claim)
    }
}
