//! Folding a word to the key two claims are compared by.
//!
//! A key is the word in lower case with its inflection removed ("companies" and "company",
//! "trained" and "training", "cuts" and "cut" each share one), then mapped through a small
//! table of general English synonyms, so that "rose", "climbed" and "jumped" are one key, as
//! are "firm" and "company". The stemmer is a light suffix stripper rather than a full Porter
//! stemmer: claims are short, and only inflections need folding; derivations ("nation" and
//! "national") are left apart on purpose, because they often mean different things.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Irregular forms and synonyms, each mapped to the key of its group. The first word of each
/// line is the key; the groups are general newsroom English, not any article's wording.
#[rustfmt::skip]
const GROUPS: &[&[&str]] = &[
    // Movement up and down: also what `polarity` reads a claim's direction from.
    &[RISE, "rose", "risen", "rising", "increase", "grow", "grew", "grown", "climb", "jump",
      "surge", "soar", "up", "gain", "expand", "boost", "hike", "raise", "higher", "double",
      "triple"],
    &[FALL, "fell", "fallen", "falling", "decrease", "decline", "drop", "cut", "reduce", "lower",
      "shrink", "shrank", "shrunk", "down", "slump", "plunge", "ease", "slash", "halve", "tumble",
      "sink", "sank", "dip"],
    &["spend", "spent", "cost", "pay", "paid", "invest"],
    &["company", "firm"],
    &["worker", "employee", "staff", "workforce"],
    &["home", "household", "house"],
    &["car", "vehicle", "automobile"],
    &["country", "nation"],
    &["child", "children", "kid"],
    &["buy", "bought", "purchase", "acquire"],
    &["sell", "sold", "sale"],
    &["death", "die", "died", "dead", "kill", "fatal"],
    &["start", "begin", "began", "begun", "launch"],
    &["win", "won"],
    &["lose", "lost"],
    &["build", "built", "construct"],
    &["take", "took", "taken"],
    &["give", "gave", "given"],
    &["make", "made"],
    &["lead", "led"],
    &["hold", "held"],
    &["big", "large", "huge"],
    &["record", "recorded"],
    &["quit", "leave", "left", "resign"],
    &["world", "global", "worldwide"],
    &["people", "person", "resident", "citizen"],
    &["us", "usa", "america", "american", "u.s", "u.s.a"],
    &["uk", "britain", "british", "u.k"],
];

/// The key of upward movement.
pub(crate) const RISE: &str = "rise";
/// The key of downward movement.
pub(crate) const FALL: &str = "fall";

/// The comparison key of a word: lower case, inflection stripped, synonyms folded.
pub(crate) fn key(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some(group) = group_of(&lower) {
        return group.to_owned();
    }
    let stem = stem(&lower);
    group_of(&stem).map_or(stem, str::to_owned)
}

/// The key of the group `word` belongs to, as it is written or as its stem.
fn group_of(word: &str) -> Option<&'static str> {
    static MEMBERS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
        let mut members = HashMap::new();
        for group in GROUPS {
            for member in *group {
                members.insert(stem(member), group[0]);
                members.insert((*member).to_owned(), group[0]);
            }
        }
        members
    });
    MEMBERS.get(word).copied()
}

/// `word` (lower case) without its inflectional ending.
pub(crate) fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() <= 3 || !chars.iter().all(|c| c.is_alphabetic()) {
        return word.to_owned();
    }
    let mut stem = strip_inflection(word);
    if stem.chars().count() > 3 && stem.ends_with('e') {
        stem.pop();
    }
    stem
}

/// Strips a plural, past or progressive ending, undoubling a consonant it leaves behind
/// ("dropped", "planning").
fn strip_inflection(word: &str) -> String {
    let long_enough = |rest: &str| rest.chars().count() >= 3 && rest.chars().any(is_vowel);
    for (ending, replacement) in [("ies", "y"), ("ied", "y")] {
        if let Some(rest) = word.strip_suffix(ending)
            && rest.chars().count() >= 2
        {
            return format!("{rest}{replacement}");
        }
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if let Some(rest) = word.strip_suffix(ending) {
            return format!("{rest}{}", &ending[..ending.len() - 2]);
        }
    }
    for ending in ["ing", "ed"] {
        if let Some(rest) = word.strip_suffix(ending)
            && long_enough(rest)
        {
            return undouble(rest);
        }
    }
    if let Some(rest) = word.strip_suffix("ly")
        && rest.chars().count() >= 4
    {
        return rest.to_owned();
    }
    let keeps_s = ["ss", "us", "is", "ys"]
        .iter()
        .any(|end| word.ends_with(end));
    match word.strip_suffix('s') {
        Some(rest) if !keeps_s => rest.to_owned(),
        _ => word.to_owned(),
    }
}

/// `stem` without a doubled final consonant ("dropp" to "drop"), except the doublings that
/// belong to the word ("fall", "miss").
fn undouble(stem: &str) -> String {
    let chars: Vec<char> = stem.chars().collect();
    match chars.as_slice() {
        [.., a, b] if a == b && !is_vowel(*a) && !matches!(a, 'l' | 's' | 'z' | 'f') => {
            chars[..chars.len() - 1].iter().collect()
        }
        _ => stem.to_owned(),
    }
}

/// Whether `c` is a vowel letter.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_key() {
        for (a, b) in [
            ("companies", "company"),
            ("trained", "training"),
            ("dropped", "drop"),
            ("cases", "case"),
            ("prices", "price"),
            ("reduced", "reduce"),
            ("taxes", "tax"),
            ("denied", "deny"),
            ("Greens", "green"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn synonyms_and_irregular_forms_share_a_key() {
        assert_eq!(key("rose"), RISE);
        assert_eq!(key("climbed"), RISE);
        assert_eq!(key("Jumped"), RISE);
        assert_eq!(key("fell"), FALL);
        assert_eq!(key("dropped"), FALL);
        assert_eq!(key("cuts"), FALL);
        assert_eq!(key("firms"), key("company"));
        assert_eq!(key("employees"), key("workers"));
        assert_eq!(key("Britain"), key("UK"));
    }

    #[test]
    fn different_words_keep_different_keys() {
        assert_ne!(key("bridge"), key("tunnel"));
        assert_ne!(key("nation"), key("national"));
        assert_eq!(key("bus"), "bus");
        assert_eq!(key("crisis"), "crisis");
        assert_eq!(key("R1"), "r1");
    }
}
