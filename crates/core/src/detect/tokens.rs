//! Cutting a sentence into words, numbers, quotation marks and punctuation.
//!
//! A word keeps its inner apostrophes, hyphens, slashes and ampersands ("Acme’s",
//! "large-scale", "R1/V3", "AT&T"), the dots of an acronym ("U.S.") and the plural possessive
//! apostrophe ("analysts’"). A number keeps its decimal point and thousands separators
//! ("5.6", "1,200"). Every token knows whether it stands inside a quotation and whether it
//! begins the sentence or the quotation, where a capital letter says nothing about names.

use std::ops::Range;

use super::lexicon;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, possibly with digits ("Orbex", "R1").
    Word,
    /// Starts with a digit ("2024", "5.6", "19th").
    Number,
    /// A double quotation mark.
    QuoteMark,
    /// A currency sign.
    Currency,
    /// A percent sign.
    Percent,
    /// Any other symbol.
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Its byte offset in the sentence.
    pub at: usize,
    /// What it is.
    pub kind: Kind,
    /// It stands inside a quotation (quotation marks themselves do not).
    pub in_quote: bool,
    /// It is the first word of the sentence or of a quotation.
    pub initial: bool,
    /// It is capitalised only because it comes first: the article never writes it
    /// capitalised anywhere else, and nothing around it marks a name (see
    /// `names::mark_common_capitals`).
    pub common: bool,
}

impl<'a> Token<'a> {
    /// Whether the token is a word equal to `word`, ignoring ASCII case.
    pub(crate) fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// Whether the token is the punctuation `c`.
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// Whether the token is a word in `list`.
    pub(crate) fn is_in(&self, list: &[&str]) -> bool {
        self.kind == Kind::Word && lexicon::is_in(list, self.text)
    }

    /// Whether the token is a word that begins with a capital letter.
    pub(crate) fn is_capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the token is a word that begins with a lowercase letter.
    pub(crate) fn is_lowercase(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether the token is a word in `list`, written in lowercase (or capitalised only
    /// because it begins the sentence).
    pub(crate) fn is_plain(&self, list: &[&str]) -> bool {
        (self.is_lowercase() || self.initial) && self.is_in(list)
    }

    /// Whether the word ends with a possessive (`’s`, `'s`, or a bare apostrophe after `s`).
    pub(crate) fn is_possessive(&self) -> bool {
        self.kind == Kind::Word && self.base().len() < self.text.len()
    }

    /// The word without its possessive ending.
    pub(crate) fn base(&self) -> &'a str {
        let text = self.text;
        for ending in ["’s", "'s", "’S", "'S", "’", "'"] {
            if let Some(stem) = text.strip_suffix(ending) {
                return stem;
            }
        }
        text
    }
}

/// The tokens of a sentence, with the sentence's text.
pub(crate) struct Tokens<'a> {
    /// The sentence.
    pub text: &'a str,
    /// Its tokens, in order.
    pub list: Vec<Token<'a>>,
}

impl<'a> Tokens<'a> {
    /// Cuts `text` into tokens; `in_quote` says whether it starts inside a quotation.
    pub(crate) fn new(text: &'a str, mut in_quote: bool) -> Self {
        let mut list = Vec::with_capacity(text.len() / 5);
        let mut initial = true;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let (kind, end) = if c.is_alphanumeric() {
                let end = word_end(text, at);
                while chars.peek().is_some_and(|&(next, _)| next < end) {
                    chars.next();
                }
                let kind = if c.is_numeric() {
                    Kind::Number
                } else {
                    Kind::Word
                };
                (kind, end)
            } else {
                let kind = match c {
                    '"' | '“' | '”' => Kind::QuoteMark,
                    '$' | '€' | '£' | '¥' | '₹' => Kind::Currency,
                    '%' => Kind::Percent,
                    _ => Kind::Punct,
                };
                (kind, at + c.len_utf8())
            };
            if kind == Kind::QuoteMark {
                in_quote = match c {
                    '“' => true,
                    '”' => false,
                    _ => !in_quote,
                };
                initial |= in_quote;
            }
            let is_word = matches!(kind, Kind::Word | Kind::Number);
            list.push(Token {
                text: &text[at..end],
                at,
                kind,
                in_quote: in_quote && kind != Kind::QuoteMark,
                initial: initial && is_word,
                common: false,
            });
            if is_word {
                initial = false;
            }
        }
        Tokens { text, list }
    }

    /// The sentence's text from the first to the last token of `range`.
    pub(crate) fn phrase(&self, range: Range<usize>) -> &'a str {
        match (
            self.list.get(range.start),
            range.end.checked_sub(1).and_then(|i| self.list.get(i)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => {
                &self.text[first.at..last.at + last.text.len()]
            }
            _ => "",
        }
    }

    /// How many words and numbers the sentence has.
    pub(crate) fn word_count(&self) -> usize {
        self.list
            .iter()
            .filter(|t| matches!(t.kind, Kind::Word | Kind::Number))
            .count()
    }
}

/// Where the word or number that starts at byte `from` of `text` stops.
fn word_end(text: &str, from: usize) -> usize {
    let mut end = from;
    let mut previous = ' ';
    let mut chars = text[from..].chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let joins = c.is_alphanumeric()
            || match c {
                '\'' | '’' | '-' | '‐' | '/' | '&' => next_alnum && previous.is_alphanumeric(),
                '.' => {
                    next_alnum
                        && ((previous.is_numeric() && next.is_some_and(char::is_numeric))
                            || is_acronym(&text[from..end]))
                }
                ',' => previous.is_numeric() && next.is_some_and(|n| n.is_ascii_digit()),
                _ => false,
            };
        if !joins {
            let word = &text[from..end];
            if c == '.' && word.contains('.') && is_acronym(word) {
                return end + 1;
            }
            if matches!(c, '\'' | '’') && previous == 's' {
                return end + c.len_utf8();
            }
            return end;
        }
        end += c.len_utf8();
        previous = c;
    }
    end
}

/// Whether `word` is single letters joined by dots ("U", "U.S", "a.m").
fn is_acronym(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(tokens: &'a Tokens<'_>) -> Vec<&'a str> {
        tokens.list.iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_their_inner_marks() {
        let tokens = Tokens::new(
            "The U.S. firm’s R1/V3 large-scale model cost $5.6 million, 1,200 jobs.",
            false,
        );
        assert_eq!(
            texts(&tokens),
            [
                "The",
                "U.S.",
                "firm’s",
                "R1/V3",
                "large-scale",
                "model",
                "cost",
                "$",
                "5.6",
                "million",
                ",",
                "1,200",
                "jobs",
                "."
            ]
        );
        assert_eq!(tokens.list[2].base(), "firm");
        assert!(tokens.list[2].is_possessive());
        assert_eq!(tokens.list[8].kind, Kind::Number);
    }

    #[test]
    fn plural_possessives_and_quotations() {
        let tokens = Tokens::new("Analysts’ view: “Prices rise,” she said. Ça va.", false);
        assert_eq!(texts(&tokens)[..2], ["Analysts’", "view"]);
        let prices = &tokens.list[4];
        assert_eq!(
            (prices.text, prices.in_quote, prices.initial),
            ("Prices", true, true)
        );
        let she = tokens.list.iter().find(|t| t.text == "she").unwrap();
        assert!(!she.in_quote && !she.initial);
        assert!(tokens.list[0].initial);
        assert_eq!(tokens.phrase(4..6), "Prices rise");
        assert_eq!(tokens.word_count(), 8);
    }

    #[test]
    fn a_sentence_can_start_inside_a_quotation() {
        let tokens = Tokens::new("It closes in May.” Shares rose.", true);
        assert!(tokens.list[0].in_quote);
        assert!(
            !tokens
                .list
                .iter()
                .find(|t| t.text == "Shares")
                .unwrap()
                .in_quote
        );
    }
}
