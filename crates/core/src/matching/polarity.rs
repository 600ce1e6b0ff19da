//! Whether a claim asserts, denies or only supposes what it says.
//!
//! "DeepSeek spent $5.6 million" and "DeepSeek did not spend $5.6 million" share every
//! content word and say opposite things, so negations are counted on their own: "not",
//! "n't", "never", "no longer", "no", "none", "without", "denied", "refused to", "failed to".
//! Two claims disagree when one is negated an odd number of times and the other an even
//! number. A hedge ("may", "could", "might", "possibly", "likely") turns a fact into a
//! possibility; a claim hedged on one side only is a different claim too. "Not only" and "no
//! more than" are no negations, and "May" with a capital is the month.

use crate::detect::tokens::{Kind, Token};

/// Words that negate the statement they stand in.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "none", "nobody", "nothing", "neither", "without", "cannot", "deny",
    "denies", "denied", "denying",
];

/// Verbs that negate what follows when "to" follows them ("refused to concede").
#[rustfmt::skip]
const NEGATING_VERBS: &[&str] = &[
    "refuse", "refuses", "refused", "refusing", "fail", "fails", "failed", "failing",
    "declined", "declines",
];

/// Words after "not" or "no" that make it no negation of the claim ("not only", "no more
/// than", "no doubt").
#[rustfmt::skip]
const NOT_NEGATING_AFTER: &[&str] = &[
    "only", "just", "merely", "more", "less", "fewer", "doubt", "sooner",
];

/// Modal words and adverbs that make a statement a possibility.
#[rustfmt::skip]
pub(crate) const HEDGES: &[&str] = &[
    "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely",
    "potentially", "maybe", "seems", "seem", "appears", "appear", "suspected",
];

/// The negation and hedge cues of a sentence, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Polarity {
    /// The words that negate it.
    pub negations: Vec<String>,
    /// The words that hedge it.
    pub hedges: Vec<String>,
}

impl Polarity {
    /// The cues of the tokens `list`.
    pub(crate) fn of(list: &[Token<'_>]) -> Self {
        let mut polarity = Polarity::default();
        for (i, token) in list.iter().enumerate() {
            if token.kind != Kind::Word {
                continue;
            }
            let next = list.get(i + 1);
            if negates(token, next) {
                polarity.negations.push(token.text.to_owned());
            } else if is_hedge(token, next) {
                polarity.hedges.push(token.text.to_owned());
            }
        }
        polarity
    }

    /// Whether the sentence is negated an odd number of times.
    pub(crate) fn negated(&self) -> bool {
        self.negations.len() % 2 == 1
    }

    /// Whether the sentence is hedged.
    pub(crate) fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// Whether `token`, followed by `next`, negates its sentence.
fn negates(token: &Token<'_>, next: Option<&Token<'_>>) -> bool {
    let lower = token.text.to_lowercase();
    if lower.ends_with("n't") || lower.ends_with("n’t") {
        return true;
    }
    if token.is("no") && next.is_none_or(|n| n.kind != Kind::Word) {
        return false;
    }
    if token.is_in(NEGATIONS) {
        return !next.is_some_and(|n| n.is_in(NOT_NEGATING_AFTER));
    }
    token.is_in(NEGATING_VERBS) && next.is_some_and(|n| n.is("to"))
}

/// Whether `token`, followed by `next`, hedges its sentence.
fn is_hedge(token: &Token<'_>, next: Option<&Token<'_>>) -> bool {
    if !token.is_in(HEDGES) || (token.is("May") && token.is_capitalised()) {
        return false;
    }
    let linking =
        token.is("seems") || token.is("seem") || token.is("appears") || token.is("appear");
    !linking || next.is_some_and(|n| n.is("to"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tokens::Tokens;

    fn of(text: &str) -> Polarity {
        Polarity::of(&Tokens::new(text, false).list)
    }

    #[test]
    fn negations_are_found() {
        for text in [
            "The approach does not depend on high-end chips.",
            "The vaccine didn't reduce admissions.",
            "The club never broke the rules.",
            "Officials found no evidence of fraud.",
            "The dam no longer provides power.",
            "The president refused to concede.",
            "The minister denied knowing about the leak.",
            "The firm cannot pay.",
        ] {
            assert!(of(text).negated(), "{text}");
        }
    }

    #[test]
    fn what_is_no_negation() {
        for text in [
            "It is not only cheap but fast.",
            "No more than 10 percent agreed.",
            "Almost half of adults have no will, and do not plan one.",
            "The rate rose in May.",
        ] {
            assert!(!of(text).negated(), "{text}");
        }
        assert!(!of("The rate rose in May.").hedged());
    }

    #[test]
    fn hedges_are_found() {
        assert!(of("Vaping may cause lung damage.").hedged());
        assert!(of("The closure could cost 2,000 jobs.").hedged());
        assert!(of("The drug seems to work.").hedged());
        assert!(!of("Vaping causes lung damage.").hedged());
        assert!(!of("It seems fine.").hedged());
    }
}
