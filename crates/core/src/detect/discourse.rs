//! What "he", "they", "the company" or a bare surname refers to, from the sentences before.
//!
//! - "he"/"she" is the person named most recently.
//! - A single capitalised word that is part of a person's full name seen earlier ("Berg" after
//!   "Ola Berg", "Okafor" after "David Okafor") is that person.
//! - "they" is the previous sentence's subject when that is not one person, joined with any
//!   partner it teamed up with ("A joined forces with B" → "A and B").
//! - "it" is the previous sentence's subject if that is an organisation, else the last
//!   organisation named.
//! - "the mayor" is the last person described as a mayor; "the bank" the last organisation
//!   with "Bank" in its name, failing that "the company" is the sentence's own subject or the
//!   last organisation (or government body, for "the ministry") named, as a subject or
//!   anywhere with a name that says it is one ("Acme Systems"). Anything else unnamed is
//!   "Unnamed <noun>".
//!
//! A quotation that runs over several sentences is attributed as a whole: every sentence in it
//! gets the speaker named anywhere in it.

use super::lexicon::{self, GOVERNMENT_NOUNS};
use super::names::Named;
use super::source::DetectedSource;
use super::speaker::Subject;
use crate::SourceKind;

/// The people and organisations named so far in an article.
#[derive(Debug, Default)]
pub(crate) struct Discourse {
    people: Vec<DetectedSource>,
    organisations: Vec<DetectedSource>,
    previous_actors: Vec<DetectedSource>,
}

/// How many organisations are kept for "the company" and "it".
const REMEMBERED_ORGANISATIONS: usize = 8;

impl Discourse {
    /// The source `subject` refers to, in a sentence whose own subject (and partner) are
    /// `current`.
    pub(crate) fn resolve(
        &mut self,
        subject: Subject,
        current: &[Named],
    ) -> Option<DetectedSource> {
        match subject {
            Subject::Named(named) => Some(self.remember(named)),
            Subject::Person => self.people.last().cloned(),
            Subject::Group => self.group(),
            Subject::Thing => self.organisation_in(current, None).or_else(|| {
                self.previous_actors
                    .iter()
                    .find(|a| a.kind != SourceKind::Person)
                    .or_else(|| self.organisations.last())
                    .cloned()
            }),
            Subject::Role(role) => self
                .people
                .iter()
                .rev()
                .find(|person| {
                    person.description.as_deref().is_some_and(|d| {
                        d.split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(&role))
                    })
                })
                .cloned()
                .or_else(|| Some(unnamed(&role))),
            Subject::Definite(noun) => {
                let government = lexicon::is_in(GOVERNMENT_NOUNS, &noun);
                let in_name = |name: &str| {
                    name.split_whitespace()
                        .any(|word| word.eq_ignore_ascii_case(&noun))
                };
                if !current.iter().any(|n| in_name(&n.name))
                    && let Some(known) = self.organisations.iter().rev().find(|o| in_name(&o.name))
                {
                    return Some(known.clone());
                }
                self.organisation_in(current, Some(government))
                    .or_else(|| {
                        self.organisations
                            .iter()
                            .rev()
                            .find(|o| (o.kind == SourceKind::Government) == government)
                            .cloned()
                    })
                    .or_else(|| Some(unnamed(&noun)))
            }
            Subject::Generic(noun) => Some(unnamed(&noun)),
        }
    }

    /// The first organisation (a government body, if `government`) among `current`.
    ///
    /// A name taken for a person only because it has two or three words (no title, no
    /// description) is an organisation when "the company" or "it" refers to it.
    fn organisation_in(
        &self,
        current: &[Named],
        government: Option<bool>,
    ) -> Option<DetectedSource> {
        let guessed_person = |n: &Named| n.kind == SourceKind::Person && n.description.is_none();
        current
            .iter()
            .filter(|n| {
                (n.kind != SourceKind::Person || guessed_person(n)) && !self.is_person(&n.name)
            })
            .find(|n| {
                guessed_person(n)
                    || government.is_none_or(|g| (n.kind == SourceKind::Government) == g)
            })
            .map(|n| DetectedSource {
                name: n.name.clone(),
                kind: match (n.kind, government) {
                    (SourceKind::Person, Some(true)) => SourceKind::Government,
                    (SourceKind::Person, _) => SourceKind::Organization,
                    (kind, _) => kind,
                },
                description: n.description.clone(),
            })
    }

    /// Whether `name` is a person named earlier, or part of one's name.
    fn is_person(&self, name: &str) -> bool {
        self.people
            .iter()
            .any(|p| p.name == name || p.name.split_whitespace().any(|word| word == name))
    }

    /// Records the organisations the sentence just read names (`mentioned`) and its subject
    /// (and partner), for the next ones; `source` is the sentence's resolved source, whose
    /// kind wins for the same name.
    pub(crate) fn observe(
        &mut self,
        mentioned: Vec<Named>,
        actors: Vec<Named>,
        source: Option<&DetectedSource>,
    ) {
        for named in mentioned {
            if !actors.iter().any(|actor| actor.name == named.name) {
                self.remember(named);
            }
        }
        self.previous_actors = actors
            .into_iter()
            .map(|mut named| {
                if let Some(source) = source.filter(|s| s.name == named.name) {
                    named.kind = source.kind;
                }
                self.remember(named)
            })
            .collect();
    }

    /// The named source, completed from the person it refers back to, and remembered.
    fn remember(&mut self, named: Named) -> DetectedSource {
        let Named {
            name,
            kind,
            description,
            ..
        } = named;
        if !name.contains(' ')
            && let Some(person) = self
                .people
                .iter()
                .rev()
                .find(|person| person.name.split_whitespace().any(|word| word == name))
        {
            return person.clone();
        }
        let source = DetectedSource {
            name,
            kind,
            description,
        };
        let list = match source.kind {
            SourceKind::Person if source.name.contains(' ') => &mut self.people,
            SourceKind::Organization | SourceKind::Government | SourceKind::Publication => {
                &mut self.organisations
            }
            _ => return source,
        };
        if let Some(at) = list.iter().position(|known| known.name == source.name) {
            let known = list.remove(at);
            let merged = DetectedSource {
                description: known.description.or_else(|| source.description.clone()),
                ..source.clone()
            };
            list.push(merged.clone());
            return merged;
        }
        list.push(source.clone());
        if list.len() > REMEMBERED_ORGANISATIONS && source.kind != SourceKind::Person {
            list.remove(0);
        }
        source
    }

    /// Who "they" are: the previous subject and partner, unless that was one person.
    fn group(&self) -> Option<DetectedSource> {
        match self.previous_actors.as_slice() {
            [] => None,
            [one] if one.kind == SourceKind::Person => None,
            [one] => Some(one.clone()),
            [first, ..] => Some(DetectedSource {
                name: self
                    .previous_actors
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" and "),
                kind: first.kind,
                description: None,
            }),
        }
    }
}

/// An unnamed source: "Unnamed experts".
fn unnamed(noun: &str) -> DetectedSource {
    let kind = if matches!(noun, "police" | "authorities") {
        SourceKind::Government
    } else {
        SourceKind::Unknown
    };
    DetectedSource {
        name: format!("Unnamed {noun}"),
        kind,
        description: None,
    }
}

/// Gives every sentence of a multi-sentence quotation the speaker named in any of them.
///
/// `links[i]` says whether sentence `i + 1` carries on the quotation of sentence `i`; the
/// result says which sentences belong to such a quotation.
pub(crate) fn share_speakers(links: &[bool], sources: &mut [Option<DetectedSource>]) -> Vec<bool> {
    let mut grouped = vec![false; sources.len()];
    let mut start = 0;
    while start < sources.len() {
        let mut end = start;
        while end + 1 < sources.len() && links[end] {
            end += 1;
        }
        if end > start {
            let speaker = sources[start..=end].iter().find_map(Clone::clone);
            for (source, in_group) in sources[start..=end]
                .iter_mut()
                .zip(&mut grouped[start..=end])
            {
                *in_group = true;
                if source.is_none() {
                    source.clone_from(&speaker);
                }
            }
        }
        start = end + 1;
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, kind: SourceKind, description: Option<&str>) -> Named {
        Named {
            name: name.into(),
            kind,
            description: description.map(Into::into),
            tokens: 0..0,
        }
    }

    #[test]
    fn pronouns_surnames_and_roles_refer_back() {
        let mut discourse = Discourse::default();
        let ana = discourse
            .resolve(
                Subject::Named(named("Ana Ruiz", SourceKind::Person, Some("the mayor"))),
                &[],
            )
            .unwrap();
        assert_eq!(discourse.resolve(Subject::Person, &[]), Some(ana.clone()));
        assert_eq!(
            discourse.resolve(
                Subject::Named(named("Ruiz", SourceKind::Organization, None)),
                &[]
            ),
            Some(ana.clone())
        );
        assert_eq!(
            discourse.resolve(Subject::Role("mayor".into()), &[]),
            Some(ana)
        );
        assert_eq!(
            discourse
                .resolve(Subject::Role("coach".into()), &[])
                .unwrap()
                .name,
            "Unnamed coach"
        );
    }

    #[test]
    fn they_and_it_are_the_previous_subjects() {
        let mut discourse = Discourse::default();
        discourse.observe(
            Vec::new(),
            vec![
                named("Velo Cloud", SourceKind::Organization, None),
                named("Cykla", SourceKind::Organization, None),
            ],
            None,
        );
        assert_eq!(
            discourse.resolve(Subject::Group, &[]).unwrap().name,
            "Velo Cloud and Cykla"
        );
        assert_eq!(
            discourse.resolve(Subject::Thing, &[]).unwrap().name,
            "Velo Cloud"
        );
        discourse.observe(
            Vec::new(),
            vec![named("Ana Ruiz", SourceKind::Person, Some("a nurse"))],
            None,
        );
        assert_eq!(discourse.resolve(Subject::Group, &[]), None);
        assert_eq!(
            discourse
                .resolve(Subject::Definite("firm".into()), &[])
                .unwrap()
                .name,
            "Cykla"
        );
        let current = [named("Brill Hansen", SourceKind::Person, None)];
        let company = discourse
            .resolve(Subject::Definite("company".into()), &current)
            .unwrap();
        assert_eq!(
            (company.name.as_str(), company.kind),
            ("Brill Hansen", SourceKind::Organization)
        );
    }

    #[test]
    fn a_quotation_shares_its_speaker() {
        let speaker = DetectedSource {
            name: "Ana Ruiz".into(),
            kind: SourceKind::Person,
            description: None,
        };
        let mut sources = vec![None, None, Some(speaker.clone()), None];
        let grouped = share_speakers(&[false, true, false, false], &mut sources);
        assert_eq!(grouped, [false, true, true, false]);
        assert_eq!(sources, [None, Some(speaker.clone()), Some(speaker), None]);
    }
}
