//! When a score makes a match suggested, and when confirmed.

use super::Match;
use crate::MatchState;

/// The default score from which a match is suggested. Meedan Check suggests from 0.7.
pub const DEFAULT_SUGGEST: f64 = 0.7;

/// The default score from which a match of long enough texts is confirmed without a person.
/// Meedan Check confirms from 0.875 to 0.95; the labelled set of `tests/matching_eval` puts
/// only true matches at 0.9 and above.
pub const DEFAULT_CONFIRM: f64 = 0.9;

/// The fewest words both texts need for a match to be confirmed automatically: a short text
/// says too little to be sure of, however well it scores.
pub const MIN_CONFIRM_WORDS: usize = 8;

/// The two thresholds, as configured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    suggest: f64,
    confirm: f64,
}

/// Thresholds that are not `0 < suggest <= confirm <= 1`.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("the thresholds need 0 < suggest ({suggest}) <= confirm ({confirm}) <= 1")]
pub struct ThresholdError {
    /// The suggest threshold given.
    pub suggest: f64,
    /// The confirm threshold given.
    pub confirm: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            suggest: DEFAULT_SUGGEST,
            confirm: DEFAULT_CONFIRM,
        }
    }
}

impl Thresholds {
    /// Thresholds with `0 < suggest <= confirm <= 1`.
    pub fn new(suggest: f64, confirm: f64) -> Result<Self, ThresholdError> {
        if suggest > 0.0 && suggest <= confirm && confirm <= 1.0 {
            Ok(Thresholds { suggest, confirm })
        } else {
            Err(ThresholdError { suggest, confirm })
        }
    }

    /// The score from which a match is suggested.
    pub fn suggest(&self) -> f64 {
        self.suggest
    }

    /// The score from which a match of long enough texts is confirmed.
    pub fn confirm(&self) -> f64 {
        self.confirm
    }

    /// The state a computed match starts in: `Confirmed` at or above the confirm threshold
    /// when both texts have at least [`MIN_CONFIRM_WORDS`] words, `Suggested` at or above the
    /// suggest threshold, and `None` (no match) below it. `Rejected` is only ever a person's
    /// judgement.
    pub fn state(&self, found: &Match) -> Option<MatchState> {
        if found.score >= self.confirm && found.fewest_words >= MIN_CONFIRM_WORDS {
            Some(MatchState::Confirmed)
        } else if found.score >= self.suggest {
            Some(MatchState::Suggested)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_by_score_and_length() {
        let thresholds = Thresholds::default();
        for (score, fewest_words, state) in [
            (0.95, 8, Some(MatchState::Confirmed)),
            (0.9, 12, Some(MatchState::Confirmed)),
            // Too short to be confirmed without a person.
            (0.95, 7, Some(MatchState::Suggested)),
            (0.7, 20, Some(MatchState::Suggested)),
            (0.69, 20, None),
        ] {
            let found = Match {
                score,
                reasons: Vec::new(),
                fewest_words,
            };
            assert_eq!(
                thresholds.state(&found),
                state,
                "{score} over {fewest_words} words"
            );
        }
    }

    #[test]
    fn thresholds_must_be_ordered() {
        assert!(Thresholds::new(0.7, 0.9).is_ok());
        assert!(Thresholds::new(0.8, 0.8).is_ok());
        assert!(Thresholds::new(0.9, 0.7).is_err());
        assert!(Thresholds::new(0.0, 0.7).is_err());
        assert!(Thresholds::new(0.7, 1.1).is_err());
        assert!(Thresholds::new(f64::NAN, 0.9).is_err());
    }
}
