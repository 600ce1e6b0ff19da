//! How fast the claim detector reads news text, on one thread.
//!
//! About 5 MB of English news-like text is built deterministically (a fixed-seed generator
//! recombines sentence templates with varying names, organisations, numbers, dates and
//! quotations, so that no two articles are alike), then every article is run through
//! `detect_claims` in turn. The report gives MB/s and words/s for the best and the median of
//! a few rounds. Run with `cargo bench -p claimdesk-core --bench detect`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk_core::detect::detect_claims;

/// How much text to build.
const TARGET_BYTES: usize = 5 * 1024 * 1024;

/// How many timed rounds over the whole text.
const ROUNDS: usize = 5;

/// Given names.
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Aisha", "Kenji", "Olga", "Pedro", "Fatima", "Liam", "Chen", "Ingrid",
    "Tomás", "Priya", "Dmitri", "Grace", "Yusuf", "Hannah", "Mateo", "Zoë", "Kwame", "Sofia",
];
/// Family names.
#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Lindqvist", "Okafor", "Marquez", "Tanaka", "Novak", "Haddad", "Brennan", "Kowalski", "Achebe",
    "Moreau", "Schultz", "Ivanova", "Castillo", "Nakamura", "O’Neill", "Rahman",
];
/// Organisations and public bodies.
#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "Harbor Point Capital", "Brill Motors", "Kessling Group", "Northgate Bank", "Velo Systems",
    "Orbex Technologies", "the Riverton City Council", "the Ministry of Transport",
    "Solent University", "Cykla Holdings", "the National Statistics Office", "Meridian Labs",
];
/// Roles for appositions.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "a senior economist", "the chief executive", "a spokesperson", "a professor of economics",
    "the finance director", "a researcher", "the head of policy", "a board member",
];
/// Places, some with non-ASCII letters.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Riverton", "Lisbon", "Nairobi", "Osaka", "Tromsø", "Montréal", "Gdańsk", "Bogotá", "Leeds",
    "Adelaide", "Chennai", "Rotterdam",
];
/// What the stories are about.
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "housing", "transport", "energy prices", "the water supply", "school funding",
    "broadband access", "hospital waiting lists", "the ferry network", "youth employment",
];
/// Month names.
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
/// Day names.
#[rustfmt::skip]
const DAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
];
/// Reporting verbs.
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "said", "noted", "warned", "added", "suggested", "explained", "argued",
];

/// A fixed-seed xorshift generator: the same text every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let len = u64::try_from(items.len()).unwrap();
        items[usize::try_from(self.below(len)).unwrap()]
    }
}

/// One sentence (or a few, for a quotation), from a template.
fn sentence(rng: &mut Rng, person: &str) -> String {
    let org = rng.pick(ORGANISATIONS);
    let place = rng.pick(PLACES);
    let topic = rng.pick(TOPICS);
    let (a, b, c) = (rng.below(90) + 2, rng.below(900) + 10, rng.below(10));
    let year = 1995 + rng.below(31);
    match rng.below(14) {
        0 => format!(
            "{org} reported revenue of ${a}.{c} billion for the year, up {b} percent from {year}."
        ),
        1 => format!(
            "“We expect {topic} to improve by {year}. The figures speak for themselves,” said \
             {person}, {}.",
            rng.pick(ROLES)
        ),
        2 => format!(
            "{person} {} that spending on {topic} had risen to €{b} million.",
            rng.pick(VERBS)
        ),
        3 => format!("The vote in {place} on {} was {a} to {c}.", rng.pick(DAYS)),
        4 => format!(
            "According to {org}, fewer than {b} households in {place} had access to {topic} in {}.",
            rng.pick(MONTHS)
        ),
        5 => format!("It was a long week for residents of {place}."),
        6 => format!("What happens to {topic} now?"),
        7 => format!(
            "Analysts at {org} estimated that {topic} costs would climb {a}% by {}, from {c}.{a} \
             percent in {year}.",
            year + 5
        ),
        8 => format!(
            "He {} that the plan “may not be enough” for {place}.",
            rng.pick(VERBS)
        ),
        9 => format!(
            "Officials in {place} said on {} that {a} new sites, worth £{b}m, would open in {}.",
            rng.pick(DAYS),
            rng.pick(MONTHS)
        ),
        10 => format!(
            "Critics say the U.S. approach to {topic} is unfair, and Mr. {} agrees.",
            rng.pick(SURNAMES)
        ),
        11 => format!(
            "The {topic} plan, first proposed in {year}, takes effect on {} {}.",
            rng.pick(MONTHS),
            c + 1
        ),
        12 => "Share this story with your friends 🎉.".to_owned(),
        _ => format!(
            "Since {year}, {org} has cut {b} jobs in {place}, less than {c} percent of its staff."
        ),
    }
}

/// One article: a headline, a dateline and a dozen short paragraphs.
fn article(rng: &mut Rng) -> String {
    let mut text = format!(
        "{} Faces Questions Over {}\n\nPublished {} {}, {}\n\n",
        rng.pick(PLACES),
        rng.pick(TOPICS),
        rng.pick(MONTHS),
        rng.below(28) + 1,
        2000 + rng.below(26)
    );
    let person = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
    for _ in 0..8 + rng.below(8) {
        for _ in 0..=rng.below(3) {
            text.push_str(&sentence(rng, &person));
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

fn main() {
    let mut rng = Rng(0x5eed_c1a1_3d0c_u64);
    let mut articles = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        let text = article(&mut rng);
        bytes += text.len();
        articles.push(text);
    }
    let words: usize = articles.iter().map(|a| a.split_whitespace().count()).sum();
    let claims: usize = articles.iter().map(|a| detect_claims(a).len()).sum();

    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            for text in &articles {
                black_box(detect_claims(black_box(text)));
            }
            started.elapsed()
        })
        .collect();
    times.sort();

    #[allow(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
    let (megabytes, words) = (bytes as f64 / 1e6, words as f64);
    println!(
        "detect_claims: {} articles, {megabytes:.2} MB, {words:.0} words, {claims} claims, \
         one thread, {ROUNDS} rounds",
        articles.len()
    );
    for (label, time) in [("best", times[0]), ("median", times[ROUNDS / 2])] {
        let seconds = time.as_secs_f64();
        println!(
            "  {label:<6} {:>8.1} ms  {:>6.2} MB/s  {:>10.0} words/s",
            seconds * 1e3,
            megabytes / seconds,
            words / seconds
        );
    }
}
