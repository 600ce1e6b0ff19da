//! How well the claim detector finds hand-curated claims, and who it says made them.
//!
//! The articles measured are the seed article (`seeds/deepseek-2025-02-03.txt`, with the
//! curated claims of `seeds/deepseek-2025-02-03.json`), two short articles written for this
//! test, and four more written later to probe generalisation (`unseen`, with their bodies in
//! `tests/articles/`), each with its expected claims marked by hand. Run with
//! `cargo test -p claimdesk-core --test detection_eval -- --nocapture` to see the figures.
//!
//! # The measures
//!
//! - A detection *matches* an expected claim when their code-point spans overlap.
//! - Recall: expected claims matched by at least one detection, over expected claims.
//! - Precision: detections that overlap at least one expected claim, over detections.
//! - F1: the harmonic mean of the two.
//! - Attribution accuracy, over the matched expected claims: the detection that overlaps the
//!   expected claim most must name its source, compared case-insensitively, except that:
//!   - "The article" (the article's own voice) needs a detection with no source and the
//!     `UNATTRIBUTED` attribution;
//!   - an "Unnamed …" source ("Unnamed experts", "Unnamed reports") is matched by a detection
//!     with no source or with any unnamed source (the detector names those "Unnamed <noun>"):
//!     an unnamed source has no name to get right;
//!   - an expected source may list alternative names of the same source, split by `|`.
//! - Kind accuracy, over the claims attributed to their expected named source: the detected
//!   source's kind must be the expected kind.

use std::fmt::Write as _;
use std::ops::Range;

use claimdesk_core::SourceKind::{Government, Organization, Person, Publication};
use claimdesk_core::detect::{DetectedClaim, detect_claims, score_sentences};
use claimdesk_core::{AttributionKind, SourceKind, TextSpan};
use serde::Deserialize;

use self::unseen::Mark;

#[path = "detection_eval/unseen.rs"]
mod unseen;

/// The seed's own-voice source.
const THE_ARTICLE: &str = "The article";

/// The curated claims file, as far as this test reads it.
#[derive(Deserialize)]
struct Seed {
    sources: Vec<SeedSource>,
    claims: Vec<SeedClaim>,
}

#[derive(Deserialize)]
struct SeedSource {
    name: String,
    kind: String,
}

#[derive(Deserialize)]
struct SeedClaim {
    quote: String,
    start: usize,
    end: usize,
    source: String,
}

/// A claim the detector should find.
struct Expected {
    span: TextSpan,
    source: String,
    /// The source's kind, when the source is named.
    kind: Option<SourceKind>,
}

/// The figures for one article.
struct Report {
    detections: usize,
    expected: usize,
    recalled: usize,
    precise: usize,
    attributed: usize,
    kinds_checked: usize,
    kinds_right: usize,
    details: String,
}

impl Report {
    fn recall(&self) -> f64 {
        ratio(self.recalled, self.expected)
    }

    fn precision(&self) -> f64 {
        ratio(self.precise, self.detections)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn attribution_accuracy(&self) -> f64 {
        ratio(self.attributed, self.recalled)
    }

    fn kind_accuracy(&self) -> f64 {
        ratio(self.kinds_right, self.kinds_checked)
    }

    /// The counts of several articles, pooled.
    fn pooled(reports: &[Report]) -> Report {
        let sum = |count: fn(&Report) -> usize| reports.iter().map(count).sum();
        Report {
            detections: sum(|r| r.detections),
            expected: sum(|r| r.expected),
            recalled: sum(|r| r.recalled),
            precise: sum(|r| r.precise),
            attributed: sum(|r| r.attributed),
            kinds_checked: sum(|r| r.kinds_checked),
            kinds_right: sum(|r| r.kinds_right),
            details: String::new(),
        }
    }

    fn print(&self, title: &str) {
        println!("== {title}");
        print!("{}", self.details);
        println!(
            "precision {:.3} ({}/{}), recall {:.3} ({}/{}), F1 {:.3}, attribution accuracy {:.3} \
             ({}/{}), kind accuracy {:.3} ({}/{})\n",
            self.precision(),
            self.precise,
            self.detections,
            self.recall(),
            self.recalled,
            self.expected,
            self.f1(),
            self.attribution_accuracy(),
            self.attributed,
            self.recalled,
            self.kind_accuracy(),
            self.kinds_right,
            self.kinds_checked,
        );
    }
}

#[allow(clippy::cast_precision_loss, reason = "counts of claims are small")]
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn overlap(a: TextSpan, b: TextSpan) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Whether the detection attributes the claim to the expected source (see the module docs).
fn source_matches(expected: &str, claim: &DetectedClaim) -> bool {
    let unnamed = |name: &str| name.to_lowercase().starts_with("unnamed");
    match &claim.source {
        _ if expected == THE_ARTICLE => {
            claim.source.is_none() && claim.attribution == AttributionKind::Unattributed
        }
        None => unnamed(expected),
        Some(source) if unnamed(expected) => unnamed(&source.name),
        Some(source) => expected
            .split('|')
            .any(|name| source.name.to_lowercase() == name.to_lowercase()),
    }
}

fn evaluate(body: &str, expected: &[Expected]) -> Report {
    let detected = detect_claims(body);
    let mut details = String::new();
    let mut recalled = 0;
    let mut attributed = 0;
    let (mut kinds_checked, mut kinds_right) = (0, 0);
    for claim in expected {
        let best = detected
            .iter()
            .filter(|d| overlap(d.span, claim.span) > 0)
            .max_by_key(|d| overlap(d.span, claim.span));
        let Some(best) = best else {
            let _ = writeln!(
                details,
                "  MISSED   [{}..{}] ({})",
                claim.span.start, claim.span.end, claim.source
            );
            continue;
        };
        recalled += 1;
        if source_matches(&claim.source, best) {
            attributed += 1;
            if let (Some(kind), Some(source)) = (claim.kind, &best.source) {
                kinds_checked += 1;
                if source.kind == kind {
                    kinds_right += 1;
                } else {
                    let _ = writeln!(
                        details,
                        "  WRONG KIND [{}..{}] {:?}: expected {kind}, got {}",
                        claim.span.start, claim.span.end, source.name, source.kind
                    );
                }
            }
        } else {
            let got = best.source.as_ref().map_or("none", |s| s.name.as_str());
            let _ = writeln!(
                details,
                "  WRONG SOURCE [{}..{}] expected {:?}, got {got:?} ({})",
                claim.span.start, claim.span.end, claim.source, best.attribution
            );
        }
    }
    let precise = detected
        .iter()
        .filter(|d| expected.iter().any(|e| overlap(d.span, e.span) > 0))
        .count();
    for claim in score_sentences(body) {
        let hit = expected.iter().any(|e| overlap(claim.span, e.span) > 0);
        let source = claim
            .source
            .as_ref()
            .map_or(String::new(), |s| format!(" <{}: {}>", s.kind, s.name));
        let _ = writeln!(
            details,
            "  {:.2} {} {:<10} {:<12}{source} {}",
            claim.check_worthiness,
            if hit { "*" } else { " " },
            claim.category.as_ref(),
            claim.attribution.as_ref(),
            shorten(&claim.quote),
        );
    }
    Report {
        detections: detected.len(),
        expected: expected.len(),
        recalled,
        precise,
        attributed,
        kinds_checked,
        kinds_right,
        details,
    }
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(70).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short.replace('\n', " ")
}

fn code_points(body: &str, bytes: Range<usize>) -> TextSpan {
    let start = body[..bytes.start].chars().count();
    TextSpan {
        start,
        end: start + body[bytes].chars().count(),
    }
}

#[test]
fn the_seed_article() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let body = std::fs::read_to_string(format!("{dir}/deepseek-2025-02-03.txt")).unwrap();
    let seed: Seed = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/deepseek-2025-02-03.json")).unwrap(),
    )
    .unwrap();
    let chars: Vec<char> = body.chars().collect();
    let expected: Vec<Expected> = seed
        .claims
        .iter()
        .map(|claim| {
            let at: String = chars[claim.start..claim.end].iter().collect();
            assert_eq!(
                at, claim.quote,
                "the seed's span of {:?} is off",
                claim.quote
            );
            let kind = seed
                .sources
                .iter()
                .find(|s| s.name == claim.source)
                .map(|s| s.kind.parse::<SourceKind>().expect("a source kind"))
                .filter(|_| claim.source != THE_ARTICLE && !claim.source.starts_with("Unnamed"));
            Expected {
                span: TextSpan {
                    start: claim.start,
                    end: claim.end,
                },
                source: claim.source.clone(),
                kind,
            }
        })
        .collect();
    let report = evaluate(&body, &expected);
    report.print("seed article: deepseek-2025-02-03");
    assert_reaches("recall", report.recall(), 0.9);
    assert_reaches("precision", report.precision(), 0.7);
    assert_reaches("attribution", report.attribution_accuracy(), 0.8);
}

/// A short article on another topic, with curly quotes and an emoji.
const CITY_BUDGET: &str = "Riverton Council Passes Record Budget

By Dana Whitfield

March 13, 2024

The Riverton City Council on Tuesday approved a $412 million budget for the coming fiscal year, an increase of 6.5 percent over last year’s spending.

The vote was 7 to 2.

Mayor Elena Marquez, who proposed the plan in January, said the budget “puts neighbourhoods first.” She added that the city will hire 45 police officers and open two branch libraries by 2026.

According to the Riverton Finance Department, property tax revenue rose to $188 million in 2023, up from $171 million two years earlier.

Councillor David Okafor, one of the two members who voted against the plan, warned that the city was “borrowing from the future to pay for the present.” He said debt payments would climb to 11 percent of the general fund by 2027.

“We cannot keep raising fees on families. Water rates alone have gone up 30 percent since 2020,” said Okafor, a former accountant.

Analysts at Harbor Point Capital estimated that Riverton will end the year with a surplus of about $3 million.

It was a long night at City Hall. 🏛️

Residents packed the chamber for more than four hours of public comment.

What happens next?

Critics say the plan does too little for housing.

The budget takes effect on July 1.

Share this story with your friends.
";

/// The sentences of [`CITY_BUDGET`] worth checking, with their sources, marked by hand.
const CITY_BUDGET_CLAIMS: &[Mark] = &[
    (
        "The Riverton City Council on Tuesday approved a $412 million budget",
        THE_ARTICLE,
        None,
    ),
    ("The vote was 7 to 2.", THE_ARTICLE, None),
    (
        "Mayor Elena Marquez, who proposed the plan in January, said",
        "Elena Marquez",
        Some(Person),
    ),
    (
        "She added that the city will hire 45 police officers",
        "Elena Marquez",
        Some(Person),
    ),
    (
        "According to the Riverton Finance Department, property tax revenue",
        "Riverton Finance Department",
        Some(Government),
    ),
    (
        "Councillor David Okafor, one of the two members who voted against",
        "David Okafor",
        Some(Person),
    ),
    (
        "He said debt payments would climb to 11 percent",
        "David Okafor",
        Some(Person),
    ),
    (
        "Water rates alone have gone up 30 percent since 2020",
        "David Okafor",
        Some(Person),
    ),
    (
        "Analysts at Harbor Point Capital estimated that",
        "Harbor Point Capital analysts",
        Some(Organization),
    ),
    (
        "Residents packed the chamber for more than four hours",
        THE_ARTICLE,
        None,
    ),
    ("The budget takes effect on July 1.", THE_ARTICLE, None),
];

#[test]
fn an_article_on_another_topic() {
    evaluate_hand_marked(
        "hand-written article: city budget",
        CITY_BUDGET,
        CITY_BUDGET_CLAIMS,
    );
}

/// A second article on a third topic, written after the detector's weights were set:
/// British spelling, straight quotes, "Mr.", a caption and a question. Its first run scored
/// precision 1.0, recall 1.0 and attribution 0.78; the two misattributions exposed general
/// bugs (a dateline taken for an organisation, "The" dropped from "The Athletic", "the club"
/// not referring to the sentence's own subject), which were fixed, not special-cased.
const TRANSFER: &str = r#"Transfer News

Harlow United sign striker Tomás Varga in club-record deal

Updated 6 August 2024, 18:05 BST

Harlow United have signed Hungarian striker Tomás Varga from Dinamo Zagreb for a club-record fee of £38m, the club announced on Monday.

The 24-year-old has agreed a five-year contract with the Premier League side, with an option for a further year.

Varga scored 27 goals in 41 appearances last season, more than any other player in the Croatian top flight.

"He is exactly the type of forward we have been chasing for two years," said manager Rob Ellison. "His movement is world class."

Ellison added that Varga would go straight into the squad for Saturday's opening match against Leeds.

According to The Athletic, Harlow beat competition from two Bundesliga clubs for the signing.

Is this the deal that finally ends the club's goal drought?

Dinamo Zagreb said in a statement that the fee was the largest in the club's history.

Supporters will hope so. Harlow managed only 39 league goals last term, the fewest of any team outside the relegation zone.

Mr. Ellison, who joined from Brentford in 2022, has spent more than £150m on new players since his arrival.

Photo: Varga during his medical at the club's training ground.

Follow our live transfer blog for all the latest news.
"#;

/// The sentences of [`TRANSFER`] worth checking, with their sources, marked by hand.
const TRANSFER_CLAIMS: &[Mark] = &[
    (
        "Harlow United have signed Hungarian striker",
        "Harlow United",
        Some(Organization),
    ),
    (
        "The 24-year-old has agreed a five-year contract",
        THE_ARTICLE,
        None,
    ),
    (
        "Varga scored 27 goals in 41 appearances last season",
        THE_ARTICLE,
        None,
    ),
    (
        "\"He is exactly the type of forward",
        "Rob Ellison",
        Some(Person),
    ),
    (
        "Ellison added that Varga would go straight into the squad",
        "Rob Ellison",
        Some(Person),
    ),
    (
        "According to The Athletic, Harlow beat competition",
        "The Athletic",
        Some(Publication),
    ),
    (
        "Dinamo Zagreb said in a statement that the fee",
        "Dinamo Zagreb",
        Some(Organization),
    ),
    (
        "Harlow managed only 39 league goals last term",
        THE_ARTICLE,
        None,
    ),
    (
        "Mr. Ellison, who joined from Brentford in 2022, has spent",
        THE_ARTICLE,
        None,
    ),
];

#[test]
fn an_unseen_article_on_a_third_topic() {
    evaluate_hand_marked(
        "hand-written article: football transfer",
        TRANSFER,
        TRANSFER_CLAIMS,
    );
}

#[test]
fn unseen_articles_in_four_domains() {
    let articles: [(&str, &str, &[Mark]); 4] = [
        (
            "central bank",
            unseen::CENTRAL_BANK,
            unseen::CENTRAL_BANK_CLAIMS,
        ),
        (
            "dementia study",
            unseen::DEMENTIA_STUDY,
            unseen::DEMENTIA_STUDY_CLAIMS,
        ),
        (
            "nurses plan",
            unseen::NURSES_PLAN,
            unseen::NURSES_PLAN_CLAIMS,
        ),
        (
            "company results",
            unseen::BRIGHTWAVE_RESULTS,
            unseen::BRIGHTWAVE_RESULTS_CLAIMS,
        ),
    ];
    let reports: Vec<Report> = articles
        .iter()
        .map(|&(label, article, claims)| {
            let report = evaluate(article, &hand_marked(article, claims));
            report.print(&format!("unseen article: {label}"));
            report
        })
        .collect();
    let pooled = Report::pooled(&reports);
    pooled.print("unseen articles, pooled");
    assert_reaches("pooled recall", pooled.recall(), 0.9);
    assert_reaches("pooled precision", pooled.precision(), 0.7);
    assert_reaches("pooled attribution", pooled.attribution_accuracy(), 0.8);
    assert_reaches("pooled kind accuracy", pooled.kind_accuracy(), 0.8);
    for (report, (label, ..)) in reports.iter().zip(&articles) {
        assert_hand_marked_targets(label, report);
    }
}

/// The expected claims of `article`, from marks giving their exact text.
fn hand_marked(article: &str, claims: &[Mark]) -> Vec<Expected> {
    claims
        .iter()
        .map(|&(text, source, kind)| {
            let at = article
                .find(text)
                .unwrap_or_else(|| panic!("{text:?} is not in the article"));
            Expected {
                span: code_points(article, at..at + text.len()),
                source: source.to_owned(),
                kind,
            }
        })
        .collect()
}

/// Evaluates the detector on `article`, prints the report, and checks the looser targets set
/// for one short article written by hand, where a single miss weighs heavily.
fn evaluate_hand_marked(label: &str, article: &str, claims: &[Mark]) {
    let report = evaluate(article, &hand_marked(article, claims));
    report.print(label);
    assert_hand_marked_targets(label, &report);
}

fn assert_hand_marked_targets(label: &str, report: &Report) {
    assert_reaches(&format!("{label}: recall"), report.recall(), 0.8);
    assert_reaches(&format!("{label}: precision"), report.precision(), 0.7);
    assert_reaches(
        &format!("{label}: attribution"),
        report.attribution_accuracy(),
        0.7,
    );
}

/// Checks that `measure` reaches `target`, naming it with its value when it does not.
#[track_caller]
fn assert_reaches(measure: &str, value: f64, target: f64) {
    assert!(value >= target, "{measure} {value:.3}");
}
