//! Verdict versions: each close of a review records one, approving or rejecting it fills in
//! its outcome, and publishing stamps it. They are read whole for a claim, or in one batch for
//! a page of claims.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use claimdesk_core::{Verdict, records::VerdictVersion};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::{Store, StoreError, entities::claim_verdict, relations::oldest_first_by_claim};

/// A closing to record as a new version.
pub(crate) struct NewVersion<'a> {
    pub claim_id: i64,
    pub verdict: Verdict,
    pub summary: &'a str,
    pub correction: Option<&'a str>,
    pub closed_by_id: i64,
    pub closed_at: DateTime<Utc>,
    /// When it is published: at once, unless it awaits approval.
    pub published_at: Option<DateTime<Utc>>,
}

/// The outcome a second editor gives the version awaiting approval.
pub(crate) enum Outcome<'a> {
    /// Approved and published.
    Approved,
    /// Sent back to review, with the reason.
    Rejected(&'a str),
}

impl Store {
    /// The verdict versions of each of these claims, oldest first.
    pub async fn verdicts_by_claim(
        &self,
        claim_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<VerdictVersion>>, StoreError> {
        let columns = (claim_verdict::Column::ClaimId, claim_verdict::Column::Id);
        oldest_first_by_claim::<claim_verdict::Entity, _>(&self.reads, columns, claim_ids, |row| {
            row.claim_id
        })
        .await
    }
}

/// The verdict versions of the claim, oldest first.
pub(crate) async fn versions(
    db: &impl ConnectionTrait,
    claim_id: i64,
) -> Result<Vec<VerdictVersion>, StoreError> {
    claim_verdict::Entity::find()
        .filter(claim_verdict::Column::ClaimId.eq(claim_id))
        .order_by_asc(claim_verdict::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(VerdictVersion::try_from)
        .collect()
}

/// The latest published version of the claim's versions, if any.
pub(crate) fn latest_published(versions: &[VerdictVersion]) -> Option<&VerdictVersion> {
    versions
        .iter()
        .rev()
        .find(|version| version.published_at.is_some())
}

/// Records a closing as the claim's newest version.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    version: NewVersion<'_>,
) -> Result<(), StoreError> {
    let row = claim_verdict::ActiveModel {
        claim_id: Set(version.claim_id),
        verdict: Set(version.verdict.as_ref().to_owned()),
        summary: Set(version.summary.to_owned()),
        correction: Set(version.correction.map(ToOwned::to_owned)),
        closed_by_id: Set(version.closed_by_id),
        closed_at: Set(version.closed_at),
        published_at: Set(version.published_at),
        ..Default::default()
    };
    claim_verdict::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// Gives the version awaiting approval (`pending`) its outcome, by `actor_id` at `at`.
pub(crate) async fn decide(
    db: &impl ConnectionTrait,
    pending: &VerdictVersion,
    actor_id: i64,
    at: DateTime<Utc>,
    outcome: Outcome<'_>,
) -> Result<(), StoreError> {
    let changes = match outcome {
        Outcome::Approved => claim_verdict::ActiveModel {
            approved_by_id: Set(Some(actor_id)),
            approved_at: Set(Some(at)),
            published_at: Set(Some(at)),
            ..Default::default()
        },
        Outcome::Rejected(reason) => claim_verdict::ActiveModel {
            rejected_by_id: Set(Some(actor_id)),
            rejected_at: Set(Some(at)),
            rejection_reason: Set(Some(reason.to_owned())),
            ..Default::default()
        },
    };
    claim_verdict::Entity::update_many()
        .set(changes)
        .filter(claim_verdict::Column::Id.eq(pending.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The version awaiting a decision: the newest, neither published nor rejected.
pub(crate) fn pending(
    claim_id: i64,
    versions: &[VerdictVersion],
) -> Result<&VerdictVersion, StoreError> {
    versions
        .last()
        .filter(|version| version.published_at.is_none() && version.rejected_at.is_none())
        .ok_or_else(|| {
            StoreError::Corrupt(format!(
                "claim {claim_id} awaits approval without a version awaiting it"
            ))
        })
}
