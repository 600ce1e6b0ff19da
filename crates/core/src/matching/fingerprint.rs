//! A claim's features, computed once and compared with many others.
//!
//! The text is cut into words by the detector's tokenizer. The attribution ("analysts at
//! Jefferies said", "according to Morgan Stanley") is set aside, as the detector finds it:
//! the same claim credited to someone else is still the same claim. What remains becomes:
//! - the amounts (`numbers`);
//! - the content words, each with its key (`stems`) and a weight: a name weighs more than a
//!   plain word, and everyday words of reporting ("year", "level", "reached") weigh little;
//! - the names among them: capitalised words inside the sentence are names; a capitalised
//!   first word is only weakly one ("Inflation fell"), unless it is shaped like one
//!   ("DeepSeek", "BYD", "R1");
//! - the acronyms its runs of words spell ("World Health Organization" spells "who");
//! - its negations and hedges (`polarity`), read from the whole text, attribution included
//!   ("the ministry denied that …").

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::numbers::{self, Quantity};
use super::polarity::{HEDGES, Polarity};
use super::stems;
use crate::detect::attribution;
use crate::detect::cues::{MONTHS, WEEKDAYS};
use crate::detect::lexicon::{FUNCTION_WORDS, REPORTING_VERBS, is_in};
use crate::detect::tokens::{Kind, Token, Tokens};

/// Words that carry no content for matching, beyond the detector's function words and
/// reporting verbs.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "says", "say", "about", "around", "roughly", "nearly", "almost", "approximately", "merely",
    "just", "only", "some", "than", "percent", "per", "cent", "percentage", "point", "points",
    "never", "none", "nobody", "nothing", "cannot", "without", "also", "according", "thanks",
    "said", "saying", "told", "reportedly", "allegedly", "its", "their", "it's", "there",
    "estimated", "less", "fewer", "under", "over", "above", "below", "least", "upwards",
];

/// Everyday words of reporting numbers, which say little about what a claim is about.
#[rustfmt::skip]
const LIGHT_WORDS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "level", "levels",
    "record", "recorded", "rate", "rates", "total", "totals", "number", "new", "time", "times",
    "reach", "reached", "hit", "make", "made", "take", "took", "get", "got", "come", "came",
    "stand", "stood", "amount", "amounted", "high", "low", "highest", "lowest", "latest",
    "first", "second", "third", "last", "previous", "next", "today", "now", "ever", "still",
    "average", "people", "since", "most", "many", "much", "all", "every", "each", "while",
    "including", "whose", "which", "who", "data", "figures",
];

/// Small words that may stand inside a name whose initials make an acronym.
const ACRONYM_CONNECTORS: &[&str] = &["of", "and", "for", "the", "&"];

/// Weights: how much each kind of feature counts towards the score.
pub(crate) mod weight {
    /// A name inside the sentence, or shaped like one.
    pub const NAME: f64 = 2.0;
    /// A capitalised first word.
    pub const WEAK_NAME: f64 = 1.5;
    /// Any other content word.
    pub const WORD: f64 = 1.0;
    /// An everyday word of reporting.
    pub const LIGHT: f64 = 0.4;
    /// An amount of money.
    pub const MONEY: f64 = 3.0;
    /// A percentage or percentage points.
    pub const PERCENT: f64 = 2.5;
    /// A count.
    pub const COUNT: f64 = 2.0;
    /// A year.
    pub const YEAR: f64 = 1.5;
}

/// Whether and how strongly a word is a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Name {
    /// A plain word.
    No,
    /// A capitalised first word: a name or just the sentence's first word.
    Weak,
    /// A name.
    Strong,
}

/// One content word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Term {
    /// What it is compared by.
    pub key: String,
    /// The word as written, without a possessive ending.
    pub text: String,
    /// How much it counts.
    pub weight: f64,
    /// Whether it is a name.
    pub name: Name,
}

impl Term {
    /// Whether the word is written in capitals only ("WHO", "NASA"), as an acronym is.
    pub(crate) fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        (2..=6).contains(&letters) && self.text.chars().all(|c| c.is_uppercase() || c == '.')
    }
}

/// The initials of a run of words: an acronym the run may be written as elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Initials {
    /// The initials, in lower case.
    pub letters: String,
    /// The terms of the run.
    pub terms: Range<usize>,
}

/// One feature in text order: a word or an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Item {
    /// `terms[i]`.
    Term(usize),
    /// `quantities[i]`.
    Quantity(usize),
}

/// The features of one text that matching compares: build it once per stored claim with
/// [`Fingerprint::new`] and compare it with [`super::compare_prepared`] as often as needed.
/// It serialises with serde, so it can be cached; a cached one is only valid for the
/// [`super::VERSION`] it was built with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub(crate) terms: Vec<Term>,
    pub(crate) quantities: Vec<Quantity>,
    pub(crate) initials: Vec<Initials>,
    pub(crate) order: Vec<Item>,
    pub(crate) polarity: Polarity,
    pub(crate) words: usize,
}

impl Fingerprint {
    /// Reads the features of `text`, a claim's sentence (any Unicode).
    pub fn new(text: &str) -> Self {
        let tokens = Tokens::new(text, false);
        let list = &tokens.list;
        let attribution = attribution::attribute(&tokens).tokens;
        let mut built = Builder::default();
        let mut i = 0;
        while i < list.len() {
            if attribution.contains(&i) {
                built.break_run();
                i += 1;
                continue;
            }
            if let Some((mut quantity, range)) = numbers::read(list, i) {
                tokens.phrase(range.clone()).clone_into(&mut quantity.text);
                built.quantity(quantity);
                i = range.end;
                continue;
            }
            let token = &list[i];
            if token.kind == Kind::Word && !numbers::is_currency_prefix(list, i) {
                built.word(token);
            } else {
                built.break_run();
            }
            i += 1;
        }
        built.break_run();
        Fingerprint {
            terms: built.terms,
            quantities: built.quantities,
            initials: built.initials,
            order: built.order,
            polarity: Polarity::of(list),
            words: tokens.word_count(),
        }
    }

    /// How many words and numbers the text has: the measure of [`super::MIN_CONFIRM_WORDS`].
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// The amounts the text states, normalised.
    pub fn quantities(&self) -> &[Quantity] {
        &self.quantities
    }

    /// The names the text mentions, as written, attribution aside.
    pub fn entities(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .filter(|t| t.name != Name::No)
            .map(|t| t.text.as_str())
    }

    /// The total weight of the text's features.
    pub(crate) fn total_weight(&self) -> f64 {
        let words: f64 = self.terms.iter().map(|t| t.weight).sum();
        let amounts: f64 = self.quantities.iter().map(quantity_weight).sum();
        words + amounts
    }
}

/// How much an amount counts.
pub(crate) fn quantity_weight(quantity: &Quantity) -> f64 {
    match quantity.unit {
        numbers::Unit::Money(_) => weight::MONEY,
        numbers::Unit::Percent | numbers::Unit::PercentagePoints => weight::PERCENT,
        numbers::Unit::Count => weight::COUNT,
        numbers::Unit::Year => weight::YEAR,
    }
}

/// Collects the features while the tokens are read.
#[derive(Default)]
struct Builder {
    terms: Vec<Term>,
    quantities: Vec<Quantity>,
    initials: Vec<Initials>,
    order: Vec<Item>,
    /// The terms of the current run of words, with whether each was preceded by a connector.
    run: Vec<usize>,
}

impl Builder {
    fn quantity(&mut self, quantity: Quantity) {
        self.break_run();
        self.order.push(Item::Quantity(self.quantities.len()));
        self.quantities.push(quantity);
    }

    /// Reads one word token, or the parts of a hyphenated one ("coal-fired").
    fn word(&mut self, token: &Token<'_>) {
        let base = token.base();
        if base.chars().any(char::is_numeric) {
            self.part(token, base);
            return;
        }
        for part in base.split(['-', '‐', '/']).filter(|p| !p.is_empty()) {
            self.part(token, part);
        }
    }

    /// Reads one word: a term, a connector inside a run, or a stop word that ends the run.
    fn part(&mut self, token: &Token<'_>, word: &str) {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let plain = !capitalised || token.initial;
        if is_in(ACRONYM_CONNECTORS, word) && !token.initial {
            return;
        }
        let short = (word.chars().count() < 2 || (word.chars().count() == 2 && !capitalised))
            && !is_in(&["up"], word);
        let stop = plain
            && (is_in(FUNCTION_WORDS, word)
                || is_in(REPORTING_VERBS, word)
                || is_in(STOP_WORDS, word)
                || is_in(HEDGES, word));
        if short || stop || is_in(WEEKDAYS, word) || word.ends_with("n't") || word.ends_with("n’t")
        {
            self.break_run();
            return;
        }
        let shaped = word
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_numeric());
        let name = if !capitalised {
            Name::No
        } else if !token.initial || shaped || is_in(MONTHS, word) {
            Name::Strong
        } else {
            Name::Weak
        };
        let weight = match name {
            Name::Strong => weight::NAME,
            Name::Weak => weight::WEAK_NAME,
            Name::No if is_in(LIGHT_WORDS, word) => weight::LIGHT,
            Name::No => weight::WORD,
        };
        let key = stems::key(&word.replace('.', ""));
        self.run.push(self.terms.len());
        self.order.push(Item::Term(self.terms.len()));
        self.terms.push(Term {
            key,
            text: word.to_owned(),
            weight,
            name,
        });
    }

    /// Ends the current run of words, noting the initials of each stretch of two to five of
    /// its words.
    fn break_run(&mut self) {
        let run = std::mem::take(&mut self.run);
        for start in 0..run.len() {
            for len in 2..=5.min(run.len() - start) {
                let terms = run[start]..run[start + len - 1] + 1;
                let letters: String = self.terms[terms.clone()]
                    .iter()
                    .filter_map(|t| t.text.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                self.initials.push(Initials { letters, terms });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_is_set_aside_and_amounts_read() {
        let print = Fingerprint::new(
            "Analysts from Jefferies, a market consulting firm, suggested that the latest \
             iteration of DeepSeek's models incurred a training cost of merely $5.6 million.",
        );
        let entities: Vec<_> = print.entities().collect();
        assert_eq!(entities, ["DeepSeek"]);
        assert_eq!(print.quantities().len(), 1);
        assert_eq!(print.quantities()[0].text, "$5.6 million");
        let keys: Vec<_> = print.terms.iter().map(|t| t.key.as_str()).collect();
        assert!(keys.contains(&"train"), "{keys:?}");
        assert!(!keys.contains(&"jefferies"), "{keys:?}");
    }

    #[test]
    fn names_by_position_and_shape() {
        let print = Fingerprint::new("Nvidia made the R1 model available to NIM users.");
        let names: Vec<_> = print
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.name))
            .collect();
        assert_eq!(
            names,
            [
                ("Nvidia", Name::Weak),
                ("made", Name::No),
                ("R1", Name::Strong),
                ("model", Name::No),
                ("available", Name::No),
                ("NIM", Name::Strong),
                ("users", Name::No),
            ]
        );
    }

    #[test]
    fn runs_of_words_spell_acronyms() {
        let print = Fingerprint::new("The World Health Organization counts obesity.");
        assert!(print.initials.iter().any(|i| i.letters == "who"));
        let print = Fingerprint::new("It is 2.1% of gross domestic product.");
        assert!(print.initials.iter().any(|i| i.letters == "gdp"));
    }

    #[test]
    fn words_count_for_the_confirm_rule() {
        assert_eq!(
            Fingerprint::new("Says vaccines cause autism.").word_count(),
            4
        );
    }
}
