//! How well claim matching tells copies of a claim from near-misses, on labelled pairs.
//!
//! The pairs are in `tests/matching_eval/`, one per line: a label, a kind and the two texts,
//! tab-separated. They were written before the matcher was tuned, across newsroom topics (AI,
//! budgets, health, elections, climate, sport, economy, housing, transport, crime):
//! - `same`: one claim as two articles or sources put it (reworded, reordered, numbers
//!   written differently, shortened, credited to someone else);
//! - `near`: a near-miss, the claim with one thing changed (a number, a year, a name, a
//!   negation, a hedge, a direction, a bound, the subject);
//! - `other`: another claim on the same topic.
//!
//! `dev.tsv` is the set the matcher was tuned on; `held_out.tsv` was written at the same time
//! and only measured at the end, to estimate how the matcher does on text it was not tuned
//! to. Run with `cargo test -p claimdesk-core --test matching_eval -- --nocapture` to see the
//! figures, and with `MATCHING_EVAL_DETAILS=1` to list the dev pairs it gets wrong.
//!
//! # The measures
//!
//! - Precision at a threshold: of the pairs scoring at or above it, the share that are `same`.
//! - Recall at the suggest threshold: of the `same` pairs, the share scoring at or above it.
//! - Near-misses suggested: of the `near` pairs, the share scoring at or above suggest.

use claimdesk_core::matching::{DEFAULT_CONFIRM, DEFAULT_SUGGEST, compare};

/// One labelled pair.
struct Pair {
    label: String,
    kind: String,
    a: String,
    b: String,
}

/// The figures for one set.
#[derive(Debug)]
struct Figures {
    pairs: usize,
    suggest_precision: f64,
    suggest_recall: f64,
    confirm_precision: f64,
    confirmed: usize,
    near_suggested: f64,
}

fn read(tsv: &str) -> Vec<Pair> {
    tsv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "a pair needs four fields: {line}");
            assert!(
                ["same", "near", "other"].contains(&fields[0]),
                "unknown label: {line}"
            );
            Pair {
                label: fields[0].to_owned(),
                kind: fields[1].to_owned(),
                a: fields[2].to_owned(),
                b: fields[3].to_owned(),
            }
        })
        .collect()
}

/// The share `part` of `whole`, or 1 when there is nothing to share.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        f64::from(u32::try_from(part).unwrap()) / f64::from(u32::try_from(whole).unwrap())
    }
}

fn measure(name: &str, pairs: &[Pair], details: bool) -> Figures {
    let mut suggested_same = 0;
    let mut suggested = 0;
    let mut confirmed_same = 0;
    let mut confirmed = 0;
    let mut near_suggested = 0;
    for pair in pairs {
        let found = compare(&pair.a, &pair.b);
        let reverse = compare(&pair.b, &pair.a);
        assert!(
            (found.score - reverse.score).abs() < 1e-9,
            "not symmetric: {} / {}",
            pair.a,
            pair.b
        );
        let same = pair.label == "same";
        let is_suggested = found.score >= DEFAULT_SUGGEST;
        if is_suggested {
            suggested += 1;
            suggested_same += usize::from(same);
            near_suggested += usize::from(pair.label == "near");
        }
        if found.score >= DEFAULT_CONFIRM {
            confirmed += 1;
            confirmed_same += usize::from(same);
        }
        let wrong = same != is_suggested || (!same && found.score >= DEFAULT_CONFIRM);
        if details && wrong {
            println!(
                "  {} {} {:.3}\n    {}\n    {}\n    {:?}",
                pair.label, pair.kind, found.score, pair.a, pair.b, found.reasons
            );
        }
    }
    let same = pairs.iter().filter(|p| p.label == "same").count();
    let near = pairs.iter().filter(|p| p.label == "near").count();
    let figures = Figures {
        pairs: pairs.len(),
        suggest_precision: share(suggested_same, suggested),
        suggest_recall: share(suggested_same, same),
        confirm_precision: share(confirmed_same, confirmed),
        confirmed,
        near_suggested: share(near_suggested, near),
    };
    println!(
        "{name}: {} pairs ({same} same, {near} near-misses); at suggest {DEFAULT_SUGGEST}: \
         precision {:.3}, recall {:.3}; at confirm {DEFAULT_CONFIRM}: precision {:.3} over {} \
         pairs; near-misses suggested {:.3}",
        figures.pairs,
        figures.suggest_precision,
        figures.suggest_recall,
        figures.confirm_precision,
        figures.confirmed,
        figures.near_suggested,
    );
    figures
}

/// The targets of the issue: precision ≥ 0.9 and recall ≥ 0.85 at suggest, precision ≥ 0.98
/// at confirm, at most 5% of near-misses suggested.
fn assert_targets(figures: &Figures) {
    assert!(figures.suggest_precision >= 0.9, "{figures:?}");
    assert!(figures.suggest_recall >= 0.85, "{figures:?}");
    assert!(figures.confirm_precision >= 0.98, "{figures:?}");
    assert!(figures.near_suggested <= 0.05, "{figures:?}");
}

#[test]
fn dev_set_meets_the_targets() {
    let pairs = read(include_str!("matching_eval/dev.tsv"));
    assert!(pairs.len() >= 150);
    let details = std::env::var_os("MATCHING_EVAL_DETAILS").is_some();
    assert_targets(&measure("dev", &pairs, details));
}

/// The held-out pairs were measured once the matcher was tuned on the dev pairs, and met the
/// targets then; they guard against a regression. Their failures are not listed, so that
/// nobody tunes to them: add pairs to `dev.tsv` instead.
#[test]
fn held_out_set_meets_the_targets() {
    let pairs = read(include_str!("matching_eval/held_out.tsv"));
    assert!(pairs.len() >= 40);
    assert_targets(&measure("held-out", &pairs, false));
}
