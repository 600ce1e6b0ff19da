//! Who a sentence says its statement comes from.
//!
//! The sentence's words outside quotation marks are searched, in order, for:
//! - "according to X" ("according to figures released by X", "according to a study published
//!   in X", "according to two people familiar with …");
//! - a reporting verb ("said", "noted", "suggested", "announced", …) with its subject before it
//!   ("Berg further predicted", "experts remarked", "Ola Berg, a lecturer at …, observed",
//!   "Fenwick's chief economist, Ola Berg, said", "Velo Corp. reported") or, after a
//!   quotation, after it (`"…," said Okafor, a former accountant`);
//! - "found"/"showed" followed by "that" ("studies found that");
//! - a reporting participle after a comma ("…, stating that"), whose subject is the
//!   sentence's own subject.
//!
//! The subject found here may still be a pronoun ("he"), a bare surname ("Berg"), a role ("the
//! mayor") or a definite description ("the company"): the discourse resolves those against
//! earlier sentences.

use std::ops::Range;

use super::lexicon::{
    ABBREVIATIONS, BETWEEN_SOURCE_AND_VERB, FUNCTION_WORDS, GENERIC_SOURCES, GOVERNMENT_NOUNS,
    LY_NOUNS, ORGANIZATION_NOUNS, PARTICIPLES, REPORTING_VERBS, ROLE_NOUNS, THAT_VERBS, UNIT_NOUNS,
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

/// What a sentence says about where its statement comes from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attribution {
    /// Who said it, if anyone.
    pub subject: Option<Subject>,
    /// The source came from "according to".
    pub according: bool,
    /// The tokens of the attribution itself (source and verb), not part of the statement.
    pub tokens: Range<usize>,
    /// How many words stand inside quotation marks.
    pub quoted_words: usize,
}

/// Finds the attribution of a sentence.
pub(crate) fn attribute(tokens: &Tokens<'_>) -> Attribution {
    let list = &tokens.list;
    let quoted_words = list
        .iter()
        .filter(|t| t.in_quote && matches!(t.kind, Kind::Word | Kind::Number))
        .count();
    let mut found = Attribution {
        quoted_words,
        ..Attribution::default()
    };
    for (i, token) in list.iter().enumerate() {
        if token.in_quote || !(token.is_lowercase() || token.initial) {
            continue;
        }
        let next_is = |word: &str| list.get(i + 1).is_some_and(|t| t.is(word));
        let according = token.is("according") && next_is("to");
        let hit = if according {
            according_to(tokens, i)
        } else if token.is_in(REPORTING_VERBS) || (token.is_in(THAT_VERBS) && next_is("that")) {
            subject_before(tokens, i).or_else(|| subject_after(tokens, i))
        } else if token.is_in(PARTICIPLES) && i > 0 && list[i - 1].is_punct(',') {
            subjects::main_subject(tokens).map(|n| {
                let range = n.tokens.clone();
                (Subject::Named(n), range)
            })
        } else {
            None
        };
        if let Some((subject, range)) = hit {
            found.subject = Some(subject);
            found.according = according;
            found.tokens = range;
            return found;
        }
    }
    found
}

/// "according to X": X is the source.
fn according_to(tokens: &Tokens<'_>, at: usize) -> Option<(Subject, Range<usize>)> {
    if let Some(named) = subjects::noun_phrase_at(tokens, at + 2) {
        let end = named.tokens.end;
        return Some((Subject::Named(named), at..end));
    }
    let list = &tokens.list;
    let end = (at + 2..list.len())
        .find(|&i| {
            !matches!(list[i].kind, Kind::Word | Kind::Number)
                || list[i].in_quote
                || list[i].is("that")
        })
        .unwrap_or(list.len());
    let source_noun = |i: &usize| {
        list[*i].is_lowercase() && (list[*i].is_in(GENERIC_SOURCES) || list[*i].is_in(ROLE_NOUNS))
    };
    let head = (at + 2..end.min(at + 6)).find(source_noun).or_else(|| {
        (at + 2..end)
            .rev()
            .find(|&i| !list[i].is_in(FUNCTION_WORDS))
    })?;
    Some((common_noun(tokens, head, at + 2)?, at..end))
}

/// The subject written before the verb at `verb`.
fn subject_before(tokens: &Tokens<'_>, verb: usize) -> Option<(Subject, Range<usize>)> {
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
fn common_noun(tokens: &Tokens<'_>, head: usize, phrase_start: usize) -> Option<Subject> {
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
fn subject_after(tokens: &Tokens<'_>, verb: usize) -> Option<(Subject, Range<usize>)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(text: &str) -> Option<Subject> {
        attribute(&Tokens::new(text, false)).subject
    }

    fn name_and_kind(text: &str) -> (String, SourceKind) {
        let (name, kind, _) = name_of(text);
        (name, kind)
    }

    fn name_of(text: &str) -> (String, SourceKind, Option<String>) {
        match subject_of(text) {
            Some(Subject::Named(n)) => (n.name, n.kind, n.description),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn names_before_the_verb_with_appositions() {
        assert_eq!(
            name_of("Ola Berg, a lecturer at Oslo University, noted that fares rose."),
            (
                "Ola Berg".into(),
                SourceKind::Person,
                Some("a lecturer at Oslo University".into())
            )
        );
        assert_eq!(
            name_of("Analysts from Fenwick, a ratings firm, suggested that costs fell."),
            (
                "Fenwick analysts".into(),
                SourceKind::Organization,
                Some("a ratings firm".into())
            )
        );
        assert_eq!(
            name_of("Recently, Corvex, a supplier of parts, announced a recall.").0,
            "Corvex"
        );
        assert_eq!(name_of("Berg further predicted a rebound.").0, "Berg");
        assert_eq!(
            name_of("Mayor Ana Ruiz, who took office in May, said taxes will fall."),
            (
                "Ana Ruiz".into(),
                SourceKind::Person,
                Some("Mayor, who took office in May".into())
            )
        );
    }

    #[test]
    fn possessives_ampersands_and_initials_stay_in_names() {
        let (name, kind, _) =
            name_of("Economists from Halcyon's Analytics predicted that rates would fall.");
        assert_eq!(
            (name.as_str(), kind),
            ("Halcyon's Analytics economists", SourceKind::Organization)
        );
        assert_eq!(
            name_of("Lending fell 3 percent, the Riverton Bankers' Association said.").0,
            "Riverton Bankers' Association"
        );
        assert_eq!(
            name_of("Keller & Brandt's affirmed the rating, saying debt was stable.").0,
            "Keller & Brandt's"
        );
        assert_eq!(
            name_of("Britain's Office for National Statistics said pay rose.").0,
            "Office for National Statistics"
        );
        assert_eq!(
            name_and_kind("Chief Financial Officer R. J. Lowe said sales fell."),
            ("R. J. Lowe".to_owned(), SourceKind::Person)
        );
        assert_eq!(name_of("Velo Corp. reported a loss.").0, "Velo Corp");
    }

    #[test]
    fn titles_and_affiliations_are_not_part_of_a_name() {
        assert_eq!(
            name_of("“Costs are up,” said Transport Minister Ana Ruiz."),
            (
                "Ana Ruiz".into(),
                SourceKind::Person,
                Some("Transport Minister".into())
            )
        );
        assert_eq!(
            name_of("“It works,” said Dr. Ana-Lucía Ferreira, a biologist at Leeds.").0,
            "Ana-Lucía Ferreira"
        );
        assert_eq!(
            name_of("Prof. Sean O'Neill of Leeds University noted that fares rose."),
            (
                "Sean O'Neill".into(),
                SourceKind::Person,
                Some("Prof, of Leeds University".into())
            )
        );
        assert_eq!(
            name_of("Fenwick's chief economist for Europe, Ola Berg, said rates would rise."),
            (
                "Ola Berg".into(),
                SourceKind::Person,
                Some("Fenwick's chief economist for Europe".into())
            )
        );
        assert_eq!(
            name_of("Bank of Leeds Governor Ana Ruiz said rates would rise.").0,
            "Ana Ruiz"
        );
        assert_eq!(
            name_of("General Motors said sales fell.").0,
            "General Motors"
        );
        assert_eq!(
            name_of("The Premier League said the match was off.").0,
            "Premier League"
        );
    }

    #[test]
    fn documents_are_their_makers_and_publishers() {
        assert_eq!(
            name_and_kind("Rates rose, according to figures released by the Statistics Office."),
            ("Statistics Office".to_owned(), SourceKind::Government)
        );
        assert_eq!(
            name_and_kind("Fares rose 5%, according to a study published in The Transit Review."),
            ("The Transit Review".to_owned(), SourceKind::Publication)
        );
        assert_eq!(
            name_of("A review published last year in Urban Health found that fares fell.").1,
            SourceKind::Publication
        );
        assert_eq!(
            subject_of("The port will close, according to two people familiar with the plan."),
            Some(Subject::Generic("people".into()))
        );
        assert_eq!(
            name_of("The Health Service recommends that adults walk daily.").0,
            "Health Service"
        );
    }

    #[test]
    fn unnamed_pronoun_and_role_subjects() {
        assert_eq!(
            subject_of("Prices will rise, industry experts warned on Monday."),
            Some(Subject::Generic("experts".into()))
        );
        assert_eq!(
            subject_of("The plan came after reports indicated that the port would close."),
            Some(Subject::Generic("reports".into()))
        );
        assert_eq!(
            subject_of("“It is over,” he explained."),
            Some(Subject::Person)
        );
        assert_eq!(
            subject_of("They remarked that the deal was done."),
            Some(Subject::Group)
        );
        assert_eq!(
            subject_of("The mayor said the road is open."),
            Some(Subject::Role("mayor".into()))
        );
        assert_eq!(
            subject_of("The company said sales fell."),
            Some(Subject::Definite("company".into()))
        );
        assert_eq!(subject_of("Sales fell 4 percent in May."), None);
        assert_eq!(
            subject_of("He “said” nothing, the report states"),
            Some(Subject::Generic("report".into()))
        );
    }

    #[test]
    fn sources_after_quotations_participles_and_according_to() {
        assert_eq!(
            name_of("“Fees are up 30 percent,” said Okafor, a former accountant.").2,
            Some("a former accountant".into())
        );
        assert_eq!(
            name_of("Additionally, carmaker Voltra cut prices, saying that demand fell.").0,
            "Voltra"
        );
        assert_eq!(
            name_of("According to the Riverton Finance Department, revenue rose.").1,
            SourceKind::Government
        );
        assert_eq!(
            name_of("According to data from the Office for National Statistics, pay rose.").0,
            "Office for National Statistics"
        );
        assert_eq!(
            name_of("Brill Motors’ analysts expect a loss.").0,
            "Brill Motors analysts"
        );
        let found = attribute(&Tokens::new(
            "“Rates will rise next year,” she said.",
            false,
        ));
        assert_eq!(found.quoted_words, 5);
        assert_eq!(found.subject, Some(Subject::Person));
    }
}
