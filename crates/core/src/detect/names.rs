//! Proper names in a sentence: where they run, and what describes them.
//!
//! A name is a run of capitalised words, joined by small connectors ("Ministry of Transport and
//! Public Works"), initials ("R. J. Patel") and a possessive that belongs to the name
//! ("Moody's Analytics", "King's College"), that does not begin a sentence as a function word.
//! A word capitalised only because it begins the sentence ("Revenue", "Shares") is no name when
//! the article never capitalises it elsewhere. Titles before a person's name ("Mayor", "Dr.",
//! "Health Minister", "Chief Executive Officer") are not part of it, nor is an affiliation
//! after it ("Henrik Lund of Leeds University"): both go into the description, with a
//! lowercase descriptor before it ("leading chip designer Orbex") or an apposition after it
//! ("Ola Berg, a lecturer at …,").

use std::collections::HashSet;
use std::ops::Range;

use super::cues::{MONTHS, NOT_EVENTS, WEEKDAYS};
use super::kinds::classify;
use super::lexicon::{
    APPOSITION_STARTS, AUXILIARIES, BETWEEN_SOURCE_AND_VERB, FUNCTION_WORDS, GENERIC_SOURCES,
    GOVERNMENT_NOUNS, GOVERNMENT_WORDS, NAME_CONNECTORS, ORGANIZATION_NOUNS, ORGANIZATION_WORDS,
    PUBLICATION_WORDS, REPORTING_VERBS, ROLE_NOUNS, THAT_VERBS, TITLES,
};
use super::tokens::{Kind, Token, Tokens};
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
    if !token.is_capitalised() || token.common || token.text == "I" || token.is_in(WEEKDAYS) {
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
        if start >= 2 && list[start - 1].is_punct('.') && is_initial(list, start - 2) {
            start -= 2;
            continue;
        }
        let mut before = start;
        while before > 0 && start - before < 2 && is_connector(list, before - 1) {
            before -= 1;
        }
        let joins = before > 0
            && is_name_word(list, before - 1)
            && (!list[before - 1].is_possessive()
                || (before == start && possessive_joins(list, before - 1)));
        if joins {
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
    loop {
        let word = &list[end - 1];
        if word.is_possessive() {
            if !possessive_joins(list, end - 1) {
                break;
            }
            end += 1;
            continue;
        }
        let abbreviated = is_initial(list, end - 1) || word.is_in(TITLES);
        if abbreviated
            && list.get(end).is_some_and(|t| t.is_punct('.'))
            && is_name_word(list, end + 1)
        {
            end += 2;
            continue;
        }
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

/// Whether token `i` is an initial: one capital letter ("J" of "J. K. Lowe").
fn is_initial(list: &[Token<'_>], i: usize) -> bool {
    is_name_word(list, i) && list[i].text.chars().count() == 1
}

/// Whether the possessive at `i` belongs to the name, because the word right after it makes
/// an organisation's name ("Moody's Analytics", "King's College", "Bankers' Association"),
/// unlike "Acme's Ascend platform" or "Britain's Royal Society".
fn possessive_joins(list: &[Token<'_>], i: usize) -> bool {
    list[i].is_possessive()
        && list
            .get(i + 1)
            .is_some_and(|next| is_name_word(list, i + 1) && next.is_in(ORGANIZATION_WORDS))
}

/// Whether a possessive at the end of a name owns what follows it ("Acme's profit") rather
/// than being part of the name, as before a verb or punctuation ("Standard & Poor's said").
fn owns_what_follows(list: &[Token<'_>], end: usize) -> bool {
    list.get(end).is_some_and(|next| match next.kind {
        Kind::Number | Kind::Currency => true,
        Kind::Word => {
            let verb = next.is_in(REPORTING_VERBS)
                || next.is_in(THAT_VERBS)
                || next.is_in(AUXILIARIES)
                || next.is_in(BETWEEN_SOURCE_AND_VERB)
                || (next.text.len() >= 5 && next.text.ends_with("ed") && !next.is_in(NOT_EVENTS));
            !(next.is_lowercase() && verb)
        }
        _ => false,
    })
}

/// Whether tokens `range` are written like a person's name: one to four capitalised words
/// or initials, none of them a title or a word of an organisation's name.
fn is_personal_name(list: &[Token<'_>], range: Range<usize>) -> bool {
    let mut words = 0;
    for i in range.clone() {
        let token = &list[i];
        if token.is_punct('.') && i > range.start && is_initial(list, i - 1) {
            continue;
        }
        let plain = is_name_word(list, i)
            && !token.is_possessive()
            && !token.is_in(TITLES)
            && !token.is_in(ROLE_NOUNS)
            && !token.is_in(ORGANIZATION_WORDS)
            && !token.is_in(GOVERNMENT_WORDS)
            && !token.is_in(PUBLICATION_WORDS);
        if !plain {
            return false;
        }
        words += 1;
    }
    (1..=4).contains(&words)
}

/// Where the name proper starts in `run`: after the last title or role word that a person's
/// name follows ("Health Minister Jane Roe", "Chief Executive Officer Laura Kim", "Dr. Ana
/// Ruiz"), or at the run's start.
fn after_titles(list: &[Token<'_>], run: &Range<usize>) -> usize {
    let mut first = run.start;
    for t in run.clone() {
        let token = &list[t];
        if !(token.is_capitalised() && (token.is_in(TITLES) || token.is_in(ROLE_NOUNS))) {
            continue;
        }
        let rest = t + 1 + usize::from(list.get(t + 1).is_some_and(|n| n.is_punct('.')));
        if rest < run.end && is_personal_name(list, rest..run.end) {
            first = rest;
        }
    }
    first
}

/// A person's name followed by an affiliation inside one run ("Henrik Lund of Leeds
/// University"): where the person's name ends.
fn affiliation_at(tokens: &Tokens<'_>, name: &Range<usize>, titled: bool) -> Option<usize> {
    let list = &tokens.list;
    let link = (name.start + 1..name.end.saturating_sub(1))
        .find(|&i| list[i].is("of") || list[i].is("at") || list[i].is("from"))?;
    let person = is_personal_name(list, name.start..link) && (titled || link - name.start >= 2);
    let affiliation = classify(tokens.phrase(link + 1..name.end), false, None);
    (person && affiliation != SourceKind::Person).then_some(link)
}

/// The organisations a sentence names anywhere outside quotations, known as such by the
/// words of their names ("Brightwave Systems", "Office for National Statistics").
pub(crate) fn organisations_named(tokens: &Tokens<'_>) -> Vec<Named> {
    let list = &tokens.list;
    let mut found = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let Some(run) = run_starting_at(list, i) else {
            i += 1;
            continue;
        };
        i = run.end;
        let named = named(tokens, run, None);
        if super::kinds::kind_by_words(&named.name).is_some() {
            found.push(named);
        }
    }
    found
}

/// The words of a sentence (not a heading) written capitalised where a capital says they are
/// names: not first in the sentence or a quotation, or first but followed by another
/// capitalised word ("Pan" of "Pan Helin, a member of …").
pub(crate) fn note_capitals<'a>(tokens: &Tokens<'a>, known: &mut HashSet<&'a str>) {
    let list = &tokens.list;
    for (i, token) in list.iter().enumerate() {
        let named = !token.initial
            || list
                .get(i + 1)
                .is_some_and(|next| next.is_capitalised() && !next.initial);
        if token.is_capitalised() && named {
            known.insert(token.base());
        }
    }
}

/// Marks the first words that are capitalised only for standing first: the article never
/// capitalises them elsewhere (`known`), they are not shaped like names ("DeepSeek",
/// "Acme's"), are no word of an organisation's name ("Ministry"), and no name, initial or
/// comma follows them ("Pan Helin", "Dr. Ruiz", "Orbex, a supplier").
pub(crate) fn mark_common_capitals(tokens: &mut Tokens<'_>, known: &HashSet<&str>) {
    let list = &mut tokens.list;
    for i in 0..list.len() {
        let token = &list[i];
        if !(token.initial && token.is_capitalised()) || known.contains(token.base()) {
            continue;
        }
        let shaped = token.is_possessive()
            || token
                .text
                .chars()
                .skip(1)
                .any(|c| c.is_uppercase() || c.is_numeric());
        let organisational = token.is_in(ORGANIZATION_WORDS)
            || token.is_in(GOVERNMENT_WORDS)
            || token.is_in(PUBLICATION_WORDS);
        let marked = list.get(i + 1).is_some_and(|next| {
            next.is_punct('&')
                || next.is_punct(',')
                || next.is_punct('.')
                || (next.is_capitalised() && !next.initial)
        });
        if !(shaped || organisational || marked) {
            list[i].common = true;
        }
    }
}

/// Builds the source a name run stands for, peeling titles off its front and an affiliation
/// off its end.
pub(crate) fn named(tokens: &Tokens<'_>, run: Range<usize>, description: Option<String>) -> Named {
    let list = &tokens.list;
    let first = after_titles(list, &run);
    let mut title_start = first.min(run.start);
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
    let affiliation = affiliation_at(tokens, &(first..run.end), title.is_some());
    let name = match affiliation {
        Some(link) => tokens.phrase(first..link),
        None if owns_what_follows(list, run.end) => strip_possessive(tokens.phrase(first..run.end)),
        None => tokens.phrase(first..run.end),
    }
    .to_owned();
    let affiliation = affiliation.map(|link| tokens.phrase(link..run.end));
    let mut parts: Vec<String> = [title, affiliation]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    parts.extend(description);
    let description = (!parts.is_empty()).then(|| parts.join(", "));
    let kind = if affiliation.is_some() {
        SourceKind::Person
    } else {
        classify(&name, title.is_some(), description.as_deref())
    };
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
