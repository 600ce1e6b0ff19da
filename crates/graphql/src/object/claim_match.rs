//! `ClaimMatch` and `MatchReason`: a claim that states the same thing, and why it is thought
//! to.

use async_graphql::{Enum, Object, SimpleObject};
use claimdesk_core::matching::{self, Quantity, Reason};

use crate::{enums::MatchState, object::Claim};

/// A claim that states the same thing as a text or another claim.
pub struct ClaimMatch(pub claimdesk_store::ClaimMatch);

/// A claim that states the same thing as a text or another claim.
#[Object]
impl ClaimMatch {
    /// The matching claim.
    async fn claim(&self) -> Claim {
        Claim(self.0.claim.clone())
    }

    /// How surely the matching claim states the same thing, from 0 to 1.
    async fn score(&self) -> f64 {
        self.0.score
    }

    /// Where the link stands; always SUGGESTED in `matchClaim`.
    async fn state(&self) -> MatchState {
        self.0.state.into()
    }

    /// What agreed and what differed, agreements first: enough for a person to judge the
    /// match. `first` is the text or claim matched, `second` the matching claim.
    async fn reasons(&self) -> Vec<MatchReason> {
        self.0.reasons.iter().map(MatchReason::from).collect()
    }
}

/// One thing two claims agree or differ on.
#[derive(SimpleObject)]
pub struct MatchReason {
    /// What kind of agreement or difference it is.
    kind: MatchReasonKind,
    /// Whether it is an agreement, which raises the score, rather than a difference, which
    /// lowers it.
    agrees: bool,
    /// What the first text (the one matched) has, as written: an amount, names, words, or
    /// the negation or hedge when the first text is the one that has it.
    first: Vec<String>,
    /// What the second text (the matching claim) has, as written.
    second: Vec<String>,
    /// A sentence saying it, for people.
    description: String,
}

/// The kinds of [`MatchReason`].
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "claimdesk_core::matching::ReasonKind")]
pub enum MatchReasonKind {
    /// Both state this amount, however each writes it ("$5.6 million", "US$5,600,000").
    SharedQuantity,
    /// Both name this person, organisation, place or product.
    SharedEntity,
    /// The content words both use.
    SharedWords,
    /// Each states an amount of the same kind that the other does not.
    DifferentQuantity,
    /// The same amount, a lower bound on one side and an upper bound on the other.
    DifferentBound,
    /// Each names someone or something the other does not.
    DifferentEntities,
    /// Word for word alike but for these words, swapped in the same place.
    DifferentWords,
    /// One text is negated and the other is not.
    Negation,
    /// One text is hedged ("may", "could") and the other is not.
    Hedge,
    /// One says something went up and the other that it went down.
    OppositeDirection,
}

impl From<&Reason> for MatchReason {
    fn from(reason: &Reason) -> Self {
        let one = |text: &str| vec![text.to_owned()];
        let amount = |quantity: &Quantity| vec![quantity.text.clone()];
        let on_side = |side: matching::Side, cue: &str| match side {
            matching::Side::First => (one(cue), Vec::new()),
            matching::Side::Second => (Vec::new(), one(cue)),
        };
        let (first, second, description) = match reason {
            Reason::SharedQuantity { first, second } => (
                amount(first),
                amount(second),
                format!(
                    "both state the amount {} ({} / {})",
                    first, first.text, second.text
                ),
            ),
            Reason::SharedEntity { first, second } => {
                (one(first), one(second), format!("both name {first}"))
            }
            Reason::SharedWords { words } => (
                words.clone(),
                words.clone(),
                format!("both say: {}", words.join(", ")),
            ),
            Reason::DifferentQuantity { first, second }
            | Reason::DifferentBound { first, second } => (
                amount(first),
                amount(second),
                format!("different amounts: {} against {}", first.text, second.text),
            ),
            Reason::DifferentEntities { first, second }
            | Reason::DifferentWords { first, second } => (
                first.clone(),
                second.clone(),
                format!(
                    "different names or words: {} against {}",
                    first.join(", "),
                    second.join(", ")
                ),
            ),
            Reason::Negation { side, cue } => {
                let (first, second) = on_side(*side, cue);
                (first, second, format!("only one is negated (“{cue}”)"))
            }
            Reason::Hedge { side, cue } => {
                let (first, second) = on_side(*side, cue);
                (first, second, format!("only one is hedged (“{cue}”)"))
            }
            Reason::OppositeDirection { first, second } => (
                one(first),
                one(second),
                format!("opposite directions: “{first}” against “{second}”"),
            ),
        };
        MatchReason {
            kind: reason.kind().into(),
            agrees: reason.agrees(),
            first,
            second,
            description,
        }
    }
}
