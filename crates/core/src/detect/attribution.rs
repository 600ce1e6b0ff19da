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
    FUNCTION_WORDS, GENERIC_SOURCES, PARTICIPLES, REPORTING_VERBS, ROLE_NOUNS, THAT_VERBS,
};
use super::speaker::{Subject, common_noun, subject_after, subject_before};
use super::subjects;
use super::tokens::{Kind, Tokens};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceKind;

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
