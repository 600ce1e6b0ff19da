//! Evidence: attached to an open claim, at most once per URL.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    EventKind, EvidenceStance, event_detail,
    records::{Claim, Evidence},
    validation::{limits, optional_text, required_text, web_url},
    workflow,
};
use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::{
    ClaimRef, Store, StoreError,
    by_id::record_by_id,
    entities::{claim, evidence},
    history::{EventDraft, read_for_change},
};

/// A piece of evidence to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// The claim.
    pub target: ClaimRef,
    /// Where it can be read: an absolute http or https URL.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// The passage that matters.
    pub excerpt: Option<String>,
    /// What it does for the claim.
    pub stance: EvidenceStance,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Attaches evidence to a claim that is not closed, with its event, in one transaction.
    pub async fn attach_evidence(
        &self,
        actor_id: i64,
        input: NewEvidence,
    ) -> Result<(Claim, Evidence), StoreError> {
        let url = String::from(web_url("url", &input.url)?);
        required_text("title", &input.title, limits::TITLE)?;
        optional_text("publisher", input.publisher.as_deref(), limits::NAME)?;
        optional_text("excerpt", input.excerpt.as_deref(), limits::EXCERPT)?;

        let txn = self.begin_write().await?;
        let claim = read_for_change(&txn, input.target).await?;
        workflow::attach_evidence(claim.status).map_err(|e| e.under(self.policy))?;
        let row = evidence::ActiveModel {
            claim_id: Set(claim.id),
            url: Set(url.clone()),
            title: Set(input.title),
            publisher: Set(input.publisher),
            excerpt: Set(input.excerpt),
            stance: Set(input.stance.as_ref().to_owned()),
            published_at: Set(input.published_at),
            added_by_id: Set(actor_id),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        let row = match evidence::Entity::insert(row)
            .exec_with_returning(&txn)
            .await
        {
            Ok(row) => row,
            Err(error) if StoreError::is_unique_violation(&error) => {
                return Err(StoreError::Duplicate {
                    field: "url",
                    message: format!("claim {} already has evidence from this URL", claim.id),
                });
            }
            Err(error) => return Err(error.into()),
        };
        let detail = event_detail::evidence_attached(row.id, &url, input.stance);
        let event = EventDraft::new(EventKind::EvidenceAttached, detail);
        let claim = self
            .commit_change(txn, &claim, actor_id, claim::ActiveModel::default(), event)
            .await?;
        Ok((claim, row.try_into()?))
    }

    /// The piece of evidence with `id`.
    pub async fn evidence(&self, id: i64) -> Result<Evidence, StoreError> {
        record_by_id::<evidence::Entity, _>(&self.reads, "evidence", id).await
    }
}
