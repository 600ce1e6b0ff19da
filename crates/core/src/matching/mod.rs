//! Claim matching: does this text state a claim that was checked before?
//!
//! The same claim comes back reworded, reordered, shortened, with its numbers written another
//! way and credited to someone else. [`compare`] tells how surely two texts state the same
//! claim, with a score from 0 to 1 and the [`Reason`]s a person can judge it by. It is pure
//! and deterministic: no model, no network, the same texts always give the same match.
//!
//! # Method
//!
//! Each text becomes a [`Fingerprint`] (`fingerprint`): its attribution set aside, its
//! amounts normalised by value and unit (`numbers`), its content words folded to keys
//! (`stems`), its names and acronyms, its negations and hedges (`polarity`). Two fingerprints
//! are scored (`score`) by the weight of what they share, measured against what each has,
//! and that score is then lowered by every contradiction: a different amount, year or name, a
//! negation or a hedge on one side only, opposite directions, one word swapped. Such a
//! near-miss shares most words with the claim and is not the claim, which is why the
//! contradictions are penalties on top of the word similarity, not just more words.
//!
//! A store computes each claim's fingerprint once ([`Fingerprint::new`]), stores its
//! [`Fingerprint::match_keys`], looks candidates up by the keys they share with the text
//! (`keys`), re-ranks them with [`compare_prepared`], and decides each match's state with
//! [`Thresholds::state`].
//!
//! Why not embeddings: they need a model download, and they rate "$5.6 million" and "$56
//! million" as near-identical, the very near-miss a fact-checker must tell apart.
//! The quality of this method is measured by `tests/matching_eval.rs` on labelled pairs.

mod fingerprint;
mod keys;
mod numbers;
mod polarity;
mod reasons;
mod score;
mod stems;
mod thresholds;

pub use fingerprint::Fingerprint;
pub use keys::{MAX_MATCH_KEYS, MatchKey};
pub use numbers::{Bound, Currency, Quantity, Unit};
pub use reasons::{Reason, ReasonKind, Side};
pub use score::Match;
pub use thresholds::{
    DEFAULT_CONFIRM, DEFAULT_SUGGEST, MIN_CONFIRM_WORDS, ThresholdError, Thresholds,
};

/// The version of the features and the score: a cached [`Fingerprint`] or a stored score of
/// another version must be computed again.
pub const VERSION: u32 = 1;

/// How surely `first` and `second` state the same claim.
pub fn compare(first: &str, second: &str) -> Match {
    compare_prepared(&Fingerprint::new(first), &Fingerprint::new(second))
}

/// [`compare`] for texts whose fingerprints are already computed.
pub fn compare_prepared(first: &Fingerprint, second: &Fingerprint) -> Match {
    score::compare(first, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed article's Jefferies claim.
    pub(super) const JEFFERIES_CLAIM: &str = "Analysts from Jefferies said DeepSeek's latest \
                                              model incurred a training cost of merely $5.6 \
                                              million.";
    /// A copy of it, reworded and credited to someone else.
    pub(super) const JEFFERIES_COPY: &str = "DeepSeek trained its latest model for \
                                             US$5,600,000, according to Morgan Stanley.";

    #[test]
    fn a_paraphrase_matches_and_its_near_misses_do_not() {
        let claim = JEFFERIES_CLAIM;
        let found = compare(claim, JEFFERIES_COPY);
        assert!(found.score >= DEFAULT_SUGGEST, "{found:?}");
        assert!(
            found
                .reasons
                .iter()
                .any(|r| r.kind() == ReasonKind::SharedQuantity)
        );
        for near in [
            "DeepSeek trained its latest model for US$56 million, according to Morgan Stanley.",
            "DeepSeek did not train its latest model for $5.6 million, Morgan Stanley said.",
            "OpenAI trained its latest model for US$5,600,000, according to Morgan Stanley.",
        ] {
            let found = compare(claim, near);
            assert!(found.score < DEFAULT_SUGGEST, "{near}: {found:?}");
        }
    }

    #[test]
    fn reasons_name_what_differs() {
        let found = compare("Inflation rose to 2.3 percent.", "Inflation fell to 3.2%.");
        let kinds: Vec<_> = found.reasons.iter().map(Reason::kind).collect();
        assert!(kinds.contains(&ReasonKind::DifferentQuantity), "{kinds:?}");
        assert!(kinds.contains(&ReasonKind::OppositeDirection), "{kinds:?}");
        let found = compare(
            "Vaping causes lung damage.",
            "Vaping may cause lung damage.",
        );
        assert_eq!(
            found.reasons.last(),
            Some(&Reason::Hedge {
                side: Side::Second,
                cue: "may".into()
            })
        );
    }

    #[test]
    fn comparing_is_symmetric_and_deterministic() {
        let (a, b) = (
            "The council cut the library budget by 12 percent, to £3.1 million.",
            "The library budget was cut by 12% to £3.1m.",
        );
        let (ab, ba) = (compare(a, b), compare(b, a));
        assert!((ab.score - ba.score).abs() < 1e-9);
        assert_eq!(compare(a, b), ab);
        assert!((compare(a, a).score - 1.0).abs() < 1e-9);
    }

    #[test]
    fn empty_texts_match_nothing() {
        assert!(compare("", "The budget totals $4.2 billion.").score.abs() < f64::EPSILON);
        assert!(compare("", "").score.abs() < f64::EPSILON);
    }
}
