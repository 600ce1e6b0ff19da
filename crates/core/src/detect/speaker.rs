//! The subject of a reporting verb: who "said", "noted" or "found that", written before the
//! verb ("Berg further predicted", "Ola Berg, a lecturer at …, observed", "Fenwick's chief
//! economist, Ola Berg, said") or, right after a quotation, after it (`"…," said Okafor`).
//! [`Subject`] is what is found, before the discourse resolves pronouns, roles and
//! definite descriptions against earlier sentences.

use std::ops::Range;

use super::lexicon::{
    ABBREVIATIONS, BETWEEN_SOURCE_AND_VERB, FUNCTION_WORDS, GENERIC_SOURCES, GOVERNMENT_NOUNS,
    LY_NOUNS, ORGANIZATION_NOUNS, ROLE_NOUNS, UNIT_NOUNS,
};
use super::names::{self, Named};
use super::subjects;
use super::tokens::{Kind, Tokens};
use crate::SourceKind;

/// The subject of a reporting verb, before the discourse resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A name, possibly only a surname.
    Named(Named),
    /// An unnamed source: "experts", "reports".
    Generic(String),
    /// A person's role: "the mayor".
    Role(String),
    /// An organisation referred back to: "the company", "the ministry".
    Definite(String),
    /// "he" or "she".
    Person,
    /// "they".
    Group,
    /// "it".
    Thing,
}

/// The subject written before the verb at `verb`.
pub(super) fn subject_before(tokens: &Tokens<'_>, verb: usize) -> Option<(Subject, Range<usize>)> {
    let list = &tokens.list;
    let mut i = verb;
    while i > 0 && {
        let t = &list[i - 1];
        t.is_lowercase()
            && !t.in_quote
            && (t.is_in(BETWEEN_SOURCE_AND_VERB) || (t.text.ends_with("ly") && !t.is_in(LY_NOUNS)))
    } {
        i -= 1;
    }
    let mut previous = i.checked_sub(1)?;
    if previous >= 1
        && list[previous].is_punct('.')
        && list[previous - 1].is_capitalised()
        && list[previous - 1].is_in(ABBREVIATIONS)
    {
        previous -= 1;
    }
    let (subject, start) = if list[previous].is_punct(',') {
        subject_with_apposition(tokens, previous)
            .or_else(|| name_in_apposition(tokens, previous))?
    } else {
        subject_ending_at(tokens, previous, None)?
    };
    Some((subject, start..verb + 1))
}

/// "DESCRIPTION, NAME, verb": a person's name set off by commas after what describes them
/// ("The bank's chief economist, Ana Ruiz, said").
fn name_in_apposition(tokens: &Tokens<'_>, comma: usize) -> Option<(Subject, usize)> {
    let list = &tokens.list;
    let run = names::run_ending_at(list, comma.checked_sub(1)?)?;
    let opening = run
        .start
        .checked_sub(1)
        .filter(|&j| list[j].is_punct(','))?;
    let start = (0..opening)
        .rev()
        .find(|&j| list[j].is_punct(',') || list[j].in_quote || list[j].kind == Kind::QuoteMark)
        .map_or(0, |j| j + 1);
    let described = start..opening;
    if !described
        .clone()
        .any(|j| list[j].is_lowercase() && list[j].is_in(ROLE_NOUNS))
    {
        return None;
    }
    let description = tokens.phrase(described.clone()).to_owned();
    let mut named = names::named(tokens, run, Some(description));
    if named.kind != SourceKind::Person {
        return None;
    }
    named.tokens.start = described.start;
    Some((Subject::Named(named), described.start))
}

/// "NAME, APPOSITION, verb": the apposition may itself hold commas.
fn subject_with_apposition(tokens: &Tokens<'_>, comma: usize) -> Option<(Subject, usize)> {
    let list = &tokens.list;
    let mut k = comma;
    for _ in 0..4 {
        let j = (0..k).rev().find(|&j| {
            list[j].is_punct(',') || list[j].in_quote || list[j].kind == Kind::QuoteMark
        })?;
        if !list[j].is_punct(',') || j == 0 {
            return None;
        }
        if comma - j <= 31 && names::starts_apposition(&list[j + 1]) {
            let apposition = tokens.phrase(j + 1..comma).to_owned();
            if let Some(found) = subject_ending_at(tokens, j - 1, Some(apposition)) {
                return Some(found);
            }
        }
        k = j;
    }
    None
}

/// The subject whose last word is token `end`, with its start.
fn subject_ending_at(
    tokens: &Tokens<'_>,
    end: usize,
    apposition: Option<String>,
) -> Option<(Subject, usize)> {
    let list = &tokens.list;
    let token = &list[end];
    if token.in_quote || token.kind != Kind::Word {
        return None;
    }
    let pronoun = match token.text.to_ascii_lowercase().as_str() {
        "he" | "she" => Some(Subject::Person),
        "they" => Some(Subject::Group),
        "it" => Some(Subject::Thing),
        _ => None,
    };
    if let Some(pronoun) = pronoun {
        return Some((pronoun, end));
    }
    if let Some(run) = names::run_ending_at(list, end) {
        let linked = run.start >= 2
            && ["from", "at", "of", "with"]
                .iter()
                .any(|w| list[run.start - 1].is(w))
            && list[run.start - 2].is_plain(GENERIC_SOURCES);
        let group = if linked {
            subjects::noun_phrase_at(tokens, run.start - 2)
        } else {
            None
        };
        let named = if let Some(mut group) = group {
            group.description = apposition.or(group.description);
            group
        } else {
            let descriptor = names::descriptor_before(list, run.start);
            let description =
                apposition.or_else(|| descriptor.clone().map(|d| tokens.phrase(d).to_owned()));
            let published = subjects::published_in(tokens, run.start);
            let mut named = names::named(tokens, run, description);
            if let Some(descriptor) = descriptor {
                named.tokens.start = named.tokens.start.min(descriptor.start);
            }
            if published {
                named.kind = SourceKind::Publication;
            }
            named
        };
        let start = named.tokens.start;
        return Some((Subject::Named(named), start));
    }
    if !(token.is_lowercase() || token.initial) {
        return None;
    }
    let mut k = end;
    while k > 0 && end - k < 3 && list[k - 1].is_lowercase() && !list[k - 1].is_in(FUNCTION_WORDS) {
        k -= 1;
    }
    if k > 0 && names::is_name_word(list, k - 1) {
        let owner_run = names::run_ending_at(list, k - 1)?;
        let owner = names::named(tokens, owner_run.clone(), None);
        let subject = if token.is_in(UNIT_NOUNS) {
            subjects::noun_phrase_at(tokens, owner_run.start).unwrap_or(owner)
        } else if token.is_in(GENERIC_SOURCES) && !token.is_in(ROLE_NOUNS) {
            Named {
                name: format!("{} {}", owner.name, token.text.to_lowercase()),
                kind: SourceKind::Organization,
                description: apposition,
                tokens: owner_run.start..end + 1,
            }
        } else if list[k - 1].is_possessive() && names::is_descriptor_noun(token) {
            Named {
                description: Some(tokens.phrase(k..end + 1).to_owned()),
                ..owner
            }
        } else {
            return None;
        };
        return Some((Subject::Named(subject), owner_run.start));
    }
    Some((common_noun(tokens, end, k)?, k))
}

/// An unnamed or referred-back source written as a common noun ("experts", "the mayor").
pub(super) fn common_noun(
    tokens: &Tokens<'_>,
    head: usize,
    phrase_start: usize,
) -> Option<Subject> {
    let list = &tokens.list;
    let token = &list[head];
    let noun = token.text.to_lowercase();
    let definite = (phrase_start..head).any(|i| list[i].is("the"))
        || phrase_start
            .checked_sub(1)
            .is_some_and(|i| list[i].is("the"));
    if token.is_in(GENERIC_SOURCES) && !(definite && token.is_in(ROLE_NOUNS)) {
        Some(Subject::Generic(noun))
    } else if token.is_in(ROLE_NOUNS) {
        Some(Subject::Role(noun))
    } else if token.is_in(GOVERNMENT_NOUNS) || token.is_in(ORGANIZATION_NOUNS) {
        Some(if definite {
            Subject::Definite(noun)
        } else {
            Subject::Generic(noun)
        })
    } else {
        None
    }
}

/// The subject written after the verb, only right after a quotation (`"…," said Okafor`).
pub(super) fn subject_after(tokens: &Tokens<'_>, verb: usize) -> Option<(Subject, Range<usize>)> {
    let list = &tokens.list;
    let quote_ends_at = |i: usize| list[i].kind == Kind::QuoteMark || list[i].in_quote;
    let after_quote = verb == 0
        || quote_ends_at(verb - 1)
        || (verb >= 2 && list[verb - 1].is_punct(',') && quote_ends_at(verb - 2));
    if !after_quote {
        return None;
    }
    if let Some(named) = subjects::noun_phrase_at(tokens, verb + 1) {
        let end = named.tokens.end;
        return Some((Subject::Named(named), verb..end));
    }
    let start = verb + 1;
    let head = (start..list.len().min(start + 4))
        .find(|&i| list[i].is_in(GENERIC_SOURCES) || list[i].is_in(ROLE_NOUNS))?;
    Some((common_noun(tokens, head, start)?, verb..head + 1))
}
