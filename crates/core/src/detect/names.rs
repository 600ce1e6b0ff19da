//! Proper names in a sentence: where they run, and what describes them.
//!
//! A name is a run of capitalised words, joined by small connectors ("Ministry of Transport and
//! Public Works"), that does not begin a sentence as a function word. A title before
//! it ("Mayor", "Dr.") marks a person and is not part of the name. A lowercase descriptor before
//! it ("leading chip designer Orbex") or an apposition after it ("Ola Berg, a lecturer at
//! …,") becomes the description.

use std::ops::Range;

use super::cues::{MONTHS, WEEKDAYS};
use super::kinds::classify;
use super::lexicon::{
    APPOSITION_STARTS, AUXILIARIES, FUNCTION_WORDS, GENERIC_SOURCES, GOVERNMENT_NOUNS,
    NAME_CONNECTORS, ORGANIZATION_NOUNS, REPORTING_VERBS, ROLE_NOUNS, TITLES,
};
use super::tokens::{Token, Tokens};
use crate::SourceKind;

/// A named source found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// The name, without title or possessive ending.
    pub name: String,
    /// What it names.
    pub kind: SourceKind,
    /// A title, descriptor or apposition that describes it.
    pub description: Option<String>,
    /// The tokens the name and its description cover.
    pub tokens: Range<usize>,
}

/// Whether token `i` (if there is one) can be part of a proper name outside a quotation.
pub(crate) fn is_name_word(list: &[Token<'_>], i: usize) -> bool {
    list.get(i).is_some_and(|t| !t.in_quote) && looks_like_name(list, i)
}

/// Whether token `i` (if there is one), wherever it stands, is written like part of a name.
pub(crate) fn looks_like_name(list: &[Token<'_>], i: usize) -> bool {
    let Some(token) = list.get(i) else {
        return false;
    };
    if !token.is_capitalised() || token.text == "I" || token.is_in(WEEKDAYS) {
        return false;
    }
    if token.initial
        && (token.is_in(FUNCTION_WORDS)
            || token.is_in(GENERIC_SOURCES)
            || token.is_in(ROLE_NOUNS)
            || (token.text.ends_with("ly") && list.get(i + 1).is_some_and(|t| t.is_punct(','))))
    {
        return false;
    }
    !token.is_in(MONTHS) || (i > 0 && list[i - 1].is_capitalised() && !list[i - 1].initial)
}

/// Whether token `i` joins two parts of a name ("of", "and", "&").
fn is_connector(list: &[Token<'_>], i: usize) -> bool {
    let token = &list[i];
    !token.in_quote
        && (token.is_punct('&') || (token.is_lowercase() && token.is_in(NAME_CONNECTORS)))
}

/// The name that ends at token `end`, if that token can end one.
pub(crate) fn run_ending_at(list: &[Token<'_>], end: usize) -> Option<Range<usize>> {
    if !is_name_word(list, end) {
        return None;
    }
    let mut start = end;
    loop {
        let mut before = start;
        while before > 0 && start - before < 2 && is_connector(list, before - 1) {
            before -= 1;
        }
        if before > 0 && is_name_word(list, before - 1) && !list[before - 1].is_possessive() {
            start = before - 1;
        } else {
            return Some(start..end + 1);
        }
    }
}

/// The name that starts at token `start`, if that token can start one.
pub(crate) fn run_starting_at(list: &[Token<'_>], start: usize) -> Option<Range<usize>> {
    if !is_name_word(list, start) {
        return None;
    }
    let mut end = start + 1;
    while !list[end - 1].is_possessive() {
        let mut after = end;
        while after < list.len() && after - end < 2 && is_connector(list, after) {
            after += 1;
        }
        if after < list.len() && is_name_word(list, after) {
            end = after + 1;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// Builds the source a name run stands for, peeling titles off its front.
pub(crate) fn named(tokens: &Tokens<'_>, run: Range<usize>, description: Option<String>) -> Named {
    let list = &tokens.list;
    let mut first = run.start;
    while first + 1 < run.end && list[first].is_in(TITLES) {
        first += 1;
    }
    let mut title_start = first;
    if first == run.start
        && first >= 1
        && list[first - 1].is_capitalised()
        && list[first - 1].is_in(TITLES)
    {
        title_start = first - 1;
    } else if first == run.start
        && first >= 2
        && list[first - 1].is_punct('.')
        && list[first - 2].is_in(TITLES)
    {
        title_start = first - 2;
    }
    let title =
        (title_start < first).then(|| tokens.phrase(title_start..first).trim_end_matches('.'));
    let name = strip_possessive(tokens.phrase(first..run.end)).to_owned();
    let description = match (title, description) {
        (Some(title), Some(description)) => Some(format!("{title}, {description}")),
        (Some(title), None) => Some(title.to_owned()),
        (None, description) => description,
    };
    let kind = classify(&name, title.is_some(), description.as_deref());
    Named {
        name,
        kind,
        description,
        tokens: title_start.min(run.start)..run.end,
    }
}

/// The name without a final possessive ending.
pub(crate) fn strip_possessive(name: &str) -> &str {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|end| name.strip_suffix(end))
        .unwrap_or(name)
}

/// Whether a word describes what a source is ("firm", "researcher", "ministry").
pub(crate) fn is_descriptor_noun(token: &Token<'_>) -> bool {
    token.is_in(ROLE_NOUNS) || token.is_in(ORGANIZATION_NOUNS) || token.is_in(GOVERNMENT_NOUNS)
}

/// Whether a lowercase word can describe a name that follows it ("leading", "chip").
pub(crate) fn is_descriptor_word(token: &Token<'_>) -> bool {
    token.is_lowercase()
        && !token.in_quote
        && !token.is_in(FUNCTION_WORDS)
        && !token.is_in(AUXILIARIES)
        && !token.is_in(REPORTING_VERBS)
}

/// The descriptor just before a name ("leading chip designer" before "Orbex").
pub(crate) fn descriptor_before(list: &[Token<'_>], start: usize) -> Option<Range<usize>> {
    if start == 0 || !(list[start - 1].is_lowercase() && is_descriptor_noun(&list[start - 1])) {
        return None;
    }
    let mut first = start - 1;
    while first > 0
        && start - first < 5
        && (is_descriptor_word(&list[first - 1])
            || (is_name_word(list, first - 1) && !list[first - 1].is_possessive()))
    {
        first -= 1;
    }
    Some(first..start)
}

/// The apposition after a name, from the comma at `comma` to the next comma or the end.
pub(crate) fn apposition_after(tokens: &Tokens<'_>, comma: usize) -> Option<Range<usize>> {
    let list = &tokens.list;
    let first = list.get(comma + 1)?;
    if !list[comma].is_punct(',') || !starts_apposition(first) {
        return None;
    }
    let end = (comma + 1..list.len())
        .find(|&i| list[i].is_punct(',') || list[i].is_punct('.') || list[i].in_quote)
        .unwrap_or(list.len());
    (end - comma <= 30).then_some(comma + 1..end)
}

/// Whether a token can begin an apposition ("a member of", "who chairs", "45", "chief of").
pub(crate) fn starts_apposition(token: &Token<'_>) -> bool {
    !token.in_quote
        && (token.is_in(APPOSITION_STARTS)
            || token.kind == super::tokens::Kind::Number
            || token.is_in(ROLE_NOUNS))
}
