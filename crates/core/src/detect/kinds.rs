//! What kind of source a name is: a person, an organisation, a government body or a
//! publication.
//!
//! The words of the name decide first ("Ministry", "Council" make a government body; "Times",
//! "Post" a publication; "Inc", "Group", "University", "Capital" an organisation), then the head
//! noun of its description ("a researcher at …" is a person, "a ratings firm" an organisation),
//! then a title ("Mayor", "Dr."). Failing all that, two to four ordinary capitalised words or
//! initials ("Ana-Lucía Ferreira", "R. J. Patel", "Sean O'Neill") are taken for a person's name
//! and anything else for an organisation.

use super::lexicon::{
    self, GOVERNMENT_NOUNS, GOVERNMENT_WORDS, ORGANIZATION_NOUNS, ORGANIZATION_WORDS,
    PUBLICATION_WORDS, ROLE_NOUNS,
};
use crate::SourceKind;

/// What kind of thing `name` is, from its words, its title and its description.
pub(crate) fn classify(name: &str, titled: bool, description: Option<&str>) -> SourceKind {
    let words = || {
        name.split_whitespace()
            .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    if let Some(kind) = kind_by_words(name) {
        return kind;
    }
    if let Some(kind) = description.and_then(kind_of_description) {
        return kind;
    }
    if titled {
        return SourceKind::Person;
    }
    let count = words().count();
    let initial = |word: &str| word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let personal = words().all(|word| {
        initial(word)
            || (word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
                && word.chars().skip(1).any(char::is_lowercase))
    }) && !words().all(initial);
    if (2..=4).contains(&count) && personal && !name.starts_with("The ") {
        SourceKind::Person
    } else {
        SourceKind::Organization
    }
}

/// The kind the words of `name` alone give ("Ministry", "Times", "Inc"), if any.
pub(crate) fn kind_by_words(name: &str) -> Option<SourceKind> {
    let words = || {
        name.split_whitespace()
            .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    if words().any(|word| lexicon::is_in(GOVERNMENT_WORDS, word)) {
        Some(SourceKind::Government)
    } else if words().any(|word| lexicon::is_in(PUBLICATION_WORDS, word)) {
        Some(SourceKind::Publication)
    } else if words().any(|word| lexicon::is_in(ORGANIZATION_WORDS, word)) {
        Some(SourceKind::Organization)
    } else {
        None
    }
}

/// The kind a description's head noun gives ("a researcher at …" is a person).
fn kind_of_description(description: &str) -> Option<SourceKind> {
    let stops = [
        "at", "in", "for", "with", "from", "on", "to", "who", "which", "that", "whose",
    ];
    description
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .take_while(|word| !lexicon::is_in(&stops, word))
        .find_map(|word| {
            if lexicon::is_in(ROLE_NOUNS, word) {
                Some(SourceKind::Person)
            } else if lexicon::is_in(GOVERNMENT_NOUNS, word) {
                Some(SourceKind::Government)
            } else if lexicon::is_in(ORGANIZATION_NOUNS, word) {
                Some(SourceKind::Organization)
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_words_titles_and_descriptions() {
        assert_eq!(
            classify("Ministry of Finance", false, None),
            SourceKind::Government
        );
        assert_eq!(
            classify("Harbor Point Capital", false, None),
            SourceKind::Organization
        );
        assert_eq!(
            classify("Daily Herald", false, None),
            SourceKind::Publication
        );
        assert_eq!(classify("Okafor", true, None), SourceKind::Person);
        assert_eq!(classify("Okafor", false, None), SourceKind::Organization);
        assert_eq!(classify("Jane Doe", false, None), SourceKind::Person);
        assert_eq!(classify("R. J. Patel", false, None), SourceKind::Person);
        assert_eq!(
            classify("Ana-Lucía O'Neill", false, None),
            SourceKind::Person
        );
        assert_eq!(
            classify("Brightline", false, Some("a rail company")),
            SourceKind::Organization
        );
        assert_eq!(
            classify("NASA", false, Some("the space agency")),
            SourceKind::Government
        );
    }
}
