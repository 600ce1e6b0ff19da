//! Article bodies built from sentence templates, and the claims they make.
//!
//! Each claim's quote is cut from the body while the body is built, so its span (in Unicode
//! code points, end exclusive) is exact by construction.

use claimdesk_core::{AttributionKind, SourceKind, TextSpan, detect::ClaimCategory};

use super::{
    cast::{COMPANIES, FAMILY_NAMES, GIVEN_NAMES, Source, capitalized},
    random::Random,
    words::{BENCHMARKS, COUNTRIES, FACTS, FILLERS, GOODS, MODELS, MONTHS, PERIODS, TITLES},
};

/// A claim a sentence of the body makes.
#[derive(Debug, Clone)]
pub struct Quoted {
    /// The checkable statement.
    pub text: String,
    /// The words of the body it is taken from.
    pub quote: String,
    /// Where the quote stands in the body.
    pub span: TextSpan,
    /// How the sentence attributes it.
    pub attribution: AttributionKind,
    /// The index of its source in the pool.
    pub source: Option<usize>,
    /// What kind of statement it is.
    pub category: ClaimCategory,
}

/// A generated article.
#[derive(Debug, Clone)]
pub struct Story {
    /// The headline.
    pub title: String,
    /// Who wrote it.
    pub author: String,
    /// The body.
    pub body: String,
    /// The claims, as many as asked for; a sentence may carry more than one.
    pub claims: Vec<Quoted>,
}

/// The source pool, grouped by kind.
pub struct SourcePool<'a> {
    sources: &'a [Source],
    people: Vec<usize>,
    others: Vec<usize>,
}

impl<'a> SourcePool<'a> {
    /// Groups `sources`.
    pub fn new(sources: &'a [Source]) -> Self {
        let (people, others): (Vec<usize>, Vec<usize>) =
            (0..sources.len()).partition(|i| sources[*i].kind == SourceKind::Person);
        Self {
            sources,
            people,
            others,
        }
    }

    /// A source for a sentence attributed as `attribution`: mostly people for their own
    /// words, mostly organisations, governments and publications for reports.
    fn pick(&self, random: &mut Random, attribution: AttributionKind) -> usize {
        let person = match attribution {
            AttributionKind::DirectQuote => 0.8,
            AttributionKind::Paraphrase => 0.6,
            _ => 0.25,
        };
        if random.chance(person) || self.others.is_empty() {
            *random.pick(&self.people)
        } else {
            *random.pick(&self.others)
        }
    }
}

/// An article about chips, AI models and tariffs that makes `claims` claims.
pub fn story(random: &mut Random, pool: &SourcePool, claims: usize) -> Story {
    let sentences = claims.clamp(6, 48);
    let mut body = Body::default();
    let mut variants: Vec<[Quoted; 2]> = Vec::with_capacity(sentences);
    let mut in_paragraph = 0;
    for index in 0..sentences {
        if in_paragraph > 0 {
            body.push(if in_paragraph >= random.between(2, 4) {
                in_paragraph = 0;
                "\n\n"
            } else {
                " "
            });
        }
        if index > 0 && random.chance(0.3) {
            let filler = random.pick(&FILLERS);
            body.push(filler);
            body.push(" ");
        }
        variants.push(claim_sentence(random, pool, &mut body));
        in_paragraph += 1;
    }
    let flipped = random.below(2);
    let claims = (0..claims)
        .map(|i| variants[i % sentences][(i / sentences + flipped) % 2].clone())
        .collect();
    let title = *random.pick(&TITLES);
    Story {
        title: capitalized(&fill(random, title)),
        author: format!(
            "{} {}",
            random.pick(&GIVEN_NAMES),
            random.pick(&FAMILY_NAMES)
        ),
        body: body.text,
        claims,
    }
}

/// Writes one sentence that makes a claim, and returns two claims on it: one quoting the
/// statement, one quoting the whole sentence.
fn claim_sentence(random: &mut Random, pool: &SourcePool, body: &mut Body) -> [Quoted; 2] {
    let (template, category) = *random.pick(&FACTS);
    let fact = fill(random, template);
    let statement = capitalized(&fact);
    let attribution = random.weighted(&[
        (AttributionKind::DirectQuote, 25),
        (AttributionKind::Paraphrase, 25),
        (AttributionKind::Reported, 30),
        (AttributionKind::Unattributed, 20),
    ]);
    let source =
        (attribution != AttributionKind::Unattributed).then(|| pool.pick(random, attribution));
    let mention = source.map_or("", |s| pool.sources[s].mention.as_str());
    let subject = if mention.contains(", ") {
        format!("{},", capitalized(mention))
    } else {
        capitalized(mention)
    };
    // The sentence is (before, quoted words, after).
    let (before, quoted, after) = match (attribution, random.below(3)) {
        (AttributionKind::DirectQuote, 0) => (
            "“".to_owned(),
            statement.clone(),
            format!(",” said {mention}."),
        ),
        (AttributionKind::DirectQuote, 1) => (
            format!("{subject} said: “"),
            format!("{statement}."),
            "”".to_owned(),
        ),
        (AttributionKind::DirectQuote, _) => (
            "“".to_owned(),
            statement.clone(),
            format!(",” {mention} told reporters."),
        ),
        (AttributionKind::Paraphrase, 0) => (format!("{subject} said "), fact, ".".to_owned()),
        (AttributionKind::Paraphrase, 1) => {
            (format!("{subject} argued that "), fact, ".".to_owned())
        }
        (AttributionKind::Paraphrase, _) => (
            format!("{subject} told investors that "),
            fact,
            ".".to_owned(),
        ),
        (AttributionKind::Reported, 0) => {
            (format!("According to {mention}, "), fact, ".".to_owned())
        }
        (AttributionKind::Reported, 1) => {
            (format!("{subject} reported that "), fact, ".".to_owned())
        }
        (AttributionKind::Reported, _) => (
            String::new(),
            statement.clone(),
            format!(", {mention} said in a statement."),
        ),
        (AttributionKind::Unattributed, _) => (String::new(), statement.clone(), ".".to_owned()),
    };
    let sentence_start = body.chars;
    body.push(&before);
    let quote_start = body.chars;
    body.push(&quoted);
    let quote_end = body.chars;
    body.push(&after);
    let category = match category {
        ClaimCategory::Event | ClaimCategory::Opinion
            if attribution == AttributionKind::DirectQuote =>
        {
            ClaimCategory::Quote
        }
        category => category,
    };
    let claim = |quote: String, start: usize, end: usize| Quoted {
        text: format!("{statement}."),
        quote,
        span: TextSpan { start, end },
        attribution,
        source,
        category,
    };
    let sentence = format!("{before}{quoted}{after}");
    [
        claim(quoted, quote_start, quote_end),
        claim(sentence, sentence_start, body.chars),
    ]
}

/// `template` with each `{slot}` filled at random.
fn fill(random: &mut Random, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let company = random.below(COMPANIES.len());
    let country = random.below(COUNTRIES.len());
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("a closed slot");
        let value = match &rest[open + 1..close] {
            "company" => COMPANIES[company].to_owned(),
            "company2" => COMPANIES
                [(company + 1 + random.below(COMPANIES.len() - 1)) % COMPANIES.len()]
            .to_owned(),
            "country" => COUNTRIES[country].to_owned(),
            "country2" => COUNTRIES
                [(country + 1 + random.below(COUNTRIES.len() - 1)) % COUNTRIES.len()]
            .to_owned(),
            "model" => (*random.pick(&MODELS)).to_owned(),
            "goods" => (*random.pick(&GOODS)).to_owned(),
            "period" => (*random.pick(&PERIODS)).to_owned(),
            "month" => (*random.pick(&MONTHS)).to_owned(),
            "benchmark" => (*random.pick(&BENCHMARKS)).to_owned(),
            "pct" => random.between(3, 95).to_string(),
            "n" => random.between(2, 900).to_string(),
            "year" => random.between(2026, 2030).to_string(),
            slot => unreachable!("unknown slot {slot}"),
        };
        out.push_str(&value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A body being written, with its length in code points.
#[derive(Default)]
struct Body {
    text: String,
    chars: usize,
}

impl Body {
    fn push(&mut self, piece: &str) {
        self.text.push_str(piece);
        self.chars += piece.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use claimdesk_core::anchor::verify_quote;

    use super::*;
    use crate::demo_data::cast::sources;

    #[test]
    fn every_quote_stands_at_its_span() {
        let pool = sources(40);
        let pool = SourcePool::new(&pool);
        for seed in 0..50 {
            let mut random = Random::new(seed);
            let story = story(&mut random, &pool, 70);
            assert_eq!(story.claims.len(), 70);
            for claim in &story.claims {
                assert_eq!(verify_quote(&story.body, &claim.quote, claim.span), Ok(()));
                assert_eq!(
                    claim.source.is_none(),
                    claim.attribution == AttributionKind::Unattributed
                );
            }
        }
    }
}
