//! Claim detection: proposes the check-worthy claims of an article, deterministically.
//!
//! [`detect_claims`] reads an article body (any Unicode) and returns the sentences worth
//! checking, each with its span in code points, a check-worthiness score, a category and the
//! source it is attributed to. It is pure: no model, no network, no I/O, and the same body
//! always gives the same claims. The steps, one file each:
//! - `sentences`: split the body into sentences, keeping abbreviations, decimals and
//!   quotations whole and knowing which sentences a quotation runs over;
//! - `tokens`: cut each sentence into words; a first word the article never capitalises
//!   elsewhere is taken for an ordinary word, not a name;
//! - `attribution`, `speaker`, `names`, `subjects` and `kinds`: find who the sentence says
//!   its statement comes from (`source` is what is found), and what kind of source that is;
//! - `discourse`: resolve "he", "they", "the company" and bare surnames against the sentences
//!   before, and give every sentence of a quotation its speaker;
//! - `worthiness` and `category`: score and classify the sentence from its features.
//!
//! The word lists (`lexicon`, `cues`) are general English; nothing is tuned to one article.

pub(crate) mod attribution;
mod category;
pub(crate) mod cues;
mod discourse;
mod kinds;
pub(crate) mod lexicon;
mod names;
mod sentences;
mod source;
mod speaker;
mod subjects;
pub(crate) mod tokens;
mod worthiness;

pub use category::ClaimCategory;
pub use source::DetectedSource;

use std::collections::HashSet;

use self::discourse::Discourse;
use self::tokens::Tokens;
use self::worthiness::{Features, Support};
use crate::{AttributionKind, SourceKind, TextSpan};

/// The score from which a sentence is proposed as a claim.
pub const THRESHOLD: f64 = 0.5;

/// How many quoted words make a sentence with a speaker a direct quote.
const QUOTED_WORDS: usize = 4;

/// A sentence proposed as a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectedClaim {
    /// Where the sentence is in the body, in code points, end exclusive.
    pub span: TextSpan,
    /// The body's text at `span`: one sentence, trimmed.
    pub quote: String,
    /// How worth checking it is, from `0.0` to `1.0`.
    pub check_worthiness: f64,
    /// What kind of statement it makes.
    pub category: ClaimCategory,
    /// Who the article attributes it to, if anyone.
    pub source: Option<DetectedSource>,
    /// How the article attributes it.
    pub attribution: AttributionKind,
}

/// The sentences of `body` that score at least [`THRESHOLD`], in body order.
pub fn detect_claims(body: &str) -> Vec<DetectedClaim> {
    let mut claims = score_sentences(body);
    claims.retain(|claim| claim.check_worthiness >= THRESHOLD);
    claims
}

/// Every sentence of `body`, scored, in body order.
pub fn score_sentences(body: &str) -> Vec<DetectedClaim> {
    let sentences = sentences::split(body);
    let mut all: Vec<Tokens<'_>> = sentences
        .iter()
        .map(|sentence| Tokens::new(&body[sentence.bytes.clone()], sentence.starts_in_quote))
        .collect();
    let mut capitalised = HashSet::new();
    for (tokens, sentence) in all.iter().zip(&sentences) {
        if sentence.terminated {
            names::note_capitals(tokens, &mut capitalised);
        }
    }
    for tokens in &mut all {
        names::mark_common_capitals(tokens, &capitalised);
    }
    let mut discourse = Discourse::default();
    let mut readings = Vec::with_capacity(sentences.len());
    let mut sources = Vec::with_capacity(sentences.len());
    for (sentence, tokens) in sentences.iter().zip(&all) {
        let found = attribution::attribute(tokens);
        let said = found.subject.is_some();
        let (actors, mentioned) = if sentence.terminated {
            (actors(tokens), names::organisations_named(tokens))
        } else {
            (Vec::new(), Vec::new())
        };
        let source = found
            .subject
            .and_then(|subject| discourse.resolve(subject, &actors));
        discourse.observe(mentioned, actors, source.as_ref());
        sources.push(source);
        readings.push(Reading {
            features: Features::of(tokens, &found.tokens, sentence.terminated),
            said,
            according: found.according,
            direct: found.quoted_words >= QUOTED_WORDS
                && (said || found.quoted_words * 2 >= tokens.word_count()),
        });
    }
    let links: Vec<bool> = (1..sentences.len())
        .map(|i| {
            let (before, after) = (&sentences[i - 1], &sentences[i]);
            let continued = before.ends_in_quote && after.starts_in_quote;
            let quoted_again = before.paragraph == after.paragraph
                && readings[i - 1].direct
                && readings[i].direct
                && !readings[i].said;
            continued || quoted_again
        })
        .collect();
    let grouped = discourse::share_speakers(&links, &mut sources);
    sentences
        .iter()
        .zip(readings)
        .zip(sources.into_iter().zip(grouped))
        .map(|((sentence, reading), (source, grouped))| {
            let attribution = reading.attribution(source.as_ref(), grouped);
            let support = match &source {
                Some(source) if !source.name.starts_with("Unnamed ") => Support::Named,
                None if attribution == AttributionKind::Unattributed => Support::None,
                _ => Support::Unnamed,
            };
            DetectedClaim {
                span: sentence.span,
                quote: body[sentence.bytes.clone()].to_owned(),
                check_worthiness: worthiness::score(&reading.features, support),
                category: category::categorise(&reading.features, attribution),
                source,
                attribution,
            }
        })
        .collect()
}

/// Who a sentence is about: its subject and any partner joined to it.
fn actors(tokens: &Tokens<'_>) -> Vec<names::Named> {
    let mut actors: Vec<_> = subjects::main_subject(tokens).into_iter().collect();
    if let Some(partner) = actors
        .first()
        .and_then(|s| subjects::partner(tokens, s.tokens.end))
    {
        actors.push(partner);
    }
    actors
}

/// What the first pass learns about one sentence.
struct Reading {
    features: Features,
    said: bool,
    according: bool,
    /// A speaker's words in quotation marks, or a sentence that is mostly a quotation.
    direct: bool,
}

impl Reading {
    /// How the sentence is attributed, once its source is known.
    fn attribution(&self, source: Option<&DetectedSource>, grouped: bool) -> AttributionKind {
        if grouped || self.direct {
            AttributionKind::DirectQuote
        } else if !self.said {
            AttributionKind::Unattributed
        } else if !self.according && source.is_some_and(|s| s.kind == SourceKind::Person) {
            AttributionKind::Paraphrase
        } else {
            AttributionKind::Reported
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Harbour Fund Doubles Grants\n\n\
        Published May 2, 2024\n\n\
        The Kessling Harbour Fund gave out €2.4 million in grants last year, twice the 2022 \
        total, officials said on Monday. 🎉\n\n\
        Marta Lindqvist, the fund’s director, said the money reached 140 clubs. “We doubled \
        our reach. Next year we will open an office in Tromsø,” she added.\n\n\
        What does this mean for sailors?\n\n\
        Lindqvist noted that demand had risen since the ferry strike in March.";

    #[test]
    fn spans_are_code_points_of_trimmed_sentences() {
        let chars: Vec<char> = ARTICLE.chars().collect();
        let all = score_sentences(ARTICLE);
        assert_eq!(all.len(), 8);
        for claim in &all {
            let at: String = chars[claim.span.start..claim.span.end].iter().collect();
            assert_eq!(at, claim.quote);
            assert_eq!(claim.quote.trim(), claim.quote);
        }
        let last = all.last().unwrap();
        assert_eq!(last.span.end, chars.len());
    }

    #[test]
    fn claims_sources_and_attributions() {
        let claims = detect_claims(ARTICLE);
        let openings: Vec<String> = claims
            .iter()
            .map(|c| c.quote.chars().take(12).collect())
            .collect();
        let found: Vec<_> = claims
            .iter()
            .zip(&openings)
            .map(|(c, opening)| {
                let source = c.source.as_ref().map(|s| (s.name.as_str(), s.kind));
                (opening.as_str(), source, c.attribution)
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "The Kessling",
                    Some(("Unnamed officials", SourceKind::Unknown)),
                    AttributionKind::Reported
                ),
                (
                    "Marta Lindqv",
                    Some(("Marta Lindqvist", SourceKind::Person)),
                    AttributionKind::Paraphrase
                ),
                (
                    "“We doubled ",
                    Some(("Marta Lindqvist", SourceKind::Person)),
                    AttributionKind::DirectQuote
                ),
                (
                    "Next year we",
                    Some(("Marta Lindqvist", SourceKind::Person)),
                    AttributionKind::DirectQuote
                ),
                (
                    "Lindqvist no",
                    Some(("Marta Lindqvist", SourceKind::Person)),
                    AttributionKind::Paraphrase
                ),
            ]
        );
        assert_eq!(claims[0].category, ClaimCategory::Statistic);
        assert_eq!(claims[3].category, ClaimCategory::Prediction);
        assert_eq!(
            claims[1]
                .source
                .as_ref()
                .and_then(|s| s.description.as_deref()),
            Some("the fund’s director")
        );
    }

    #[test]
    fn first_words_and_definite_nouns_refer_to_the_right_source() {
        let article = "Shares of Velo Systems rose 9% on Monday after strong results. \
            Revenue from its cloud unit grew 31% to $1.9 billion, the company said. \
            The Reserve Bank of Leeds held rates at 4 percent on Tuesday. \
            Lending fell 12 percent in May, Harbor Point Capital said. \
            Roughly one in three loans is on a variable rate, the bank estimated in May.";
        let sources: Vec<_> = score_sentences(article)
            .into_iter()
            .map(|c| c.source.map(|s| s.name))
            .collect();
        assert_eq!(
            sources,
            [
                None,
                Some("Velo Systems".into()),
                None,
                Some("Harbor Point Capital".into()),
                Some("Reserve Bank of Leeds".into()),
            ]
        );
    }

    #[test]
    fn headings_and_questions_are_left_out() {
        let claims = detect_claims(ARTICLE);
        assert!(claims.iter().all(|c| !c.quote.starts_with("Published")));
        assert!(claims.iter().all(|c| !c.quote.ends_with('?')));
        assert!(
            claims
                .windows(2)
                .all(|pair| pair[0].span.end <= pair[1].span.start)
        );
    }

    #[test]
    fn empty_and_blank_bodies_have_no_claims() {
        assert!(detect_claims("").is_empty());
        assert!(score_sentences(" \n\n 🎉 ").is_empty());
    }

    #[test]
    fn detection_is_deterministic() {
        assert_eq!(detect_claims(ARTICLE), detect_claims(ARTICLE));
    }
}
