//! The keys a claim's candidates are looked up by: exact features, each a number a store can
//! index, so that finding the claims that may state the same thing reads a few short lists
//! instead of ranking every claim that shares a word.
//!
//! A text's keys are:
//! - each amount, by unit and value rounded to two significant digits, so that amounts that
//!   agree ("$5.6 million", "US$5,576,000") share a key; a year and a count of the same value
//!   share one too, since a year can be read as a count ("2025 totals");
//! - each content word and name, by the key it is compared by (`stems`), and the acronym a
//!   whole name of several words spells, so that "WHO" finds "World Health Organization";
//! - its anchor: all its amounts and names together, when it has two or more of them. Copies
//!   of a claim credited to someone else usually share it, and it is rare, so the claim's
//!   copies are found even where each of its words and amounts is common.
//!
//! Two texts that match share keys, heavy ones among them: a match needs its amounts and names
//! to agree and most of its weight to be shared (`score`). Each text keeps its
//! [`MAX_MATCH_KEYS`] heaviest keys, the anchor and the amounts first. A key's value is a
//! 64-bit FNV-1a hash of its canonical text, the same on every machine and in every release:
//! stored keys stay valid as long as [`super::VERSION`] does.

use super::fingerprint::{Fingerprint, Name, quantity_weight, weight};
use super::numbers::{Quantity, Unit};

/// The most keys a text is stored and looked up by.
pub const MAX_MATCH_KEYS: usize = 8;

/// One key of a text: its value, and how much sharing it says about a match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchKey {
    /// The key, as stored.
    pub value: i64,
    /// The weight of the features it stands for.
    pub weight: f64,
}

impl Fingerprint {
    /// The text's keys, heaviest first, at most [`MAX_MATCH_KEYS`], without repeats.
    pub fn match_keys(&self) -> Vec<MatchKey> {
        let mut keys: Vec<(f64, String)> = Vec::new();
        let mut anchor: Vec<(f64, String)> = Vec::new();
        for quantity in &self.quantities {
            let key = amount_key(quantity);
            anchor.push((quantity_weight(quantity), key.clone()));
            keys.push((quantity_weight(quantity), key));
        }
        for term in &self.terms {
            let key = format!("w:{}", term.key);
            if term.name == Name::Strong {
                anchor.push((term.weight, key.clone()));
            }
            keys.push((term.weight, key));
        }
        let strong = |i: usize| self.terms.get(i).is_some_and(|t| t.name == Name::Strong);
        for initials in &self.initials {
            let run = initials.terms.clone();
            let whole_name = run.clone().all(strong)
                && !(run.start > 0 && strong(run.start - 1))
                && !strong(run.end);
            if whole_name {
                keys.push((weight::NAME, format!("w:{}", initials.letters)));
            }
        }
        anchor.sort_by(|a, b| a.1.cmp(&b.1));
        anchor.dedup_by(|a, b| a.1 == b.1);
        if anchor.len() >= 2 {
            let weight = anchor.iter().map(|(weight, _)| weight).sum();
            let parts: Vec<&str> = anchor.iter().map(|(_, key)| key.as_str()).collect();
            keys.push((weight, format!("a:{}", parts.join("|"))));
        }
        // Heaviest first; among equals the longer key, which is usually the rarer word.
        keys.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.len().cmp(&a.1.len()))
                .then(a.1.cmp(&b.1))
        });
        let mut found: Vec<MatchKey> = Vec::new();
        for (weight, key) in keys {
            let value = fnv1a(&key);
            if found.iter().all(|k| k.value != value) {
                found.push(MatchKey { value, weight });
            }
            if found.len() == MAX_MATCH_KEYS {
                break;
            }
        }
        found
    }
}

/// The canonical text of an amount's key: its unit and its value to two significant digits.
fn amount_key(quantity: &Quantity) -> String {
    let unit = match quantity.unit {
        Unit::Money(currency) => currency.code(),
        Unit::Percent => "%",
        Unit::PercentagePoints => "pp",
        Unit::Year | Unit::Count => "n",
    };
    format!("q:{unit}:{:.1e}", quantity.value)
}

/// The 64-bit FNV-1a hash of `text`, as a signed integer (the type both databases index).
fn fnv1a(text: &str) -> i64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = text.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    i64::from_ne_bytes(hash.to_ne_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tests::{JEFFERIES_CLAIM, JEFFERIES_COPY};

    fn keys(text: &str) -> Vec<i64> {
        Fingerprint::new(text)
            .match_keys()
            .iter()
            .map(|k| k.value)
            .collect()
    }

    fn shared(a: &str, b: &str) -> usize {
        let b = keys(b);
        keys(a).iter().filter(|k| b.contains(k)).count()
    }

    #[test]
    fn amounts_written_differently_share_a_key() {
        let amount = |text: &str| amount_key(&Fingerprint::new(text).quantities()[0]);
        assert_eq!(amount("It cost $5.6 million."), "q:USD:5.6e6");
        assert_eq!(amount("It cost US$5,600,000."), "q:USD:5.6e6");
        assert_eq!(amount("It cost 5.6M dollars."), "q:USD:5.6e6");
        assert_eq!(amount("It cost $5,576,000."), "q:USD:5.6e6");
        assert_ne!(amount("It cost $56 million."), "q:USD:5.6e6");
        assert_eq!(amount("It rose 19 percent."), amount("It rose 19%."));
    }

    #[test]
    fn a_copy_credited_to_someone_else_shares_its_anchor() {
        let (claim, copy) = (JEFFERIES_CLAIM, JEFFERIES_COPY);
        let anchor = |text: &str| {
            let print = Fingerprint::new(text);
            let heaviest = print.match_keys()[0];
            assert!(
                heaviest.weight >= weight::MONEY + weight::NAME,
                "{heaviest:?}"
            );
            heaviest.value
        };
        assert_eq!(anchor(claim), anchor(copy));
        assert!(shared(claim, copy) >= 3);
    }

    #[test]
    fn an_acronym_shares_a_key_with_the_words_it_abbreviates() {
        assert!(
            shared(
                "Funding for the WHO fell by a third in 2024.",
                "Funding for the World Health Organization fell by a third in 2024."
            ) >= 2
        );
    }

    #[test]
    fn keys_are_bounded_distinct_and_stable() {
        let long = "The council of the northern district said on Tuesday that the library, \
                    the swimming pool, the museum, the archive and the theatre will close in \
                    2026 because the budget fell 12 percent to £3.1 million.";
        let found = keys(long);
        assert_eq!(found.len(), MAX_MATCH_KEYS);
        let mut distinct = found.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), found.len());
        // A stored key must mean the same in every release: the hash is pinned.
        assert_eq!(fnv1a(""), -3_750_763_034_362_895_579);
        assert_eq!(fnv1a("a"), -5_808_556_873_153_909_620);
        assert!(keys("").is_empty());
    }
}
