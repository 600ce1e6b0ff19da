//! The score of two fingerprints, and its reasons.
//!
//! Every word and amount of each text has a weight. The features the two texts share (equal
//! keys; names that differ only by a demonym ending, "Kenya" and "Kenyan"; an acronym and the
//! words it abbreviates; amounts that agree) are weighed against the features of each text:
//! the score blends the Dice coefficient (shared weight over the mean weight of both texts)
//! with the overlap coefficient (shared weight over the lighter text's weight), so that a
//! shortened copy of a claim still scores well, but a very short text cannot match on one or
//! two words alone. Then each kind of contradiction multiplies the score by its penalty, once:
//! a different amount, year, bound or name, a negation or hedge on one side only, opposite
//! directions, a word swapped in an otherwise identical sentence. Each penalty alone takes
//! even a perfect word match below the default suggest threshold: two claims with the same
//! words and a different number are different claims.

use std::collections::HashMap;

use super::fingerprint::{Fingerprint, Item, Name, Term, quantity_weight};
use super::numbers::{Bound, Quantity, Unit};
use super::reasons::{Reason, Side};
use super::stems::{FALL, RISE};
use crate::detect::cues::EVENT_VERBS;
use crate::detect::lexicon::is_in;

/// How far each contradiction lowers the score (a factor).
pub(crate) mod penalty {
    /// Different amounts of the same kind.
    pub const QUANTITY: f64 = 0.55;
    /// Different years.
    pub const YEAR: f64 = 0.6;
    /// A lower bound against an upper bound.
    pub const BOUND: f64 = 0.55;
    /// Different names.
    pub const ENTITY: f64 = 0.6;
    /// A negation on one side.
    pub const NEGATION: f64 = 0.5;
    /// A hedge on one side.
    pub const HEDGE: f64 = 0.65;
    /// Up against down.
    pub const DIRECTION: f64 = 0.5;
    /// A word swapped in an otherwise identical sentence.
    pub const SWAP: f64 = 0.65;
}

/// Below this weight a text is short, and the overlap coefficient is trusted less.
const SHORT_WEIGHT: f64 = 5.0;

/// The share of the Dice coefficient in the blend; the rest is the overlap coefficient.
const DICE_SHARE: f64 = 0.4;

/// The result of comparing two texts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Match {
    /// How surely the two texts state the same claim, from 0 to 1.
    pub score: f64,
    /// What agreed and what differed, agreements first.
    pub reasons: Vec<Reason>,
    /// The word count of the shorter text (see [`super::MIN_CONFIRM_WORDS`]).
    pub fewest_words: usize,
}

/// The contradictions found between two texts: their reasons, and the factor by which their
/// penalties lower the score.
struct Contradictions {
    reasons: Vec<Reason>,
    factor: f64,
}

impl Contradictions {
    /// Notes a contradiction that lowers the score by `penalty`.
    fn note(&mut self, penalty: f64, reason: Reason) {
        self.factor *= penalty;
        self.reasons.push(reason);
    }
}

/// Which features of each side found a partner on the other.
struct Pairing {
    first: Vec<bool>,
    second: Vec<bool>,
    first_amounts: Vec<bool>,
    second_amounts: Vec<bool>,
    shared: f64,
    reasons: Vec<Reason>,
}

/// Compares two fingerprints.
pub(crate) fn compare(a: &Fingerprint, b: &Fingerprint) -> Match {
    let mut pairing = pair(a, b);
    let (wa, wb) = (a.total_weight(), b.total_weight());
    let lighter = wa.min(wb);
    let base = if lighter <= 0.0 {
        0.0
    } else {
        let dice = 2.0 * pairing.shared / (wa + wb);
        let overlap = pairing.shared / lighter * (lighter / SHORT_WEIGHT).min(1.0);
        DICE_SHARE * dice + (1.0 - DICE_SHARE) * overlap
    };
    let mut contradictions = Contradictions {
        reasons: Vec::new(),
        factor: 1.0,
    };
    let quantities = different_quantities(a, b, &pairing, &mut contradictions);
    let entities = different_entities(a, b, &pairing, &mut contradictions);
    polarity(a, b, &mut contradictions);
    direction(a, b, &mut contradictions);
    if !(quantities || entities) {
        swapped_words(a, b, &pairing, &mut contradictions);
    }
    pairing.reasons.append(&mut contradictions.reasons);
    Match {
        score: (base * contradictions.factor).clamp(0.0, 1.0),
        reasons: pairing.reasons,
        fewest_words: a.words.min(b.words),
    }
}

/// Pairs the words, acronyms and amounts the two texts share.
fn pair(a: &Fingerprint, b: &Fingerprint) -> Pairing {
    let mut pairing = Pairing {
        first: vec![false; a.terms.len()],
        second: vec![false; b.terms.len()],
        first_amounts: vec![false; a.quantities.len()],
        second_amounts: vec![false; b.quantities.len()],
        shared: 0.0,
        reasons: Vec::new(),
    };
    let mut shared_words = Vec::new();
    for (i, term) in a.terms.iter().enumerate() {
        let partner = (0..b.terms.len()).find(|&j| !pairing.second[j] && agree(term, &b.terms[j]));
        if let Some(j) = partner {
            pairing.first[i] = true;
            pairing.second[j] = true;
            pairing.shared += f64::midpoint(term.weight, b.terms[j].weight);
            if term.name == Name::Strong || b.terms[j].name == Name::Strong {
                pairing.reasons.push(Reason::SharedEntity {
                    first: term.text.clone(),
                    second: b.terms[j].text.clone(),
                });
            } else {
                shared_words.push(term.text.clone());
            }
        }
    }
    pair_acronyms(a, b, &mut pairing, Side::First);
    pair_acronyms(b, a, &mut pairing, Side::Second);
    for (i, quantity) in a.quantities.iter().enumerate() {
        let partner = (0..b.quantities.len())
            .find(|&j| !pairing.second_amounts[j] && quantity.agrees_with(&b.quantities[j]));
        if let Some(j) = partner {
            pairing.first_amounts[i] = true;
            pairing.second_amounts[j] = true;
            pairing.shared +=
                f64::midpoint(quantity_weight(quantity), quantity_weight(&b.quantities[j]));
            pairing.reasons.insert(
                0,
                Reason::SharedQuantity {
                    first: quantity.clone(),
                    second: b.quantities[j].clone(),
                },
            );
        }
    }
    if !shared_words.is_empty() {
        pairing.reasons.push(Reason::SharedWords {
            words: shared_words,
        });
    }
    pairing
}

/// Pairs each unpaired acronym of `from` ("WHO") with the unpaired words of `to` it
/// abbreviates ("World Health Organization").
fn pair_acronyms(from: &Fingerprint, to: &Fingerprint, pairing: &mut Pairing, side: Side) {
    for (i, term) in from.terms.iter().enumerate() {
        let (used_from, used_to) = match side {
            Side::First => (&pairing.first, &pairing.second),
            Side::Second => (&pairing.second, &pairing.first),
        };
        if used_from[i] || !term.is_acronym() {
            continue;
        }
        let Some(run) = to.initials.iter().find(|initials| {
            initials.letters == term.key && initials.terms.clone().all(|j| !used_to[j])
        }) else {
            continue;
        };
        let words: Vec<&str> = to.terms[run.terms.clone()]
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        let weight: f64 = to.terms[run.terms.clone()].iter().map(|t| t.weight).sum();
        pairing.shared += f64::midpoint(term.weight, weight);
        let (used_from, used_to) = match side {
            Side::First => (&mut pairing.first, &mut pairing.second),
            Side::Second => (&mut pairing.second, &mut pairing.first),
        };
        used_from[i] = true;
        for j in run.terms.clone() {
            used_to[j] = true;
        }
        let (first, second) = match side {
            Side::First => (term.text.clone(), words.join(" ")),
            Side::Second => (words.join(" "), term.text.clone()),
        };
        pairing.reasons.push(Reason::SharedEntity { first, second });
    }
}

/// Whether two words are the same feature: equal keys, or names that differ only by a short
/// ending ("Kenya" and "Kenyan", "China" and "Chinese").
fn agree(a: &Term, b: &Term) -> bool {
    if a.key == b.key {
        return true;
    }
    if a.name == Name::No || b.name == Name::No {
        return false;
    }
    let (short, long) = if a.key.len() <= b.key.len() {
        (&a.key, &b.key)
    } else {
        (&b.key, &a.key)
    };
    let common = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    common >= 4 && short.chars().count() - common <= 2 && long.chars().count() - common <= 3
}

/// Notes amounts of one kind that each text states and the other does not, and bounds that
/// contradict; returns whether any did.
fn different_quantities(
    a: &Fingerprint,
    b: &Fingerprint,
    pairing: &Pairing,
    contradictions: &mut Contradictions,
) -> bool {
    let unpaired_a = unpaired_by_unit(&a.quantities, &pairing.first_amounts);
    let unpaired_b = unpaired_by_unit(&b.quantities, &pairing.second_amounts);
    let mut found = false;
    let mut units: Vec<_> = unpaired_a.keys().copied().collect();
    units.sort_by_key(|unit| format!("{unit:?}"));
    for unit in units {
        if let (Some(first), Some(second)) = (unpaired_a.get(&unit), unpaired_b.get(&unit)) {
            contradictions.note(
                if unit == Unit::Year {
                    penalty::YEAR
                } else {
                    penalty::QUANTITY
                },
                Reason::DifferentQuantity {
                    first: (*first).clone(),
                    second: (*second).clone(),
                },
            );
            found = true;
        }
    }
    for reason in &pairing.reasons {
        if let Reason::SharedQuantity { first, second } = reason {
            let opposite = matches!(
                (first.bound, second.bound),
                (Bound::AtLeast, Bound::AtMost) | (Bound::AtMost, Bound::AtLeast)
            );
            if opposite {
                contradictions.note(
                    penalty::BOUND,
                    Reason::DifferentBound {
                        first: first.clone(),
                        second: second.clone(),
                    },
                );
                found = true;
            }
        }
    }
    found
}

/// The first unpaired amount of each unit.
fn unpaired_by_unit<'a>(
    quantities: &'a [Quantity],
    paired: &[bool],
) -> HashMap<Unit, &'a Quantity> {
    let mut found = HashMap::new();
    for (quantity, _) in quantities
        .iter()
        .zip(paired)
        .filter(|(_, paired)| !**paired)
    {
        found.entry(quantity.unit).or_insert(quantity);
    }
    found
}

/// Notes names that each text has and the other does not; returns whether there were any.
fn different_entities(
    a: &Fingerprint,
    b: &Fingerprint,
    pairing: &Pairing,
    contradictions: &mut Contradictions,
) -> bool {
    let unpaired = |terms: &[Term], paired: &[bool]| -> Vec<String> {
        terms
            .iter()
            .zip(paired)
            .filter(|(term, paired)| !**paired && term.name != Name::No)
            .map(|(term, _)| term.text.clone())
            .collect()
    };
    let first = unpaired(&a.terms, &pairing.first);
    let second = unpaired(&b.terms, &pairing.second);
    if first.is_empty() || second.is_empty() {
        return false;
    }
    contradictions.note(penalty::ENTITY, Reason::DifferentEntities { first, second });
    true
}

/// Notes a negation or a hedge on one side only.
fn polarity(a: &Fingerprint, b: &Fingerprint, contradictions: &mut Contradictions) {
    let (pa, pb) = (&a.polarity, &b.polarity);
    if let Some((side, cue)) =
        one_sided((pa.negated(), &pa.negations), (pb.negated(), &pb.negations))
    {
        contradictions.note(penalty::NEGATION, Reason::Negation { side, cue });
    }
    if let Some((side, cue)) = one_sided((pa.hedged(), &pa.hedges), (pb.hedged(), &pb.hedges)) {
        contradictions.note(penalty::HEDGE, Reason::Hedge { side, cue });
    }
}

/// The side whose flag alone is set, with its first cue.
fn one_sided(first: (bool, &[String]), second: (bool, &[String])) -> Option<(Side, String)> {
    match (first.0, second.0) {
        (true, false) => Some((Side::First, first.1.first()?.clone())),
        (false, true) => Some((Side::Second, second.1.first()?.clone())),
        _ => None,
    }
}

/// Notes one text going up where the other goes down.
fn direction(a: &Fingerprint, b: &Fingerprint, contradictions: &mut Contradictions) {
    let ((da, wa), (db, wb)) = (movement(a), movement(b));
    if da * db < 0 {
        contradictions.note(
            penalty::DIRECTION,
            Reason::OppositeDirection {
                first: wa.unwrap_or_default().to_owned(),
                second: wb.unwrap_or_default().to_owned(),
            },
        );
    }
}

/// Whether a text goes up (1), down (-1) or neither (0), with its first word for it.
fn movement(print: &Fingerprint) -> (i32, Option<&str>) {
    let mut net: i32 = 0;
    let mut word = None;
    for term in &print.terms {
        let step = match term.key.as_str() {
            RISE => 1,
            FALL => -1,
            _ => continue,
        };
        net += step;
        word.get_or_insert(term.text.as_str());
    }
    (net.signum(), word)
}

/// Notes a sentence that is the other word for word but for one or two words swapped in the
/// same place, which neither text has elsewhere.
fn swapped_words(
    a: &Fingerprint,
    b: &Fingerprint,
    pairing: &Pairing,
    contradictions: &mut Contradictions,
) {
    let same = |x: &Item, y: &Item| match (x, y) {
        (Item::Term(i), Item::Term(j)) => agree(&a.terms[*i], &b.terms[*j]),
        (Item::Quantity(i), Item::Quantity(j)) => a.quantities[*i].agrees_with(&b.quantities[*j]),
        _ => false,
    };
    let (oa, ob) = (&a.order, &b.order);
    let prefix = oa.iter().zip(ob).take_while(|(x, y)| same(x, y)).count();
    let room = oa.len().min(ob.len()) - prefix;
    let suffix = oa
        .iter()
        .rev()
        .zip(ob.iter().rev())
        .take(room)
        .take_while(|(x, y)| same(x, y))
        .count();
    let middle_a = &oa[prefix..oa.len() - suffix];
    let middle_b = &ob[prefix..ob.len() - suffix];
    let swapped = |middle: &[Item], terms: &[Term], paired: &[bool]| -> Option<Vec<String>> {
        // Verbs are reworded freely ("sold", "shipped"); a swapped noun changes the subject.
        let verb = |term: &Term| term.text.ends_with("ed") || is_in(EVENT_VERBS, &term.text);
        if !(1..=2).contains(&middle.len()) {
            return None;
        }
        middle
            .iter()
            .map(|item| match item {
                Item::Term(i) if !paired[*i] && !verb(&terms[*i]) => Some(terms[*i].text.clone()),
                _ => None,
            })
            .collect()
    };
    if prefix + suffix < 2 {
        return;
    }
    if let (Some(first), Some(second)) = (
        swapped(middle_a, &a.terms, &pairing.first),
        swapped(middle_b, &b.terms, &pairing.second),
    ) {
        contradictions.note(penalty::SWAP, Reason::DifferentWords { first, second });
    }
}
