//! What kind of claim a sentence makes.
//!
//! The first that applies wins:
//! 1. a quantity makes it a [`ClaimCategory::Statistic`];
//! 2. a word about the future ("will", "expected to", "predicted") a
//!    [`ClaimCategory::Prediction`];
//! 3. hedges or evaluative words, with no completed event, an [`ClaimCategory::Opinion`];
//! 4. a source's own words in quotation marks a [`ClaimCategory::Quote`];
//! 5. anything else is an [`ClaimCategory::Event`]: something that happened or is the case.

use strum::{AsRefStr, Display, EnumString};

use super::worthiness::Features;
use crate::AttributionKind;

/// The kind of statement a detected claim makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, AsRefStr, EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClaimCategory {
    /// A number, amount, percentage or comparison of quantities.
    Statistic,
    /// Something that happened, or is the case.
    Event,
    /// A source's own words.
    Quote,
    /// Something said about the future.
    Prediction,
    /// A judgement or belief.
    Opinion,
}

/// The category of a sentence with `features`, attributed as `attribution`.
pub(crate) fn categorise(features: &Features, attribution: AttributionKind) -> ClaimCategory {
    if features.quantities > 0 {
        ClaimCategory::Statistic
    } else if features.predictions > 0 {
        ClaimCategory::Prediction
    } else if features.hedges + features.opinions > 0 && features.events == 0 {
        ClaimCategory::Opinion
    } else if attribution == AttributionKind::DirectQuote {
        ClaimCategory::Quote
    } else {
        ClaimCategory::Event
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tokens::Tokens;

    fn category(text: &str, attribution: AttributionKind) -> ClaimCategory {
        let features = Features::of(&Tokens::new(text, false), &(0..0), true);
        categorise(&features, attribution)
    }

    #[test]
    fn each_category_has_its_sign() {
        use AttributionKind::{DirectQuote, Unattributed};
        assert_eq!(
            category("Fares rose 8 percent.", Unattributed),
            ClaimCategory::Statistic
        );
        assert_eq!(
            category("The line will open in May.", Unattributed),
            ClaimCategory::Prediction
        );
        assert_eq!(
            category("The plan seems unfair to riders.", Unattributed),
            ClaimCategory::Opinion
        );
        assert_eq!(
            category("We built the bridge together.", DirectQuote),
            ClaimCategory::Quote
        );
        assert_eq!(
            category("The mayor opened the bridge.", Unattributed),
            ClaimCategory::Event
        );
    }

    #[test]
    fn names_are_screaming_snake_case() {
        assert_eq!(ClaimCategory::Statistic.as_ref(), "STATISTIC");
        assert_eq!(ClaimCategory::Prediction.to_string(), "PREDICTION");
    }
}
