//! The words to look a claim's candidates up by in the full-text index.
//!
//! The index (FTS5 on SQLite, a `tsvector` on PostgreSQL) holds lower-case runs of letters
//! and digits and answers prefixes. A copy of a claim rarely repeats all its words, so the
//! store should ask for any of the few most distinctive (an OR, not the AND of a search):
//! names first, then years, then the heaviest and longest content words. Amounts other than
//! years are left out: each text writes them its own way ("$5.6 million", "US$5,600,000"),
//! and the index cuts them into digits. Each term is the part of the word its inflections
//! share ("compan" for "companies"), so that a prefix query finds "company" too.
//!
//! The digits of the amounts as the claim writes them ("861" of "$861 million") are looked up
//! apart: they never decide whether a claim is a candidate, but they rank one that writes an
//! amount alike above one that only shares the words. Without them, a million claims that
//! repeat one sentence with different amounts bury the claim's own copies past the candidates'
//! cut.

use super::fingerprint::{Fingerprint, Name};
use super::numbers::Unit;

/// The shortest term worth looking up: shorter prefixes match too much.
const MIN_TERM_CHARS: usize = 3;

impl Fingerprint {
    /// At most `max` words to retrieve candidates by, most distinctive first, each a lower-case
    /// run of letters and digits to be used as a prefix, without repeats.
    pub fn search_terms(&self, max: usize) -> Vec<String> {
        let mut ranked: Vec<(u8, f64, usize, String)> = Vec::new();
        for term in &self.terms {
            let rank = match term.name {
                Name::Strong => 0,
                Name::Weak => 2,
                Name::No => 3,
            };
            for part in prefixes(&term.text, &term.key) {
                ranked.push((rank, -term.weight, usize::MAX - part.len(), part));
            }
        }
        for quantity in &self.quantities {
            if quantity.unit == Unit::Year {
                ranked.push((1, 0.0, 0, quantity.value.to_string()));
            }
        }
        ranked.sort_by(|x, y| {
            (x.0, x.1, x.2)
                .partial_cmp(&(y.0, y.1, y.2))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut terms: Vec<String> = Vec::new();
        for (_, _, _, term) in ranked {
            if !terms.contains(&term) {
                terms.push(term);
            }
            if terms.len() == max {
                break;
            }
        }
        terms
    }
}

impl Fingerprint {
    /// The digit runs of the amounts other than years, as the claim writes them, in lower
    /// case and without repeats: those of two characters or more that are not all zeros
    /// ("861" of "$861 million", "788m" of "2.788M"; nothing of "$5.6 million").
    pub fn amount_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        let amounts = self.quantities.iter().filter(|q| q.unit != Unit::Year);
        for quantity in amounts {
            let words = quantity.text.split(|c: char| !c.is_alphanumeric());
            for word in words.map(str::to_lowercase) {
                let digits = word.chars().any(|c| c.is_ascii_digit());
                let significant = word.chars().any(|c| c.is_alphanumeric() && c != '0');
                if digits && significant && word.chars().count() >= 2 && !terms.contains(&word) {
                    terms.push(word);
                }
            }
        }
        terms
    }
}

/// The index words of `text` (one, or several for "U.S." or "R1/V3"), each cut to the part
/// it shares with the word's key.
fn prefixes(text: &str, key: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let single = words.len() == 1;
    words
        .into_iter()
        .map(|word| {
            if !single {
                return word;
            }
            let common: String = word
                .chars()
                .zip(key.chars())
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| x)
                .collect();
            if common.chars().count() >= MIN_TERM_CHARS {
                common
            } else {
                word
            }
        })
        .filter(|word| word.chars().count() >= MIN_TERM_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_years_come_first() {
        let print = Fingerprint::new(
            "DeepSeek's supply chain alliance of 278 companies raised the domestic share from \
             19 percent in 2022.",
        );
        let terms = print.search_terms(5);
        assert_eq!(terms[..2], ["deepseek", "2022"]);
        assert_eq!(terms.len(), 5);
        assert!(print.search_terms(20).contains(&"compan".to_owned()));
    }

    #[test]
    fn terms_are_index_words() {
        let print = Fingerprint::new("The U.S. budget for 2025 totals $4.2 billion.");
        for term in print.search_terms(10) {
            assert!(term.chars().all(char::is_alphanumeric), "{term}");
            assert_eq!(term.to_lowercase(), term);
        }
    }

    #[test]
    fn amounts_are_their_written_digits_and_years_are_not_amounts() {
        let print = Fingerprint::new("Training Llama 4 cost about $861 million in 2024.");
        assert_eq!(print.amount_terms(), ["861"]);
        let print = Fingerprint::new("It took 2.788M GPU hours and US$5,600,000, or 19 percent.");
        assert_eq!(print.amount_terms(), ["788m", "600", "19"]);
        assert!(
            Fingerprint::new("It cost $5.6 million.")
                .amount_terms()
                .is_empty()
        );
    }
}
