//! A claim and its review.

use async_graphql::{Context, ID, Json, Object, Result};
use chrono::{DateTime, Utc};
use claimdesk_core::{records, workflow};

use crate::{
    enums::{AttributionKind, ClaimAction, ClaimCategory, ClaimStatus, Priority, Verdict},
    error::api_error,
    id::NodeType,
    loader,
    object::{
        Article, ClaimEvent, ClaimMatch, Evidence, Note, Source, TextSpan, User, VerdictVersion,
        optional_user,
    },
    pagination::UNPAGED_LIST_COST,
    state::ContextExt,
};

/// A checkable statement taken from an article, with its review.
pub struct Claim(pub records::Claim);

/// A checkable statement taken from an article, with its review.
#[Object]
impl Claim {
    /// The claim's global ID.
    pub(crate) async fn id(&self) -> ID {
        NodeType::Claim.id(self.0.id)
    }

    /// The client's own identifier for the claim, unique within its article.
    async fn external_id(&self) -> Option<&str> {
        self.0.external_id.as_deref()
    }

    /// The checkable statement.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// The exact words of the article the claim is taken from.
    async fn quote(&self) -> &str {
        &self.0.quote
    }

    /// Where the quote stands in the article body.
    async fn span(&self) -> TextSpan {
        self.0.span.into()
    }

    /// The article the claim is taken from.
    async fn article(&self, ctx: &Context<'_>) -> Result<Article> {
        loader::article(ctx, self.0.article_id)
            .await
            .map(Article::without_body)
    }

    /// Whether a revision of the article removed the quote; the span then no longer holds it.
    async fn anchor_lost(&self) -> bool {
        self.0.anchor_lost
    }

    /// How check-worthy the claim detector judged the claim, from 0 to 1; null for claims
    /// entered by hand.
    async fn check_worthiness(&self) -> Option<f64> {
        self.0.check_worthiness
    }

    /// What kind of statement the claim detector judged it; null for claims entered by hand.
    async fn category(&self) -> Option<ClaimCategory> {
        let category = self.0.category.as_deref()?;
        category
            .parse::<claimdesk_core::detect::ClaimCategory>()
            .ok()
            .map(Into::into)
    }

    /// Who the claim is attributed to.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        let Some(source_id) = self.0.source_id else {
            return Ok(None);
        };
        loader::source(ctx, source_id)
            .await
            .map(|source| Some(Source(source)))
    }

    /// How the article attributes the claim to its source.
    async fn attribution(&self) -> AttributionKind {
        self.0.attribution.into()
    }

    /// Where the claim stands in the review workflow.
    async fn status(&self) -> ClaimStatus {
        self.0.status.into()
    }

    /// The statuses the claim can move to from its current one, under the server's
    /// publication policy.
    async fn next_statuses(&self, ctx: &Context<'_>) -> Vec<ClaimStatus> {
        let policy = ctx.store().publication_policy();
        workflow::next_statuses_under(self.0.status, policy)
            .iter()
            .map(|&s| s.into())
            .collect()
    }

    /// What the requesting user may do to the claim now: the actions its status allows and
    /// the user's role permits, in workflow order. A desk offers these and no others.
    /// `APPROVE_VERDICT` is never offered to the editor who closed the review (four eyes).
    #[allow(
        clippy::unused_async,
        reason = "async-graphql resolves object fields asynchronously"
    )]
    async fn viewer_actions(&self, ctx: &Context<'_>) -> Result<Vec<ClaimAction>> {
        let actor = ctx.actor()?;
        let closed_it = self.0.closed_by_id == Some(actor.id);
        Ok(
            workflow::offered_actions(self.0.status, actor.role, closed_it)
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    }

    /// How urgently the claim should be checked.
    async fn priority(&self) -> Priority {
        self.0.priority.into()
    }

    /// Why the claim was flagged.
    async fn flag_reason(&self) -> Option<&str> {
        self.0.flag_reason.as_deref()
    }

    /// When the claim was flagged.
    async fn flagged_at(&self) -> Option<DateTime<Utc>> {
        self.0.flagged_at
    }

    /// Who is reviewing the claim.
    async fn assignee(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        optional_user(ctx, self.0.assignee_id).await
    }

    /// The outcome of the closed review; null while the review is open. While the claim
    /// awaits approval, the verdict that awaits it (not yet published).
    async fn verdict(&self) -> Option<Verdict> {
        self.0.verdict.map(Into::into)
    }

    /// The reasoning behind the verdict.
    async fn verdict_summary(&self) -> Option<&str> {
        self.0.verdict_summary.as_deref()
    }

    /// When the review was closed.
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.0.closed_at
    }

    /// Who closed the review.
    async fn closed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        optional_user(ctx, self.0.closed_by_id).await
    }

    /// Every verdict the claim has had, oldest first, with who closed, approved or rejected
    /// it, when it was published, and its correction. The current verdict of a CLOSED claim
    /// is the latest published one.
    #[graphql(complexity = "UNPAGED_LIST_COST * child_complexity")]
    async fn verdicts(&self, ctx: &Context<'_>) -> Result<Vec<VerdictVersion>> {
        let versions = loader::claim_list::<records::VerdictVersion>(ctx, self.0.id).await?;
        Ok(versions.iter().cloned().map(VerdictVersion).collect())
    }

    /// The published fact-check: schema.org ClaimReview JSON-LD, as served at
    /// `/claim-reviews/{id}.jsonld`; null while the review is open or its verdict awaits
    /// approval, and for a review imported from another publisher. A verdict taken from a
    /// matched claim names that claim's review as `isBasedOn`.
    async fn claim_review(&self, ctx: &Context<'_>) -> Result<Option<Json<serde_json::Value>>> {
        if self.0.status != claimdesk_core::ClaimStatus::Closed {
            return Ok(None);
        }
        match ctx.store().claim_review(self.0.id, ctx.publisher()).await {
            Ok(review) => Ok(Some(Json(review))),
            // Another publisher's imported review is matched, not republished.
            Err(claimdesk_store::StoreError::NotPublished { .. }) => Ok(None),
            Err(error) => Err(api_error(error)),
        }
    }

    /// Grows by one with every change. Pass it as `expectedVersion` to make a change apply
    /// only if nobody changed the claim since you read it.
    async fn version(&self) -> i64 {
        self.0.version
    }

    /// The evidence attached to the claim, oldest first.
    #[graphql(complexity = "UNPAGED_LIST_COST * child_complexity")]
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<Evidence>> {
        let evidence = loader::claim_list::<records::Evidence>(ctx, self.0.id).await?;
        Ok(evidence.iter().cloned().map(Evidence).collect())
    }

    /// How many pieces of evidence are attached.
    async fn evidence_count(&self, ctx: &Context<'_>) -> Result<usize> {
        Ok(loader::claim_list::<records::Evidence>(ctx, self.0.id)
            .await?
            .len())
    }

    /// The other claims that state the same thing as this one, best first, at most `first`:
    /// the matches stored when either claim was recorded or judged, in every state (a
    /// REJECTED one stays, so that nobody judges it twice).
    #[graphql(complexity = "first.max(0).unsigned_abs() as usize * child_complexity")]
    async fn matches(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5, validator(minimum = 0, maximum = 100))] first: i32,
    ) -> Result<Vec<ClaimMatch>> {
        let matches = loader::claim_list::<claimdesk_store::ClaimMatch>(ctx, self.0.id).await?;
        let first = usize::try_from(first).unwrap_or_default();
        Ok(matches
            .iter()
            .take(first)
            .cloned()
            .map(ClaimMatch)
            .collect())
    }

    /// The reviewers' notes on the claim, oldest first.
    #[graphql(complexity = "UNPAGED_LIST_COST * child_complexity")]
    async fn notes(&self, ctx: &Context<'_>) -> Result<Vec<Note>> {
        let notes = loader::claim_list::<(records::Note, records::User)>(ctx, self.0.id).await?;
        Ok(notes
            .iter()
            .map(|(note, author)| Note(note.clone(), Some(author.clone())))
            .collect())
    }

    /// The newest note, if any.
    async fn latest_note(&self, ctx: &Context<'_>) -> Result<Option<Note>> {
        let notes = loader::claim_list::<(records::Note, records::User)>(ctx, self.0.id).await?;
        Ok(notes
            .last()
            .map(|(note, author)| Note(note.clone(), Some(author.clone()))))
    }

    /// Everything that happened to the claim, oldest first; with `last`, only the newest
    /// `last` events.
    #[graphql(complexity = "UNPAGED_LIST_COST * child_complexity")]
    async fn history(&self, ctx: &Context<'_>, last: Option<usize>) -> Result<Vec<ClaimEvent>> {
        let events = match last {
            Some(last) => {
                let last = u64::try_from(last).unwrap_or(u64::MAX);
                loader::recent_history(ctx, self.0.id, last).await?
            }
            None => loader::claim_list::<records::ClaimEvent>(ctx, self.0.id).await?,
        };
        let skipped = last.map_or(0, |last| events.len().saturating_sub(last));
        Ok(events[skipped..]
            .iter()
            .map(|event| ClaimEvent(event.clone(), None))
            .collect())
    }

    /// When the claim was recorded.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the claim last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
