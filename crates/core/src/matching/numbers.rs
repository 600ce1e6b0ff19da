//! Reading the amounts of a claim, normalised by value and unit.
//!
//! "$5.6 million", "5.6M dollars" and "US$5,600,000" are one amount: 5,600,000 US dollars.
//! "19 percent", "19 per cent" and "19%" are one percentage; "a fifth" and "one in five" are
//! 20%. A four-digit number from 1900 to 2100 with nothing around it that makes it an amount
//! is a year. Two amounts agree when their values are equal, or when the more precise one
//! rounds to the less precise one and that one has at least two significant digits ("$5.576M"
//! is "$5.6 million", but "$6 million" is not). "More than" and "less than" are kept as the
//! amount's bound, so that "more than 10%" and "less than 10%" can be told apart.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::detect::lexicon::is_in;
use crate::detect::tokens::{Kind, Token};

/// What an amount counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Unit {
    /// Money, in a currency.
    Money(Currency),
    /// A percentage ("19%", "a fifth").
    Percent,
    /// Percentage points or basis points, in percentage points.
    PercentagePoints,
    /// A calendar year.
    Year,
    /// Anything else: people, seats, days, degrees, times.
    Count,
}

/// A currency, by its ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Jpy,
    Cny,
    Inr,
    Aud,
    Cad,
    Chf,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
            Currency::Cny => "CNY",
            Currency::Inr => "INR",
            Currency::Aud => "AUD",
            Currency::Cad => "CAD",
            Currency::Chf => "CHF",
        }
    }
}

/// Whether an amount is stated exactly (or approximately) or as a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Bound {
    /// "5.6 million", "about 5.6 million".
    Exact,
    /// "more than", "over", "at least".
    AtLeast,
    /// "less than", "under", "up to".
    AtMost,
}

/// One amount of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The value in the unit: 5600000.0 for "$5.6 million", 19.0 for "19%", 2022.0 for a year.
    pub value: f64,
    /// What it counts.
    pub unit: Unit,
    /// Whether it is a bound.
    pub bound: Bound,
    /// The claim's words for it, as written ("US$5,600,000", "19 percent").
    pub text: String,
    /// How many significant digits it was written with.
    #[serde(skip)]
    pub(crate) digits: u8,
}

impl Quantity {
    /// Whether two amounts are the same, by unit and value (see the module docs).
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        let year_or_count = |unit| matches!(unit, Unit::Year | Unit::Count);
        if self.unit != other.unit {
            // "2025" is read as a count before a plural noun or a verb in -s ("2025 totals").
            return year_or_count(self.unit)
                && year_or_count(other.unit)
                && close(self.value, other.value);
        }
        let (x, y) = (self.value, other.value);
        if close(x, y) {
            return true;
        }
        let (coarse, fine) = if self.digits <= other.digits {
            (self, other)
        } else {
            (other, self)
        };
        coarse.digits >= 2 && close(round_to_digits(fine.value, coarse.digits), coarse.value)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = scaled(self.value);
        match self.unit {
            Unit::Money(currency) => write!(f, "{} {value}", currency.code()),
            Unit::Percent => write!(f, "{value}%"),
            Unit::PercentagePoints => write!(f, "{value} percentage points"),
            Unit::Year => write!(f, "{}", self.value),
            Unit::Count => write!(f, "{value}"),
        }
    }
}

/// A value written with "million", "billion" or "trillion" when it is that large.
fn scaled(value: f64) -> String {
    for (scale, name) in [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")] {
        if value.abs() >= scale {
            return format!("{}{name}", trimmed(value / scale));
        }
    }
    trimmed(value)
}

/// A value with at most four decimals and no trailing zeros.
fn trimmed(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Whether two values are equal but for floating-point noise.
fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

/// `value` rounded to `digits` significant digits.
fn round_to_digits(value: f64, digits: u8) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let magnitude = value.abs().log10().floor();
    let factor = 10f64.powf(f64::from(digits) - 1.0 - magnitude);
    (value * factor).round() / factor
}

/// Number words, with their values.
#[rustfmt::skip]
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0),
    ("twelve", 12.0), ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0),
    ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0), ("nineteen", 19.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
    ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("dozen", 12.0),
];

/// Words that multiply the number before them.
#[rustfmt::skip]
const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 1e2), ("thousand", 1e3), ("thousands", 1e3), ("million", 1e6), ("millions", 1e6),
    ("mn", 1e6), ("mln", 1e6), ("m", 1e6), ("billion", 1e9), ("billions", 1e9), ("bn", 1e9),
    ("trillion", 1e12), ("trillions", 1e12), ("tn", 1e12), ("trn", 1e12),
];

/// Fractions written as words, in percent ("a fifth", "half").
#[rustfmt::skip]
const FRACTIONS: &[(&str, f64)] = &[
    ("half", 50.0), ("third", 100.0 / 3.0), ("quarter", 25.0), ("fifth", 20.0), ("tenth", 10.0),
];

/// Currency words and codes, before or after the number.
#[rustfmt::skip]
const CURRENCY_WORDS: &[(&str, Currency)] = &[
    ("dollars", Currency::Usd), ("dollar", Currency::Usd), ("usd", Currency::Usd),
    ("euros", Currency::Eur), ("euro", Currency::Eur), ("eur", Currency::Eur),
    ("pounds", Currency::Gbp), ("sterling", Currency::Gbp), ("gbp", Currency::Gbp),
    ("yen", Currency::Jpy), ("jpy", Currency::Jpy), ("yuan", Currency::Cny),
    ("renminbi", Currency::Cny), ("rmb", Currency::Cny), ("cny", Currency::Cny),
    ("rupees", Currency::Inr), ("inr", Currency::Inr), ("francs", Currency::Chf),
    ("chf", Currency::Chf), ("aud", Currency::Aud), ("cad", Currency::Cad),
];

/// Words before an amount that make it a lower bound (the second word, if any, must follow).
const AT_LEAST: &[&[&str]] = &[
    &["more", "than"],
    &["over"],
    &["above"],
    &["exceeding"],
    &["least"],
    &["upwards", "of"],
    &["greater", "than"],
];

/// Words before an amount that make it an upper bound.
const AT_MOST: &[&[&str]] = &[
    &["less", "than"],
    &["fewer", "than"],
    &["under"],
    &["below"],
    &["most"],
    &["up", "to"],
    &["much", "as"],
    &["many", "as"],
];

/// Words between a bound and its amount that change nothing ("more than about 5").
const APPROXIMATORS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "approximately",
    "some",
    "just",
    "only",
    "merely",
    "a",
    "an",
    "estimated",
];

/// The amount that starts at token `i`, and the tokens it covers.
pub(crate) fn read(list: &[Token<'_>], i: usize) -> Option<(Quantity, Range<usize>)> {
    let (mut currency, number_at) = match list[i].kind {
        Kind::Currency => (Some(symbol_currency(list, i)), i + 1),
        Kind::Word if currency_word(&list[i]).is_some() && is_number_at(list, i + 1) => {
            (currency_word(&list[i]), i + 1)
        }
        _ => (None, i),
    };
    if let Some((fraction, end)) = fraction_at(list, number_at) {
        return Some((finish(list, i, fraction, Unit::Percent, 2), i..end));
    }
    let (mut value, mut digits, suffix, mut end) = numeral_at(list, number_at)?;
    let mut unit = Unit::Count;
    match suffix.as_str() {
        "" => {}
        "k" => value *= 1e3,
        "p" => {
            currency = currency
                .or(Some(Currency::Gbp))
                .map(|c| pence(c, &mut value));
        }
        "pc" => unit = Unit::Percent,
        "bp" | "bps" => {
            value /= 100.0;
            unit = Unit::PercentagePoints;
        }
        other => {
            if let Some(&(_, factor)) = MULTIPLIERS.iter().find(|(word, _)| *word == other) {
                value *= factor;
            }
        }
    }
    while let Some(&(_, factor)) = list
        .get(end)
        .and_then(|t| MULTIPLIERS.iter().find(|(word, _)| t.is(word)))
    {
        value *= factor;
        end += 1;
    }
    if let Some((ratio, after)) = ratio_after(list, end, value) {
        return Some((finish(list, i, ratio, Unit::Percent, 2), i..after));
    }
    if let Some(next) = list.get(end) {
        if next.kind == Kind::Percent || next.is("percent") || next.is("pc") {
            unit = Unit::Percent;
            end += 1;
            if list
                .get(end)
                .is_some_and(|t| t.is("points") || t.is("point"))
            {
                unit = Unit::PercentagePoints;
                end += 1;
            }
        } else if next.is("per") && list.get(end + 1).is_some_and(|t| t.is("cent")) {
            unit = Unit::Percent;
            end += 2;
        } else if next.is("percentage")
            && list
                .get(end + 1)
                .is_some_and(|t| t.is("points") || t.is("point"))
        {
            unit = Unit::PercentagePoints;
            end += 2;
        } else if next.is("basis") && list.get(end + 1).is_some_and(|t| t.is("points")) {
            value /= 100.0;
            unit = Unit::PercentagePoints;
            end += 2;
        } else if currency.is_none() {
            let us = next.is("US") && list.get(end + 1).is_some_and(|t| t.is("dollars"));
            let after = if us { list.get(end + 1) } else { Some(next) };
            if let Some(found) = after.and_then(currency_word) {
                currency = Some(found);
                end += 1 + usize::from(us);
            } else if next.is("pence") {
                currency = Some(pence(Currency::Gbp, &mut value));
                end += 1;
            }
        }
    }
    if let Some(currency) = currency {
        unit = Unit::Money(currency);
    } else if unit == Unit::Count && is_year(list, number_at, end, value, &suffix) {
        unit = Unit::Year;
        digits = 4;
    }
    Some((finish(list, i, value, unit, digits), i..end))
}

/// Pence are hundredths of a pound.
fn pence(currency: Currency, value: &mut f64) -> Currency {
    if currency == Currency::Gbp {
        *value /= 100.0;
    }
    currency
}

/// Builds the quantity that starts at token `start`, reading its bound from the words before
/// it. Its `text` is filled in by the caller, who has the sentence.
fn finish(list: &[Token<'_>], start: usize, value: f64, unit: Unit, digits: u8) -> Quantity {
    Quantity {
        value,
        unit,
        bound: bound_before(list, start),
        text: String::new(),
        digits,
    }
}

/// Whether a number (digits, a number word or a fraction) starts at token `i`.
fn is_number_at(list: &[Token<'_>], i: usize) -> bool {
    list.get(i).is_some_and(|t| t.kind == Kind::Number)
}

/// The currency of the symbol at `i`, refined by a country prefix glued to it ("US$", "A$").
fn symbol_currency(list: &[Token<'_>], i: usize) -> Currency {
    let symbol = list[i].text;
    let prefix = i
        .checked_sub(1)
        .map(|p| &list[p])
        .filter(|p| p.kind == Kind::Word && p.at + p.text.len() == list[i].at)
        .map(|p| p.text);
    match (symbol, prefix) {
        ("$", Some("A" | "AU")) => Currency::Aud,
        ("$", Some("C" | "CA")) => Currency::Cad,
        ("€", _) => Currency::Eur,
        ("£", _) => Currency::Gbp,
        ("¥", _) => Currency::Jpy,
        ("₹", _) => Currency::Inr,
        _ => Currency::Usd,
    }
}

/// Whether the word at `i` is the country prefix glued to a currency symbol after it.
pub(crate) fn is_currency_prefix(list: &[Token<'_>], i: usize) -> bool {
    list.get(i + 1).is_some_and(|next| {
        next.kind == Kind::Currency && list[i].at + list[i].text.len() == next.at
    })
}

/// The currency a word names ("dollars", "EUR").
fn currency_word(token: &Token<'_>) -> Option<Currency> {
    CURRENCY_WORDS
        .iter()
        .find(|(word, _)| token.is(word))
        .map(|&(_, currency)| currency)
}

/// "a fifth", "half of", "by a third": a fraction, in percent, and where it ends.
fn fraction_at(list: &[Token<'_>], i: usize) -> Option<(f64, usize)> {
    let token = list.get(i)?;
    let (article, word_at) = if token.is("a") || token.is("one") {
        (true, i + 1)
    } else {
        (false, i)
    };
    let word = list.get(word_at)?;
    let &(_, value) = FRACTIONS.iter().find(|(name, _)| word.is(name))?;
    let next = list.get(word_at + 1);
    let followed = next.is_none_or(|n| n.is("of") || n.kind == Kind::Punct || n.is("since"));
    let half_alone = word.is("half") && !article && next.is_some_and(|n| n.is("of"));
    ((article && followed) || half_alone).then_some((value, word_at + 1))
}

/// The value, significant digits, letter suffix and end of the numeral at token `i`: digits
/// ("5.6", "1,200", "5.6M", "1990s") or number words ("forty", "twenty-five", "a million").
fn numeral_at(list: &[Token<'_>], i: usize) -> Option<(f64, u8, String, usize)> {
    let token = list.get(i)?;
    if token.kind == Kind::Number {
        let split = token
            .text
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(token.text.len());
        let (digits_text, suffix) = token.text.split_at(split);
        let plain: String = digits_text.chars().filter(|&c| c != ',').collect();
        let value: f64 = plain.parse().ok()?;
        return Some((value, significant(&plain), suffix.to_lowercase(), i + 1));
    }
    if token.is("a") || token.is("an") {
        let next = list.get(i + 1)?;
        return MULTIPLIERS
            .iter()
            .any(|(word, _)| next.is(word) && word.len() > 3)
            .then(|| (1.0, 1, String::new(), i + 1));
    }
    let value = token
        .text
        .split(['-', '‐'])
        .map(|part| {
            NUMBER_WORDS
                .iter()
                .find(|(word, _)| part.eq_ignore_ascii_case(word))
                .map(|&(_, value)| value)
        })
        .sum::<Option<f64>>()?;
    let one_of = close(value, 1.0) && list.get(i + 1).is_some_and(|t| t.is("of"));
    if token.kind != Kind::Word || one_of {
        return None;
    }
    Some((value, significant(&trimmed(value)), String::new(), i + 1))
}

/// "one in five": a ratio after the number, in percent, and where it ends.
fn ratio_after(list: &[Token<'_>], end: usize, value: f64) -> Option<(f64, usize)> {
    if !list.get(end)?.is("in") {
        return None;
    }
    let (whole, _, suffix, after) = numeral_at(list, end + 1)?;
    (suffix.is_empty() && whole > value && whole > 0.0).then(|| (value / whole * 100.0, after))
}

/// How many significant digits a plain decimal numeral has: "5.60" three, "6,400" two.
fn significant(plain: &str) -> u8 {
    let digits: String = plain.chars().filter(char::is_ascii_digit).collect();
    let leading = digits.trim_start_matches('0');
    let counted = if plain.contains('.') {
        leading.len()
    } else {
        leading.trim_end_matches('0').len()
    };
    u8::try_from(counted.max(1)).unwrap_or(u8::MAX)
}

/// Whether the plain number at `at..end` is a year: a whole number from 1900 to 2100, written
/// without separators, not followed by a plural noun ("2000 workers").
fn is_year(list: &[Token<'_>], at: usize, end: usize, value: f64, suffix: &str) -> bool {
    let token = &list[at];
    let plain = token.text.len() == 4 && token.text.chars().all(|c| c.is_ascii_digit());
    let counted_noun = list.get(end).is_some_and(|next| {
        next.is_lowercase()
            && next.text.len() > 3
            && next.text.ends_with('s')
            && !is_in(
                &["was", "has", "is", "its", "as", "this", "plus"],
                next.text,
            )
    });
    plain
        && suffix.is_empty()
        && end == at + 1
        && (1900.0..=2100.0).contains(&value)
        && !counted_noun
}

/// The bound the words before token `start` put on the amount.
fn bound_before(list: &[Token<'_>], start: usize) -> Bound {
    let mut end = start;
    while end > 0 && list[end - 1].is_in(APPROXIMATORS) {
        end -= 1;
    }
    let ends_with = |phrase: &[&str]| {
        phrase.len() <= end
            && phrase
                .iter()
                .zip(&list[end - phrase.len()..end])
                .all(|(word, token)| token.is(word))
    };
    if AT_LEAST.iter().any(|phrase| ends_with(phrase)) {
        Bound::AtLeast
    } else if AT_MOST.iter().any(|phrase| ends_with(phrase)) {
        Bound::AtMost
    } else {
        Bound::Exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tokens::Tokens;

    /// Every amount of `text`.
    fn amounts(text: &str) -> Vec<Quantity> {
        let tokens = Tokens::new(text, false);
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.list.len() {
            match read(&tokens.list, i) {
                Some((quantity, range)) => {
                    found.push(quantity);
                    i = range.end;
                }
                None => i += 1,
            }
        }
        found
    }

    fn one(text: &str) -> Quantity {
        let found = amounts(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn one_amount_however_it_is_written() {
        let usd = |v: f64| (v, Unit::Money(Currency::Usd));
        for (text, expected) in [
            ("It cost $5.6 million.", usd(5.6e6)),
            ("It cost 5.6M dollars.", usd(5.6e6)),
            ("It cost US$5,600,000.", usd(5.6e6)),
            ("It cost USD 5.6m.", usd(5.6e6)),
            ("It cost 5.6 million US dollars.", usd(5.6e6)),
            ("Prices hit £312k.", (312_000.0, Unit::Money(Currency::Gbp))),
            ("A fine of €4.3bn.", (4.3e9, Unit::Money(Currency::Eur))),
            (
                "It cost 48 billion yen.",
                (48e9, Unit::Money(Currency::Jpy)),
            ),
            (
                "Petrol at 191.5p a litre.",
                (1.915, Unit::Money(Currency::Gbp)),
            ),
            (
                "Petrol at 191.5 pence a litre.",
                (1.915, Unit::Money(Currency::Gbp)),
            ),
            ("It rose 19 percent.", (19.0, Unit::Percent)),
            ("It rose 19%.", (19.0, Unit::Percent)),
            ("It rose 19 per cent.", (19.0, Unit::Percent)),
            ("It rose by a fifth.", (20.0, Unit::Percent)),
            ("Half of adults agree.", (50.0, Unit::Percent)),
            ("One in five adults agree.", (20.0, Unit::Percent)),
            ("Up 0.25 percentage points.", (0.25, Unit::PercentagePoints)),
            ("Up 25 basis points.", (0.25, Unit::PercentagePoints)),
            ("Forty times as many.", (40.0, Unit::Count)),
            ("Cases reached 58 thousand.", (58_000.0, Unit::Count)),
            ("A million trees.", (1e6, Unit::Count)),
            ("In 2022, it grew.", (2022.0, Unit::Year)),
            ("The 2024 fiscal year.", (2024.0, Unit::Year)),
            ("It hired 2000 workers.", (2000.0, Unit::Count)),
        ] {
            let found = one(text);
            assert!(
                (found.value - expected.0).abs() < 1e-6 && found.unit == expected.1,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn rounded_amounts_agree_and_changed_ones_do_not() {
        let agree = |a: &str, b: &str| one(a).agrees_with(&one(b));
        assert!(agree("$5.576M", "$5.6 million"));
        assert!(agree("1.17 billion units", "1,170 million units"));
        assert!(agree("19 percent", "19%"));
        assert!(agree("fifteen dollars", "$15"));
        assert!(!agree("$5.6 million", "$6 million"));
        assert!(!agree("$5.6 million", "$56 million"));
        assert!(!agree("19 percent", "19 points"));
        assert!(!agree("$5.6 million", "€5.6 million"));
        assert!(!agree("in 2022.", "in 2021."));
        assert!(!agree("19 percent", "$19"));
    }

    #[test]
    fn bounds_are_read_before_the_amount() {
        assert_eq!(one("less than 10 percent").bound, Bound::AtMost);
        assert_eq!(one("under a tenth of it").bound, Bound::AtMost);
        assert_eq!(one("more than about 40 times").bound, Bound::AtLeast);
        assert_eq!(one("over two million ballots").bound, Bound::AtLeast);
        assert_eq!(one("up to $65 billion").bound, Bound::AtMost);
        assert_eq!(one("nearly 40 percent").bound, Bound::Exact);
    }

    #[test]
    fn display_normalises() {
        assert_eq!(one("US$5,600,000").to_string(), "USD 5.6 million");
        assert_eq!(one("19 per cent").to_string(), "19%");
        assert_eq!(one("in 2022.").to_string(), "2022");
    }
}
