//! How worth checking a sentence is, from features anyone can see in it.
//!
//! A sentence is worth checking when it states something that could be shown true or false:
//! quantities (numbers, money, percentages, "doubled"), comparisons ("less than", "from 19
//! percent to 64 percent", "record"), named people and organisations, dates and times, and
//! completed events ("launched", "made"). A source it is attributed to makes it more worth
//! checking: at the least, whether the source said it. Hedges ("appears", "may"), judgements
//! ("remarkable", "should"), predictions ("will", "expected to"), questions, first-person
//! narration, very short sentences and page furniture ("Subscribe") make it less so; a line
//! without sentence punctuation is a heading, a dateline or a caption, not a claim.
//!
//! The score starts at [`BASE`] and adds or subtracts fixed amounts (see [`score`]), clamped
//! to `0.0..=1.0` and rounded to two decimals, so that a sentence exactly at the threshold is
//! not pushed below it by floating-point noise.

use std::ops::Range;

use super::cues::{
    BOILERPLATE, COMPARISONS, EVENT_VERBS, HEDGES, MONTHS, NOT_EVENTS, NUMBER_WORDS, OPINION_WORDS,
    PERIOD_ANCHORS, PERIODS, PREDICTIONS, TIME_WORDS, WEEKDAYS,
};
use super::lexicon::{self, REPORTING_VERBS};
use super::names;
use super::tokens::{Kind, Token, Tokens};

/// The score of a sentence with no feature at all.
pub(crate) const BASE: f64 = 0.25;

/// What a sentence has that bears on whether it is worth checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// Words and numbers.
    pub words: usize,
    /// Numbers (not years or days of the month), amounts and number words.
    pub quantities: usize,
    /// Comparisons and changes of quantity.
    pub comparisons: usize,
    /// Named people, organisations and places, outside the attribution.
    pub entities: usize,
    /// Dates: years and days of the month.
    pub dates: usize,
    /// Other time references: days, months, periods ("last year").
    pub times: usize,
    /// Completed events: past forms of verbs other than reporting verbs.
    pub events: usize,
    /// Hedges.
    pub hedges: usize,
    /// Evaluative words.
    pub opinions: usize,
    /// Words about the future.
    pub predictions: usize,
    /// First-person words outside quotations.
    pub first_person: usize,
    /// It asks a question.
    pub question: bool,
    /// It is page furniture.
    pub boilerplate: bool,
    /// It is a heading, dateline or caption rather than a sentence.
    pub heading: bool,
}

/// Who a statement is attributed to, as far as the score cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Support {
    /// A named source.
    Named,
    /// A source without a name ("experts"), or a speaker not resolved.
    Unnamed,
    /// The article's own voice.
    None,
}

impl Features {
    /// The features of a sentence; `attribution` are the tokens naming its source.
    pub(crate) fn of(tokens: &Tokens<'_>, attribution: &Range<usize>, terminated: bool) -> Self {
        let list = &tokens.list;
        let mut features = Features {
            words: tokens.word_count(),
            ..Features::default()
        };
        let mut previous_entity = false;
        for (i, token) in list.iter().enumerate() {
            let content = !attribution.contains(&i);
            let entity = content && is_entity(list, i);
            if entity && !previous_entity {
                features.entities += 1;
            }
            previous_entity = entity || (previous_entity && token.is("of"));
            match token.kind {
                Kind::Number if content => {
                    if is_date_number(list, i) {
                        features.dates += 1;
                    } else {
                        features.quantities += 1;
                    }
                }
                Kind::Word => features.count_word(list, i, content),
                _ => {}
            }
        }
        if let Some(last) = list
            .iter()
            .rev()
            .find(|t| t.kind == Kind::Punct && ".!?…".contains(t.text))
        {
            features.question = last.text == "?";
        }
        features.boilerplate = {
            let lower = tokens.text.to_lowercase();
            BOILERPLATE.iter().any(|phrase| lower.contains(phrase))
        };
        let capitalised = list.iter().filter(|t| t.is_capitalised()).count();
        features.heading = !terminated && (features.words < 12 || capitalised * 2 > features.words);
        features
    }

    /// Counts what the word at `i` contributes.
    fn count_word(&mut self, list: &[Token<'_>], i: usize, content: bool) {
        let token = &list[i];
        let previous = i.checked_sub(1).map(|p| &list[p]);
        let after_number = previous.is_some_and(|p| p.kind == Kind::Number);
        if content && token.is_lowercase() && token.is_in(NUMBER_WORDS) && !after_number {
            self.quantities += 1;
        }
        if token.is_capitalised()
            && (token.is_in(WEEKDAYS) || (token.is_in(MONTHS) && !token.initial))
        {
            self.times += 1;
        }
        let text = token.text;
        let first_person = ["I", "me", "my", "My", "we", "We", "our", "Our", "us"];
        if !token.in_quote && first_person.contains(&text) {
            self.first_person += 1;
        }
        if !token.is_lowercase() {
            return;
        }
        if token.is("than") {
            let compares = [
                "less", "more", "fewer", "greater", "higher", "lower", "larger", "smaller",
            ];
            if previous.is_some_and(|p| compares.iter().any(|w| p.is(w))) {
                self.comparisons += 1;
            }
        } else if token.is_in(COMPARISONS) {
            self.comparisons += 1;
        }
        let next = list.get(i + 1);
        if token.is_in(TIME_WORDS)
            || (token.is_in(PERIOD_ANCHORS) && next.is_some_and(|n| n.is_in(PERIODS)))
        {
            self.times += 1;
        }
        if token.is_in(HEDGES) {
            self.hedges += 1;
        }
        if token.is_in(OPINION_WORDS) {
            self.opinions += 1;
        }
        if token.is_in(PREDICTIONS) || text.ends_with("'ll") || text.ends_with("’ll") {
            self.predictions += 1;
        }
        let regular_past = text.len() >= 5 && text.ends_with("ed") && !token.is_in(NOT_EVENTS);
        if (regular_past || token.is_in(EVENT_VERBS))
            && !lexicon::is_in(REPORTING_VERBS, text)
            && !token.is_in(HEDGES)
            && !token.is_in(PREDICTIONS)
        {
            self.events += 1;
        }
    }
}

/// Whether the word at `i` is part of a name: capitalised and, at the start of the sentence,
/// plainly a name (inner capitals, a possessive, a following name, or a comma after it).
fn is_entity(list: &[Token<'_>], i: usize) -> bool {
    let token = &list[i];
    if !names::looks_like_name(list, i) {
        return false;
    }
    if !token.initial {
        return true;
    }
    token.text.chars().skip(1).any(char::is_uppercase)
        || token.is_possessive()
        || list
            .get(i + 1)
            .is_some_and(|t| t.is_capitalised() || t.is_punct(','))
}

/// Whether the number at `i` is a year or a day of the month rather than a quantity.
fn is_date_number(list: &[Token<'_>], i: usize) -> bool {
    let token = &list[i];
    let previous = i.checked_sub(1).map(|p| &list[p]);
    if previous.is_some_and(|p| p.kind == Kind::Currency) {
        return false;
    }
    let next = list.get(i + 1);
    if next.is_some_and(|n| n.kind == Kind::Percent || n.is("percent") || n.is_in(NUMBER_WORDS)) {
        return false;
    }
    let year = token.text.len() == 4
        && token
            .text
            .parse::<u16>()
            .is_ok_and(|y| (1800..=2100).contains(&y));
    let day = previous.is_some_and(|p| p.is_capitalised() && p.is_in(MONTHS))
        || next.is_some_and(|n| n.is_capitalised() && n.is_in(MONTHS))
        || (token.text.ends_with("th") && next.is_some_and(|n| n.is("of")));
    let decade = token.text.len() == 5 && token.text.ends_with('s');
    year || day || decade
}

/// The check-worthiness of a sentence, from `0.0` to `1.0`.
pub(crate) fn score(features: &Features, support: Support) -> f64 {
    let capped = |n: usize, cap: u8| f64::from(u8::try_from(n).unwrap_or(cap).min(cap));
    let mut score = BASE;
    score += match features.quantities {
        0 => 0.0,
        1 => 0.25,
        _ => 0.35,
    };
    score += 0.05 * capped(features.comparisons, 2);
    score += 0.1 * capped(features.entities, 3);
    score += match (features.dates, features.times) {
        (0, 0) => 0.0,
        (0, _) => 0.1,
        (_, 0) => 0.2,
        _ => 0.25,
    };
    if features.events > 0 {
        score += 0.1;
    }
    score += match support {
        Support::Named => 0.25,
        Support::Unnamed => 0.15,
        Support::None => 0.0,
    };
    score -= 0.1 * capped(features.hedges, 2);
    score -= 0.1 * capped(features.opinions, 2);
    if features.predictions > 0 {
        score -= 0.05;
    }
    if features.first_person > 0 {
        score -= 0.15;
    }
    if features.question {
        score -= 0.3;
    }
    if features.words < 4 {
        score -= 0.3;
    } else if features.words < 7 {
        score -= 0.1;
    }
    if features.boilerplate {
        score -= 0.6;
    }
    if features.heading {
        score = score.min(0.15);
    }
    (score.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Features {
        Features::of(&Tokens::new(text, false), &(0..0), true)
    }

    #[test]
    fn quantities_times_and_entities_are_told_apart() {
        let f = features(
            "In 2023 the Port of Tallin handled $3.1 billion in cargo, up 12% from March 4.",
        );
        assert_eq!((f.quantities, f.dates, f.times, f.entities), (2, 2, 1, 1));
        assert_eq!(f.comparisons, 0);
        let f = features("Sales rose from 19 percent in 2021 to less than 40 percent.");
        assert_eq!((f.quantities, f.dates, f.comparisons), (2, 1, 2));
    }

    #[test]
    fn facts_outscore_opinions_questions_and_furniture() {
        let fact = score(
            &features("The council approved a $40 million levy on Tuesday."),
            Support::None,
        );
        let opinion = score(
            &features("This is truly a wonderful and important moment."),
            Support::None,
        );
        let question = score(&features("What happens to the money now?"), Support::None);
        let furniture = score(
            &features("Click here to subscribe to our newsletter."),
            Support::None,
        );
        assert!(fact >= 0.6, "{fact}");
        for low in [opinion, question, furniture] {
            assert!(low < 0.4, "{low}");
        }
    }

    #[test]
    fn headings_are_not_claims() {
        let heading = Features::of(
            &Tokens::new("Published March 3, 2024", false),
            &(0..0),
            false,
        );
        assert!(heading.heading);
        assert!(score(&heading, Support::None) <= 0.15);
    }

    #[test]
    fn attribution_raises_the_score() {
        let f = features("The bridge reopened to traffic last week.");
        assert!(score(&f, Support::Named) > score(&f, Support::Unnamed));
        assert!(score(&f, Support::Unnamed) > score(&f, Support::None));
    }
}
