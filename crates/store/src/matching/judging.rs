//! A person's judgement of a match: `confirm_match` and `reject_match`.

use claimdesk_core::{
    EventKind, MatchState, event_detail, matching::compare, records::Claim,
    validation::ValidationError,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
};

use super::{ClaimMatch, insert_new_links, match_row, stored_match};
use crate::{
    ClaimRef, Store, StoreError,
    entities::{claim, claim_match},
    history::{EventDraft, read_for_change},
};

impl Store {
    /// Confirms that `matched_claim_id` states the same thing as `claim_id`, in both
    /// directions, with a `MATCH_CONFIRMED` event on the claim.
    pub async fn confirm_match(
        &self,
        actor_id: i64,
        claim_id: i64,
        matched_claim_id: i64,
    ) -> Result<(Claim, ClaimMatch), StoreError> {
        self.judge_match(actor_id, claim_id, matched_claim_id, MatchState::Confirmed)
            .await
    }

    /// Records that `matched_claim_id` states something else than `claim_id`, in both
    /// directions, with a `MATCH_REJECTED` event on the claim.
    pub async fn reject_match(
        &self,
        actor_id: i64,
        claim_id: i64,
        matched_claim_id: i64,
    ) -> Result<(Claim, ClaimMatch), StoreError> {
        self.judge_match(actor_id, claim_id, matched_claim_id, MatchState::Rejected)
            .await
    }

    async fn judge_match(
        &self,
        actor_id: i64,
        claim_id: i64,
        matched_claim_id: i64,
        state: MatchState,
    ) -> Result<(Claim, ClaimMatch), StoreError> {
        if claim_id == matched_claim_id {
            return Err(ValidationError::new("matchedClaimId", "is the claim itself").into());
        }
        let txn = self.begin_write().await?;
        let target = ClaimRef {
            claim_id,
            expected_version: None,
        };
        let claim = read_for_change(&txn, target).await?;
        let matched: Claim = claim::Entity::find_by_id(matched_claim_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::not_found("claim", matched_claim_id))?
            .try_into()?;
        let score = self.set_link_state(&txn, &claim, &matched, state).await?;
        let kind = match state {
            MatchState::Rejected => EventKind::MatchRejected,
            _ => EventKind::MatchConfirmed,
        };
        let event = EventDraft::new(kind, event_detail::match_judged(matched.id, score));
        let claim = self
            .apply_change(&txn, &claim, actor_id, claim::ActiveModel::default(), event)
            .await?;
        let row = link(&txn, claim.id, matched.id).await?;
        self.commit(txn).await?;
        Ok((claim, stored_match(row, matched)?))
    }

    /// Puts both directions of the link between `claim` and `matched` in `state`, scoring the
    /// pair first when it was never stored; returns the score.
    async fn set_link_state(
        &self,
        txn: &DatabaseTransaction,
        claim: &Claim,
        matched: &Claim,
        state: MatchState,
    ) -> Result<f64, StoreError> {
        let now = self.clock.now();
        let forward = compare(&claim.text, &matched.text);
        let backward = compare(&matched.text, &claim.text);
        insert_new_links(
            txn,
            vec![
                match_row(
                    claim.id,
                    matched.id,
                    &forward.reasons,
                    forward.score,
                    state,
                    now,
                ),
                match_row(
                    matched.id,
                    claim.id,
                    &backward.reasons,
                    forward.score,
                    state,
                    now,
                ),
            ],
        )
        .await?;
        claim_match::Entity::update_many()
            .set(claim_match::ActiveModel {
                state: Set(state.as_ref().to_owned()),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(claim_match::Column::ClaimId.eq(claim.id))
                            .add(claim_match::Column::MatchedClaimId.eq(matched.id)),
                    )
                    .add(
                        Condition::all()
                            .add(claim_match::Column::ClaimId.eq(matched.id))
                            .add(claim_match::Column::MatchedClaimId.eq(claim.id)),
                    ),
            )
            .exec(txn)
            .await?;
        Ok(link(txn, claim.id, matched.id).await?.score)
    }
}

/// The stored link from `claim_id` to `matched_claim_id`.
pub(crate) async fn link(
    txn: &DatabaseTransaction,
    claim_id: i64,
    matched_claim_id: i64,
) -> Result<claim_match::Model, StoreError> {
    claim_match::Entity::find()
        .filter(claim_match::Column::ClaimId.eq(claim_id))
        .filter(claim_match::Column::MatchedClaimId.eq(matched_claim_id))
        .one(txn)
        .await?
        .ok_or_else(|| {
            ValidationError::new(
                "matchedClaimId",
                format!("claim {matched_claim_id} is not a match of claim {claim_id}"),
            )
            .into()
        })
}
