//! Splitting an article body into sentences, with code-point spans.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (taking any closing quotes and brackets after it)
//! when whitespace and then a capital, a digit or an opening quote follow. It does not end:
//! - inside a decimal or a dotted acronym ("$5.6 million", "U.S."), which have no space;
//! - after a title ("Mr.", "Dr.") ever, or after another abbreviation ("Inc.", "Jan.", "U.S.",
//!   an initial "J.") unless the next word plainly starts a sentence ("The", "He");
//! - before a lowercase word, punctuation or a symbol (`"Stop!" she said`, `… 🏛️`);
//! - after a quotation's closing mark when a reporting verb follows within a few words
//!   (`"We won!" Smith said.`).
//!
//! A line break ends a sentence unless the next line starts in lowercase (a wrapped line); a
//! quotation left open at a line break is closed there. Each sentence records whether it
//! starts or ends inside a quotation, so that a quotation running over several sentences can
//! be attributed as one.

use std::ops::Range;

use super::lexicon::{self, ABBREVIATIONS, FUNCTION_WORDS, REPORTING_VERBS, TITLE_ABBREVIATIONS};
use crate::TextSpan;

/// One sentence of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Where it is, in code points, trimmed of surrounding whitespace.
    pub span: TextSpan,
    /// Where it is, in bytes.
    pub bytes: Range<usize>,
    /// It begins inside a quotation opened by an earlier sentence.
    pub starts_in_quote: bool,
    /// It ends inside a quotation that a later sentence continues.
    pub ends_in_quote: bool,
    /// It ends with sentence punctuation (a heading or a dateline does not).
    pub terminated: bool,
    /// The paragraph (or line) it belongs to, counted from 0.
    pub paragraph: usize,
}

/// The sentences of `body`, in order.
pub(crate) fn split(body: &str) -> Vec<Sentence> {
    let mut splitter = Splitter {
        body,
        sentences: Vec::new(),
        start: 0,
        starts_in_quote: false,
        in_quote: false,
        byte: 0,
        code_point: 0,
        paragraph: 0,
    };
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => splitter.in_quote = !splitter.in_quote,
            '“' => splitter.in_quote = true,
            '”' => splitter.in_quote = false,
            '\n' if is_hard_break(&body[at + 1..]) => splitter.emit(at, at + 1, true),
            '.' | '!' | '?' | '…' => {
                let mut end = at + c.len_utf8();
                let mut closed_quote = false;
                while let Some(&(next_at, next)) = chars.peek() {
                    match next {
                        '.' | '!' | '?' | '…' | ')' | ']' | '’' | '\'' => {}
                        '"' | '”' => {
                            splitter.in_quote = false;
                            closed_quote = true;
                        }
                        _ => break,
                    }
                    end = next_at + next.len_utf8();
                    chars.next();
                }
                if splitter.ends_sentence(at, c, end, closed_quote) {
                    splitter.emit(end, end, false);
                }
            }
            _ => {}
        }
    }
    splitter.emit(body.len(), body.len(), true);
    splitter.sentences
}

/// Whether a line break, followed by `rest`, ends the sentence before it.
fn is_hard_break(rest: &str) -> bool {
    let line = rest.trim_start_matches([' ', '\t', '\r']);
    if line.starts_with('\n') {
        return true;
    }
    line.trim_start()
        .chars()
        .next()
        .is_none_or(|c| !c.is_lowercase())
}

struct Splitter<'a> {
    body: &'a str,
    sentences: Vec<Sentence>,
    start: usize,
    starts_in_quote: bool,
    in_quote: bool,
    byte: usize,
    code_point: usize,
    paragraph: usize,
}

impl Splitter<'_> {
    /// Whether the terminator `c` at `at`, with its closers up to `end`, ends the sentence.
    fn ends_sentence(&self, at: usize, c: char, end: usize, closed_quote: bool) -> bool {
        let rest = &self.body[end..];
        if !rest.chars().next().is_none_or(char::is_whitespace) {
            return false;
        }
        let rest = rest.trim_start();
        let Some(next) = rest.chars().next() else {
            return true;
        };
        if !(next.is_uppercase() || next.is_numeric() || matches!(next, '"' | '“' | '‘' | '('))
        {
            return false;
        }
        if closed_quote && is_speaker_tag(rest) {
            return false;
        }
        let next_word = rest
            .split_whitespace()
            .next()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        c != '.' || !abbreviation_holds(last_word(&self.body[self.start..at]), next_word, next)
    }

    /// Records the sentence from the current start to `end`; the next one starts at `next`.
    fn emit(&mut self, end: usize, next: usize, hard: bool) {
        let raw = &self.body[self.start..end];
        let text = raw.trim();
        if text.chars().any(char::is_alphanumeric) {
            let from = self.start + (raw.len() - raw.trim_start().len());
            let to = from + text.len();
            let start = self.code_point_at(from);
            let end = self.code_point_at(to);
            self.sentences.push(Sentence {
                span: TextSpan { start, end },
                bytes: from..to,
                starts_in_quote: self.starts_in_quote,
                ends_in_quote: self.in_quote && !hard,
                terminated: is_terminated(text),
                paragraph: self.paragraph,
            });
        }
        self.start = next;
        if hard {
            self.in_quote = false;
            self.paragraph += 1;
        }
        self.starts_in_quote = self.in_quote;
    }

    /// The code-point offset of byte `byte`, which never moves backwards.
    fn code_point_at(&mut self, byte: usize) -> usize {
        self.code_point += self.body[self.byte..byte].chars().count();
        self.byte = byte;
        self.code_point
    }
}

/// Whether `rest`, after a closing quotation mark, is a short speaker tag ending the
/// sentence (`Smith said.`, `asked Mayor Ana Ruiz.`) rather than a new sentence.
fn is_speaker_tag(rest: &str) -> bool {
    let tag = rest.split(['.', '!', '?', '…', '\n']).next().unwrap_or("");
    let mut words = tag
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()));
    tag.split_whitespace().count() <= 6 && words.any(|word| lexicon::is_in(REPORTING_VERBS, word))
}

/// The word just before a period, without leading quotes or brackets.
fn last_word(before: &str) -> &str {
    before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '[' | '—'))
        .next()
        .unwrap_or("")
}

/// Whether the period after `word` belongs to an abbreviation rather than ending a sentence.
fn abbreviation_holds(word: &str, next_word: Option<&str>, next: char) -> bool {
    if word.is_empty() {
        return false;
    }
    if lexicon::is_in(TITLE_ABBREVIATIONS, word) {
        return true;
    }
    let single_capital = {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    };
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()))
        && word.chars().all(|c| c == '.' || c.is_alphabetic());
    if !(single_capital || dotted || lexicon::is_in(ABBREVIATIONS, word)) {
        return false;
    }
    if next.is_numeric() {
        return true;
    }
    !next_word.is_some_and(|next_word| lexicon::is_in(FUNCTION_WORDS, next_word))
}

/// Whether `text` ends with sentence punctuation, ignoring closers and trailing symbols.
fn is_terminated(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|c| c.is_alphanumeric() || matches!(c, '.' | '!' | '?' | '…'))
        .is_some_and(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        split(body).iter().map(|s| &body[s.bytes.clone()]).collect()
    }

    #[test]
    fn abbreviations_decimals_and_acronyms_stay_inside_a_sentence() {
        let body = "Mr. Alvarez said Acme Inc. paid $5.6 million. The U.S. market grew 3.5 percent \
                    in Jan. 2024. He moved to the U.S. The move surprised J. K. Lowe.";
        assert_eq!(
            texts(body),
            [
                "Mr. Alvarez said Acme Inc. paid $5.6 million.",
                "The U.S. market grew 3.5 percent in Jan. 2024.",
                "He moved to the U.S.",
                "The move surprised J. K. Lowe.",
            ]
        );
    }

    #[test]
    fn quotations_keep_their_speaker_and_mark_continuations() {
        let body = "“We won! It took years,” Coach Ana Reyes said. \"Really?\" he asked.\n\n\
                    Lee said: \"The deal is done. It closes in May.\" Shares rose.";
        let sentences = split(body);
        let got: Vec<_> = sentences
            .iter()
            .map(|s| (&body[s.bytes.clone()], s.starts_in_quote, s.ends_in_quote))
            .collect();
        assert_eq!(
            got,
            [
                ("“We won!", false, true),
                ("It took years,” Coach Ana Reyes said.", true, false),
                ("\"Really?\" he asked.", false, false),
                ("Lee said: \"The deal is done.", false, true),
                ("It closes in May.\"", true, false),
                ("Shares rose.", false, false),
            ]
        );
    }

    #[test]
    fn spans_count_code_points_not_bytes() {
        let body = "Café owners’ group 🎉 said “prices rose 4%.” Next, the mayor spoke.";
        let sentences = split(body);
        assert_eq!(sentences.len(), 2);
        let chars: Vec<char> = body.chars().collect();
        for sentence in &sentences {
            let by_span: String = chars[sentence.span.start..sentence.span.end]
                .iter()
                .collect();
            assert_eq!(by_span, &body[sentence.bytes.clone()]);
        }
        assert_eq!(sentences[1].span.start, 44);
    }

    #[test]
    fn headings_lines_and_symbols() {
        let body = "City Budget Passes\n\nPublished March 2, 2024\n\nIt was a long night. 🏛️\n\
                    The vote was\nclose. Tags, More";
        let sentences = split(body);
        let got: Vec<_> = sentences
            .iter()
            .map(|s| (&body[s.bytes.clone()], s.terminated))
            .collect();
        assert_eq!(
            got,
            [
                ("City Budget Passes", false),
                ("Published March 2, 2024", false),
                ("It was a long night. 🏛️", true),
                ("The vote was\nclose.", true),
                ("Tags, More", false),
            ]
        );
    }
}
