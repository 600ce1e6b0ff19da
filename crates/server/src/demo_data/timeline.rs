//! When each step of a generated claim's history happened: the delays laid end to end from
//! the claim's creation, squeezed to end before now when they would not fit, and the claim's,
//! its evidence's and its notes' times from them.

use chrono::{DateTime, Duration, Utc};
use claimdesk_core::{
    EventKind,
    records::{Claim, ClaimEvent, Evidence, Note},
};
use claimdesk_store::demo_data::DemoClaim;

/// A step of the claim's history before times are given: its event, and how long after the
/// previous step it happened, in seconds.
pub(super) struct Step {
    /// The event, its time not yet given.
    pub event: ClaimEvent,
    /// How long after the previous step it happened, in seconds.
    pub delay: f64,
}

/// Gives every step its time: the delays laid end to end from the claim's creation,
/// squeezed to end before `now` when they would not fit, and the claim's times from them.
pub(super) fn lay_out(
    mut claim: Claim,
    steps: Vec<Step>,
    mut evidence: Vec<(usize, Evidence)>,
    mut notes: Vec<(usize, Note)>,
    now: DateTime<Utc>,
) -> DemoClaim {
    let total: f64 = steps.iter().map(|step| step.delay).sum();
    #[allow(clippy::cast_precision_loss)]
    let room = (now - claim.created_at).num_milliseconds() as f64 * 0.98;
    let scale = if total * 1000.0 > room {
        room / (total * 1000.0)
    } else {
        1.0
    };
    let mut at = claim.created_at;
    let mut elapsed = 0.0;
    let mut history = Vec::with_capacity(steps.len());
    for mut step in steps {
        elapsed += step.delay * 1000.0 * scale;
        #[allow(clippy::cast_possible_truncation)]
        let next = claim.created_at + Duration::milliseconds(elapsed as i64);
        at = if history.is_empty() {
            claim.created_at
        } else {
            next.max(at + Duration::milliseconds(1))
        };
        step.event.at = at;
        history.push(step.event);
    }
    for (index, evidence) in &mut evidence {
        evidence.created_at = history[*index].at;
        evidence.published_at = Some(claim.created_at - Duration::days(1 + (evidence.id % 40)));
    }
    for (index, note) in &mut notes {
        note.created_at = history[*index].at;
    }
    for event in &history {
        match event.kind {
            EventKind::Flagged => claim.flagged_at = Some(event.at),
            EventKind::Closed => claim.closed_at = Some(event.at),
            EventKind::Reopened | EventKind::VerdictRejected => claim.closed_at = None,
            _ => {}
        }
    }
    claim.updated_at = at;
    // A correction's event goes with the change that publishes it, in the same version.
    let changes = history
        .iter()
        .filter(|event| event.kind != EventKind::VerdictCorrected)
        .count();
    claim.version = i64::try_from(changes).expect("a short history");
    DemoClaim {
        claim,
        evidence: evidence.into_iter().map(|(_, evidence)| evidence).collect(),
        notes: notes.into_iter().map(|(_, note)| note).collect(),
        history,
    }
}
