//! Which source a sentence is about: its subject, and any partner joined to it.
//!
//! A noun phrase names a source when it is a name, possibly after a descriptor ("leading chip
//! designer Orbex", "Danish bike firm Cykla"), a group at a named organisation ("analysts at
//! Fenwick" is "Fenwick analysts"; "data from the Office for National Statistics" and "figures
//! released by the statistics office" are the office's; "a study published in The Lancet" is
//! the journal's), or a possessive with a unit ("Acme’s cloud division" is "Acme Cloud"). A
//! sentence's subject is the first such phrase after any introductory phrase ("On Saturday,",
//! "However,"); its partner is the one after "joined forces with", "teamed up with" and the like.

use std::ops::Range;

use super::lexicon::{self, DOCUMENTS, GENERIC_SOURCES, INTRODUCTIONS, UNIT_NOUNS};
use super::names::{
    Named, apposition_after, is_descriptor_noun, is_descriptor_word, is_name_word, named,
    run_starting_at,
};
use super::tokens::{Kind, Tokens};
use crate::SourceKind;

/// The source named by the noun phrase that starts at token `start`, after any article.
///
/// Handles "Fenwick", "leading chip designer Orbex", "Danish bike firm Cykla",
/// "analysts at Fenwick" and "Acme’s cloud division" (which is "Acme Cloud").
pub(crate) fn noun_phrase_at(tokens: &Tokens<'_>, start: usize) -> Option<Named> {
    let list = &tokens.list;
    let mut i = start;
    while list.get(i).is_some_and(|t| t.is_plain(&["the", "a", "an"])) {
        i += 1;
    }
    let head = list.get(i)?;
    if head.is_plain(GENERIC_SOURCES)
        && list
            .get(i + 1)
            .is_some_and(|t| t.is("at") || t.is("from") || t.is("of") || t.is("with"))
    {
        let after = i + 2 + usize::from(list.get(i + 2).is_some_and(|t| t.is("the")));
        let mut group = noun_phrase_at(tokens, after)?;
        group.tokens.start = i;
        if !head.is_in(DOCUMENTS) {
            group.name = format!("{} {}", group.name, head.text.to_lowercase());
            group.kind = SourceKind::Organization;
        }
        return Some(group);
    }
    if head.is_plain(DOCUMENTS)
        && let Some(found) = document_source(tokens, i)
    {
        return Some(found);
    }
    let mut j = i;
    while j < list.len() && j < i + 5 && !is_name_word(list, j) && is_descriptor_word(&list[j]) {
        j += 1;
    }
    let mut run = run_starting_at(list, j)?;
    let mut described = i..j;
    if !described.is_empty() && !is_descriptor_noun(&list[j - 1]) {
        return None;
    }
    if !list[run.end - 1].is_possessive() {
        let mut k = run.end;
        while k < list.len() && k < run.end + 3 && is_descriptor_word(&list[k]) {
            k += 1;
        }
        if k > run.end
            && is_descriptor_noun(&list[k - 1])
            && let Some(second) = run_starting_at(list, k)
        {
            described = run.start..k;
            run = second;
        }
    }
    if list[run.end - 1].is_possessive() {
        return Some(possessive_phrase(tokens, run));
    }
    let description = if described.is_empty() {
        apposition_after(tokens, run.end).map(|range| tokens.phrase(range).to_owned())
    } else {
        Some(tokens.phrase(described.clone()).to_owned())
    };
    let mut found = named(tokens, run, description);
    found.tokens.start = found.tokens.start.min(described.start);
    Some(found)
}

/// The source of a document named by its maker or its place of publication: "figures
/// released by the statistics office", "a study published last year in The Lancet" (a
/// publication), "data compiled by Fenwick".
fn document_source(tokens: &Tokens<'_>, head: usize) -> Option<Named> {
    let list = &tokens.list;
    let participle = list
        .get(head + 1)
        .filter(|t| t.is_lowercase() && t.text.ends_with("ed"))?;
    let link =
        (head + 2..list.len().min(head + 6)).find(|&k| list[k].is("by") || list[k].is("in"))?;
    if (head + 2..link).any(|k| !(list[k].is_lowercase() || list[k].kind == Kind::Number)) {
        return None;
    }
    let published = participle.is("published") && list[link].is("in");
    if list[link].is("in") && !published {
        return None;
    }
    let article = list
        .get(link + 1)
        .is_some_and(|t| t.is_lowercase() && t.is("the"));
    let mut found = noun_phrase_at(tokens, link + 1 + usize::from(article))?;
    found.tokens.start = head;
    if published {
        found.kind = SourceKind::Publication;
    }
    Some(found)
}

/// Whether the name starting at token `start` is where something was published ("published
/// last year in JAMA Neurology"): a journal or other publication.
pub(crate) fn published_in(tokens: &Tokens<'_>, start: usize) -> bool {
    let list = &tokens.list;
    start >= 2
        && list[start - 1].is("in")
        && (start.saturating_sub(6)..start - 1).any(|k| list[k].is("published"))
}

/// "Acme’s cloud division" is "Acme Cloud"; any other "Acme’s …" is Acme.
fn possessive_phrase(tokens: &Tokens<'_>, run: Range<usize>) -> Named {
    let list = &tokens.list;
    let owner = named(tokens, run.clone(), None);
    let mut k = run.end;
    while k < list.len()
        && k < run.end + 3
        && is_descriptor_word(&list[k])
        && !list[k].is_in(UNIT_NOUNS)
    {
        k += 1;
    }
    if k < list.len() && list[k].is_in(UNIT_NOUNS) && list[k].is_lowercase() {
        let mut name = owner.name.clone();
        for word in &list[run.end..k] {
            let mut chars = word.text.chars();
            if let Some(first) = chars.next() {
                name.push(' ');
                name.extend(first.to_uppercase());
                name.push_str(chars.as_str());
            }
        }
        let description = Some(format!(
            "{}’s {}",
            owner.name,
            tokens.phrase(run.end..k + 1)
        ));
        return Named {
            name,
            kind: owner.kind,
            description,
            tokens: run.start..k + 1,
        };
    }
    owner
}

/// The source the sentence is about: its grammatical subject, when that is a name.
pub(crate) fn main_subject(tokens: &Tokens<'_>) -> Option<Named> {
    let list = &tokens.list;
    let first = list.first()?;
    let opens_with_introduction = first.is_in(INTRODUCTIONS)
        || (first.text.ends_with("ly") && list.get(1).is_some_and(|t| t.is_punct(',')));
    let start = if opens_with_introduction {
        list.iter()
            .take(30)
            .position(|t| t.is_punct(',') || t.in_quote)
            .map_or(1, |i| i + 1)
    } else {
        0
    };
    noun_phrase_at(tokens, start)
}

/// A partner joined to the subject by "joined forces with", "teamed up with" and the like.
pub(crate) fn partner(tokens: &Tokens<'_>, after: usize) -> Option<Named> {
    let list = &tokens.list;
    let with = (after.max(1)..list.len().min(after + 8)).find(|&i| {
        list[i].is("with")
            && list[i - 1].is_lowercase()
            && list[i - 1].is_in(lexicon::PARTNERSHIP_CUES)
    })?;
    noun_phrase_at(tokens, with + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Option<(String, SourceKind, Option<String>)> {
        let tokens = Tokens::new(text, false);
        main_subject(&tokens).map(|n| (n.name, n.kind, n.description))
    }

    #[test]
    fn subjects_with_descriptors_and_appositions() {
        assert_eq!(
            subject("Additionally, leading chip designer Orbex made the tool free."),
            Some((
                "Orbex".into(),
                SourceKind::Organization,
                Some("leading chip designer".into())
            ))
        );
        assert_eq!(
            subject("Maria Lopez, a professor at Leeds University, spoke first."),
            Some((
                "Maria Lopez".into(),
                SourceKind::Person,
                Some("a professor at Leeds University".into())
            ))
        );
        assert_eq!(
            subject("On Friday, Tarrant’s cloud division cut prices."),
            Some((
                "Tarrant Cloud".into(),
                SourceKind::Organization,
                Some("Tarrant’s cloud division".into())
            ))
        );
        assert_eq!(subject("This plan has failed."), None);
    }

    #[test]
    fn partners_join_the_subject() {
        let tokens = Tokens::new(
            "Velo joined forces with Danish bike firm Cykla to build docks.",
            false,
        );
        let subject = main_subject(&tokens).unwrap();
        assert_eq!(subject.name, "Velo");
        assert_eq!(partner(&tokens, subject.tokens.end).unwrap().name, "Cykla");
    }
}
