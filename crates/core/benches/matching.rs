//! How fast claim matching prepares and compares claims, on one thread.
//!
//! The texts are the sentences of the labelled matching pairs (`tests/matching_eval/*.tsv`,
//! some 400 claims across topics). The bench measures how many fingerprints it builds per
//! second (the cost ingestion pays once per claim) and how many prepared fingerprints it
//! compares per second (the cost of re-ranking candidates), and gives the time to re-rank a
//! candidate set of 200 claims. Each figure is the best and the median of a few rounds. Run
//! with `cargo bench -p claimdesk-core --bench matching`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk_core::matching::{Fingerprint, compare_prepared};

/// How many timed rounds.
const ROUNDS: usize = 7;

/// The size of a candidate set re-ranked for one match.
const CANDIDATES: usize = 200;

/// Every claim text of the labelled pairs.
fn texts() -> Vec<String> {
    let sets = [
        include_str!("../tests/matching_eval/dev.tsv"),
        include_str!("../tests/matching_eval/held_out.tsv"),
    ];
    let mut texts: Vec<String> = Vec::new();
    for line in sets.iter().flat_map(|set| set.lines().skip(1)) {
        for text in line.split('\t').skip(2) {
            if !texts.iter().any(|t| t == text) {
                texts.push(text.to_owned());
            }
        }
    }
    texts
}

/// The best and the median of `rounds`.
fn best_and_median(mut rounds: Vec<Duration>) -> (Duration, Duration) {
    rounds.sort();
    (rounds[0], rounds[rounds.len() / 2])
}

/// Items per second for `count` items in `time`.
fn rate(count: usize, time: Duration) -> f64 {
    f64::from(u32::try_from(count).unwrap()) / time.as_secs_f64()
}

fn main() {
    let texts = texts();
    let mut rounds = Vec::new();
    let mut prints = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        prints = texts
            .iter()
            .map(|t| Fingerprint::new(black_box(t)))
            .collect();
        rounds.push(start.elapsed());
    }
    let (best, median) = best_and_median(rounds);
    println!(
        "fingerprints: {} texts; best {:.0}/s, median {:.0}/s",
        texts.len(),
        rate(texts.len(), best),
        rate(texts.len(), median)
    );

    let mut rounds = Vec::new();
    let comparisons = prints.len() * prints.len();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut total = 0.0;
        for a in &prints {
            for b in &prints {
                total += compare_prepared(black_box(a), black_box(b)).score;
            }
        }
        black_box(total);
        rounds.push(start.elapsed());
    }
    let (best, median) = best_and_median(rounds);
    let per_second = rate(comparisons, median);
    println!(
        "comparisons of prepared fingerprints: {comparisons}; best {:.0}/s, median {per_second:.0}/s; \
         re-ranking {CANDIDATES} candidates: {:.3} ms (median)",
        rate(comparisons, best),
        f64::from(u32::try_from(CANDIDATES).unwrap()) / per_second * 1e3
    );
}
