//! What agreed and what differed between two claims: the reasons a match gives a person.

use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use super::numbers::Quantity;

/// Which of the two compared texts something is in: `First` is `compare`'s first argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Side {
    /// The first text.
    First,
    /// The second text.
    Second,
}

/// One thing that two claims agree or differ on. The first four kinds raise the score; the
/// others are why a match was lowered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum_discriminants(
    name(ReasonKind),
    derive(Hash, strum::AsRefStr, strum::Display),
    strum(serialize_all = "SCREAMING_SNAKE_CASE"),
    doc = "The kind of a [`Reason`], without its values."
)]
pub enum Reason {
    /// Both state this amount, however each writes it.
    SharedQuantity {
        /// As the first text has it.
        first: Quantity,
        /// As the second text has it.
        second: Quantity,
    },
    /// Both name this person, organisation, place or product.
    SharedEntity {
        /// As the first text writes it.
        first: String,
        /// As the second text writes it.
        second: String,
    },
    /// The content words both use, as the first text writes them.
    SharedWords {
        /// The words, in the first text's order.
        words: Vec<String>,
    },
    /// Each states an amount of the same kind (money, a percentage, a year, a count) that
    /// the other does not: the first of each is given.
    DifferentQuantity {
        /// The first text's amount.
        first: Quantity,
        /// The second text's amount.
        second: Quantity,
    },
    /// The same amount, stated as a lower bound on one side and an upper bound on the other
    /// ("more than 10%" and "less than 10%").
    DifferentBound {
        /// The first text's amount.
        first: Quantity,
        /// The second text's amount.
        second: Quantity,
    },
    /// Each names someone or something the other does not.
    DifferentEntities {
        /// Named only in the first text.
        first: Vec<String>,
        /// Named only in the second text.
        second: Vec<String>,
    },
    /// The texts are word for word alike but for these words, swapped in the same place
    /// ("The bridge cost …" and "The tunnel cost …").
    DifferentWords {
        /// The first text's words there.
        first: Vec<String>,
        /// The second text's words there.
        second: Vec<String>,
    },
    /// One text is negated and the other is not.
    Negation {
        /// The negated text.
        side: Side,
        /// Its negation, as written ("not", "never", "denied").
        cue: String,
    },
    /// One text is hedged and the other is not.
    Hedge {
        /// The hedged text.
        side: Side,
        /// Its hedge, as written ("may", "could").
        cue: String,
    },
    /// One text says something went up and the other that it went down.
    OppositeDirection {
        /// The first text's word for the movement.
        first: String,
        /// The second text's word for it.
        second: String,
    },
}

impl Reason {
    /// Whether the reason is an agreement, which raises the score, rather than a difference,
    /// which lowers it.
    pub fn agrees(&self) -> bool {
        matches!(
            self,
            Reason::SharedQuantity { .. }
                | Reason::SharedEntity { .. }
                | Reason::SharedWords { .. }
        )
    }

    /// The kind of reason, without its values.
    pub fn kind(&self) -> ReasonKind {
        ReasonKind::from(self)
    }
}
