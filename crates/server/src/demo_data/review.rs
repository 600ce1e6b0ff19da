//! What happened to each demo claim: a path through the review workflow, with its history,
//! evidence and notes, at increasing times between the claim's creation and now.
//!
//! The paths go NEW → FLAGGED → `IN_REVIEW` → CLOSED, with dismissals as `NOT_CHECKABLE`
//! straight from NEW or FLAGGED, and reopened reviews, closed again with a correction. Some
//! verdicts go through a second editor, as under `--require-approval`: they await approval,
//! are approved by another editor, or are rejected back to review. Every step is checked by
//! `claimdesk_core::workflow`, as the store checks a real one, and its event's detail comes
//! from `claimdesk_core::event_detail`, as the store's does. Every change bumps the version,
//! as the store does.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    ClaimStatus, EventKind, EvidenceStance, Priority, Transition, Verdict, event_detail,
    records::{Claim, ClaimEvent, Evidence, Note, User},
    workflow::{self, PublicationPolicy},
};
use claimdesk_store::demo_data::{DemoClaim, NextIds};
use serde_json::Value;

use super::{
    random::Random,
    timeline::{self, Step},
    words::{EVIDENCE, FLAG_REASONS, NOTES, REOPEN_REASONS, summary},
};

/// The users who act on claims.
pub struct Staff {
    /// Record claims.
    pub ingest: Vec<User>,
    /// Flag claims, review them, attach evidence and write notes.
    pub reviewers: Vec<User>,
    /// Flag, assign, close, dismiss and reopen.
    pub editors: Vec<User>,
}

/// Where a claim's review ends up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Path {
    New,
    Flagged,
    InReview,
    Dismissed,
    Closed,
    ReopenedOpen,
    ReopenedClosed,
    AwaitingApproval,
    Approved,
    Rejected,
}

/// What the demo's editors write when they send a verdict back.
const REJECT_REASONS: [&str; 3] = [
    "The summary needs the source's own figure, with its date.",
    "One piece of evidence is not enough for this verdict; find a second source.",
    "The verdict is too strong for the evidence; consider MIXED.",
];

/// What the demo's corrections say.
const CORRECTIONS: [&str; 2] = [
    "The source published revised figures; the verdict and summary now reflect them.",
    "An earlier version relied on a report that was later withdrawn.",
];

/// Builds a claim's path.
struct Review<'a> {
    random: &'a mut Random,
    staff: &'a Staff,
    ids: &'a mut NextIds,
    claim: Claim,
    steps: Vec<Step>,
    evidence: Vec<(usize, Evidence)>,
    notes: Vec<(usize, Note)>,
}

/// Gives `claim`, freshly recorded by an ingest user at its `created_at`, a history that ends
/// before `now`, taking evidence and note IDs from `ids`.
pub fn review(
    random: &mut Random,
    staff: &Staff,
    ids: &mut NextIds,
    claim: Claim,
    now: DateTime<Utc>,
) -> DemoClaim {
    let path = random.weighted(&[
        (Path::New, 340),
        (Path::Flagged, 200),
        (Path::InReview, 150),
        (Path::Dismissed, 30),
        (Path::Closed, 200),
        (Path::ReopenedOpen, 15),
        (Path::ReopenedClosed, 15),
        (Path::AwaitingApproval, 20),
        (Path::Approved, 20),
        (Path::Rejected, 10),
    ]);
    let mut review = Review {
        random,
        staff,
        ids,
        claim,
        steps: Vec::new(),
        evidence: Vec::new(),
        notes: Vec::new(),
    };
    let creator = review.random.pick(&staff.ingest).id;
    let detail = event_detail::created(review.claim.external_id.as_deref());
    review.step(EventKind::Created, creator, None, detail, 0.0);
    match path {
        Path::New => review.maybe_note(0.1),
        Path::Dismissed if review.random.chance(0.5) => review.dismiss(),
        Path::Dismissed => {
            review.flag();
            review.dismiss();
        }
        path => {
            review.flag();
            if path == Path::Flagged {
                if review.random.chance(0.4) {
                    review.assign();
                }
                review.maybe_note(0.2);
            } else {
                review.assign();
                review.start();
                review.finish(path);
            }
        }
    }
    review.into_demo(now)
}

impl Review<'_> {
    fn finish(&mut self, path: Path) {
        if path == Path::InReview {
            let pieces = self.random.between(0, 2);
            self.attach(pieces, None);
            self.maybe_note(0.4);
            return;
        }
        let first = self.verdict();
        self.investigate(first);
        if matches!(
            path,
            Path::AwaitingApproval | Path::Approved | Path::Rejected
        ) {
            self.second_editor(path, first);
            return;
        }
        self.close(first);
        if matches!(path, Path::ReopenedOpen | Path::ReopenedClosed) {
            let editor = self.random.pick(&self.staff.editors).id;
            let reason = *self.random.pick(&REOPEN_REASONS);
            let detail = event_detail::reopened(reason, Some(first));
            let delay = self.hours(24.0, 240.0);
            let transition = workflow::reopen_review(self.claim.status);
            self.transition(EventKind::Reopened, editor, transition, detail, delay);
            self.claim.verdict = None;
            self.claim.verdict_summary = None;
            self.claim.closed_by_id = None;
            if path == Path::ReopenedClosed {
                self.attach(1, Some(first));
                let second = self.verdict();
                let correction = *self.random.pick(&CORRECTIONS);
                self.close_with(second, Some(correction), PublicationPolicy::Immediate);
                let detail = event_detail::verdict_corrected(correction, second, Some(first));
                let closer = self.claim.closed_by_id.expect("just closed");
                self.step(EventKind::VerdictCorrected, closer, None, detail, 0.0);
            } else if self.random.chance(0.5) {
                self.attach(1, None);
            }
        }
    }

    /// Closes with `verdict` under the approval policy, then leaves it awaiting approval, has
    /// another editor approve it, or has one reject it back to review.
    fn second_editor(&mut self, path: Path, verdict: Verdict) {
        self.close_with(verdict, None, PublicationPolicy::RequireApproval);
        let closer = self.claim.closed_by_id;
        let others: Vec<i64> = self
            .staff
            .editors
            .iter()
            .map(|editor| editor.id)
            .filter(|id| Some(*id) != closer)
            .collect();
        let Some(&editor) = (!others.is_empty()).then(|| self.random.pick(&others)) else {
            return;
        };
        let delay = self.hours(0.5, 48.0);
        match path {
            Path::Approved => {
                let transition = workflow::approve_verdict(self.claim.status, editor, closer);
                let detail = event_detail::verdict_approved(verdict, closer);
                self.transition(
                    EventKind::VerdictApproved,
                    editor,
                    transition,
                    detail,
                    delay,
                );
            }
            Path::Rejected => {
                let reason = *self.random.pick(&REJECT_REASONS);
                let transition = workflow::reject_verdict(self.claim.status);
                let detail = event_detail::verdict_rejected(reason, Some(verdict));
                self.transition(
                    EventKind::VerdictRejected,
                    editor,
                    transition,
                    detail,
                    delay,
                );
                self.claim.verdict = None;
                self.claim.verdict_summary = None;
                self.claim.closed_by_id = None;
                self.maybe_note(0.5);
            }
            _ => {}
        }
    }

    /// Attaches the evidence a verdict needs, with a note perhaps.
    fn investigate(&mut self, verdict: Verdict) {
        let pieces = match verdict {
            Verdict::NotCheckable => self.random.between(0, 1),
            Verdict::Unproven => self.random.between(0, 2),
            _ => self.random.between(1, 3),
        };
        self.attach(pieces, Some(verdict));
        self.maybe_note(0.35);
    }

    fn verdict(&mut self) -> Verdict {
        let verdict = self.random.weighted(&[
            (Verdict::True, 14),
            (Verdict::MostlyTrue, 14),
            (Verdict::Mixed, 12),
            (Verdict::Misleading, 12),
            (Verdict::MostlyFalse, 10),
            (Verdict::False, 14),
            (Verdict::Misattributed, 4),
            (Verdict::Unproven, 10),
            (Verdict::NotCheckable, 10),
        ]);
        if verdict == Verdict::Misattributed && self.claim.source_id.is_none() {
            Verdict::False
        } else {
            verdict
        }
    }

    fn flag(&mut self) {
        let flagger = if self.random.chance(0.5) {
            self.random.pick(&self.staff.editors).id
        } else {
            self.random.pick(&self.staff.reviewers).id
        };
        let priority = self.random.weighted(&[
            (Priority::Low, 10),
            (Priority::Normal, 35),
            (Priority::High, 35),
            (Priority::Urgent, 20),
        ]);
        let reason = *self.random.pick(&FLAG_REASONS);
        let detail = event_detail::flagged(reason, priority);
        let delay = self.hours(0.2, 72.0);
        let transition = workflow::flag(self.claim.status);
        self.transition(EventKind::Flagged, flagger, transition, detail, delay);
        self.claim.priority = priority;
        self.claim.flag_reason = Some(reason.to_owned());
    }

    fn assign(&mut self) {
        let editor = self.random.pick(&self.staff.editors).id;
        let assignee = self.random.pick(&self.staff.reviewers);
        workflow::assign(self.claim.status).expect("the demo path follows the workflow");
        let detail = event_detail::assigned(assignee.id, &assignee.name, self.claim.assignee_id);
        self.claim.assignee_id = Some(assignee.id);
        let delay = self.hours(0.1, 24.0);
        self.step(EventKind::Assigned, editor, None, detail, delay);
    }

    fn start(&mut self) {
        let delay = self.hours(0.2, 48.0);
        let reviewer = self.reviewer();
        let transition = workflow::start_review(self.claim.status);
        let detail = event_detail::review_started();
        self.transition(
            EventKind::ReviewStarted,
            reviewer,
            transition,
            detail,
            delay,
        );
    }

    /// Closes the review with `verdict` as an editor.
    fn close(&mut self, verdict: Verdict) {
        self.close_after(verdict, 1.0, 120.0);
    }

    /// Closes the claim as `NOT_CHECKABLE` without a review.
    fn dismiss(&mut self) {
        self.close_after(Verdict::NotCheckable, 0.2, 48.0);
    }

    /// Closes the claim with `verdict` as an editor, between `min` and `max` hours after its
    /// last change.
    fn close_after(&mut self, verdict: Verdict, min: f64, max: f64) {
        let delay = self.hours(min, max);
        self.close_at(verdict, None, PublicationPolicy::Immediate, delay);
    }

    /// Closes the review with `verdict` (and a `correction`) under `policy`.
    fn close_with(
        &mut self,
        verdict: Verdict,
        correction: Option<&str>,
        policy: PublicationPolicy,
    ) {
        let delay = self.hours(1.0, 120.0);
        self.close_at(verdict, correction, policy, delay);
    }

    fn close_at(
        &mut self,
        verdict: Verdict,
        correction: Option<&str>,
        policy: PublicationPolicy,
        delay: f64,
    ) {
        let editor = self.random.pick(&self.staff.editors).id;
        let summary = summary(verdict);
        let detail = match correction {
            Some(correction) => event_detail::closed_with_correction(verdict, summary, correction),
            None => event_detail::closed(verdict, summary),
        };
        let evidence = u64::try_from(self.evidence.len()).expect("a short list");
        let transition = workflow::close_review(self.claim.status, verdict, evidence, policy);
        self.transition(EventKind::Closed, editor, transition, detail, delay);
        self.claim.verdict = Some(verdict);
        self.claim.verdict_summary = Some(summary.to_owned());
        self.claim.closed_by_id = Some(editor);
    }

    /// Attaches `pieces` of evidence as the reviewer, leaning the way `verdict` goes.
    fn attach(&mut self, pieces: usize, verdict: Option<Verdict>) {
        for _ in 0..pieces {
            let (title, publisher, domain) = *self.random.pick(&EVIDENCE);
            let stance = match verdict {
                Some(Verdict::True | Verdict::MostlyTrue) if self.random.chance(0.8) => {
                    EvidenceStance::Supports
                }
                Some(Verdict::False | Verdict::MostlyFalse | Verdict::Misattributed)
                    if self.random.chance(0.8) =>
                {
                    EvidenceStance::Refutes
                }
                _ => self.random.weighted(&[
                    (EvidenceStance::Supports, 1),
                    (EvidenceStance::Refutes, 1),
                    (EvidenceStance::Context, 1),
                ]),
            };
            let id = self.ids.evidence;
            self.ids.evidence += 1;
            let url = format!("https://{domain}/documents/{}-{id}", self.claim.id);
            workflow::attach_evidence(self.claim.status)
                .expect("the demo path follows the workflow");
            let detail = event_detail::evidence_attached(id, &url, stance);
            let actor = self.reviewer();
            let delay = self.hours(0.3, 24.0);
            self.step(EventKind::EvidenceAttached, actor, None, detail, delay);
            let excerpt = match stance {
                EvidenceStance::Supports => {
                    "The document gives the same figure for the same period."
                }
                EvidenceStance::Refutes => {
                    "The document gives a different figure for the same period."
                }
                EvidenceStance::Context => "The document explains how the figure is calculated.",
            };
            let evidence = Evidence {
                id,
                claim_id: self.claim.id,
                url,
                title: title.to_owned(),
                publisher: Some(publisher.to_owned()),
                excerpt: Some(excerpt.to_owned()),
                stance,
                published_at: None,
                added_by_id: actor,
                created_at: self.claim.created_at,
            };
            self.evidence.push((self.steps.len() - 1, evidence));
        }
    }

    /// Adds a note with probability `p`, by the assignee or any reviewer.
    fn maybe_note(&mut self, p: f64) {
        if !self.random.chance(p) {
            return;
        }
        let id = self.ids.note;
        self.ids.note += 1;
        let author = self.reviewer();
        let delay = self.hours(0.1, 24.0);
        self.step(
            EventKind::NoteAdded,
            author,
            None,
            event_detail::note_added(id),
            delay,
        );
        let note = Note {
            id,
            claim_id: self.claim.id,
            author_id: author,
            body: (*self.random.pick(&NOTES)).to_owned(),
            created_at: self.claim.created_at,
        };
        self.notes.push((self.steps.len() - 1, note));
    }

    /// The assignee, or a reviewer when there is none.
    fn reviewer(&mut self) -> i64 {
        match self.claim.assignee_id {
            Some(id) => id,
            None => self.random.pick(&self.staff.reviewers).id,
        }
    }

    /// A delay between `low` and `high` hours, log-uniformly: short ones are more common.
    fn hours(&mut self, low: f64, high: f64) -> f64 {
        let hours = (low.ln() + self.random.unit() * (high.ln() - low.ln())).exp();
        hours * 3600.0
    }

    /// Records a status change the workflow allowed; its time is given once the whole path is
    /// known.
    fn transition(
        &mut self,
        kind: EventKind,
        actor: i64,
        transition: Result<Transition, workflow::WorkflowError>,
        detail: Value,
        delay: f64,
    ) {
        let transition = transition.expect("the demo path follows the workflow");
        self.claim.status = transition.to;
        self.step(
            kind,
            actor,
            Some((transition.from, transition.to)),
            detail,
            delay,
        );
    }

    fn step(
        &mut self,
        kind: EventKind,
        actor: i64,
        change: Option<(ClaimStatus, ClaimStatus)>,
        detail: Value,
        delay: f64,
    ) {
        let event = ClaimEvent {
            id: 0,
            claim_id: self.claim.id,
            kind,
            actor_id: actor,
            at: self.claim.created_at,
            from_status: change.map(|(from, _)| from),
            to_status: change.map(|(_, to)| to),
            detail,
        };
        self.steps.push(Step { event, delay });
    }

    /// The claim with its history, evidence and notes, placed in time before `now`.
    fn into_demo(self, now: DateTime<Utc>) -> DemoClaim {
        let Review {
            claim,
            steps,
            evidence,
            notes,
            ..
        } = self;
        timeline::lay_out(claim, steps, evidence, notes, now)
    }
}
