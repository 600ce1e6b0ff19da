//! The detector's claims in an ingest that asks for them: which are added, with which external
//! ID and which priority.

use std::collections::HashSet;

use claimdesk_core::{Priority, TextSpan, anchor::find_quote, detect::detect_claims, token};

use super::request::{IngestArticle, IngestClaim};
use crate::NewSource;

/// A detected claim at least this check-worthy is proposed as high priority.
const HIGH_PRIORITY_WORTHINESS: f64 = 0.8;

/// The external ID of a detected claim, derived from its quote, so that ingesting the same body
/// again adds none twice.
fn detected_external_id(quote: &str) -> String {
    format!("detected-{}", &token::hash(quote)[..16])
}

/// The priority a detected claim is proposed with.
fn detected_priority(check_worthiness: f64) -> Priority {
    if check_worthiness >= HIGH_PRIORITY_WORTHINESS {
        Priority::High
    } else {
        Priority::Normal
    }
}

/// Adds the claims the detector finds that no supplied claim overlaps. Their external IDs are
/// derived from their quotes, so that ingesting the same body again adds none twice; a quote
/// the detector finds twice is proposed once.
pub(super) fn add_detected_claims(input: &mut IngestArticle) {
    let mut external_ids: HashSet<String> = input
        .claims
        .iter()
        .filter_map(|claim| claim.external_id.clone())
        .collect();
    let supplied: Vec<TextSpan> = input
        .claims
        .iter()
        .filter_map(|claim| {
            claim
                .span
                .or_else(|| find_quote(&input.body, &claim.quote).first().copied())
        })
        .collect();
    let overlaps = |span: TextSpan| {
        supplied
            .iter()
            .any(|s| s.start < span.end && span.start < s.end)
    };
    for detected in detect_claims(&input.body) {
        if overlaps(detected.span) {
            continue;
        }
        let external_id = detected_external_id(&detected.quote);
        if !external_ids.insert(external_id.clone()) {
            continue;
        }
        let priority = detected_priority(detected.check_worthiness);
        input.claims.push(IngestClaim {
            external_id: Some(external_id),
            text: detected.quote.clone(),
            quote: detected.quote,
            span: Some(detected.span),
            source: detected.source.map(|source| NewSource {
                name: source.name,
                kind: source.kind,
                description: source.description,
            }),
            attribution: detected.attribution,
            priority,
            check_worthiness: Some(detected.check_worthiness),
            category: Some(detected.category.as_ref().to_owned()),
        });
    }
}

#[cfg(test)]
mod tests {
    use claimdesk_core::AttributionKind;

    use super::*;

    const BODY: &str = "The city said on Monday that its budget rose 12 percent to $4.2 billion in \
        2024. Officials reported that unemployment fell from 7 percent to 5 percent last year.";

    fn article(claims: Vec<IngestClaim>) -> IngestArticle {
        IngestArticle {
            url: "https://example.org/detected".into(),
            title: "Detected".into(),
            publisher: None,
            author: None,
            published_at: None,
            body: BODY.into(),
            claims,
            detect: true,
        }
    }

    #[test]
    fn the_priority_turns_high_at_the_threshold() {
        assert_eq!(detected_priority(0.79), Priority::Normal);
        assert_eq!(detected_priority(HIGH_PRIORITY_WORTHINESS), Priority::High);
    }

    #[test]
    fn external_ids_come_from_the_quote() {
        let id = detected_external_id("a quote");
        assert!(id.starts_with("detected-"));
        assert_eq!(id.len(), "detected-".len() + 16);
        assert_eq!(id, detected_external_id("a quote"));
        assert_ne!(id, detected_external_id("another quote"));
    }

    #[test]
    fn detected_claims_are_added_once_and_never_over_a_supplied_one() {
        let mut input = article(Vec::new());
        add_detected_claims(&mut input);
        let detected = input.claims.len();
        assert!(detected >= 1, "the detector finds the budget claim");
        assert!(input.claims.iter().all(|claim| {
            claim
                .external_id
                .as_deref()
                .is_some_and(|id| id.starts_with("detected-"))
        }));
        // The same body again: every detected claim is there already.
        add_detected_claims(&mut input);
        assert_eq!(input.claims.len(), detected);

        // A supplied claim over the first detected one keeps it from being proposed.
        let first = input.claims[0].clone();
        let supplied = IngestClaim {
            external_id: None,
            attribution: AttributionKind::Unattributed,
            source: None,
            ..first
        };
        let mut input = article(vec![supplied]);
        add_detected_claims(&mut input);
        assert_eq!(input.claims.len(), detected);
    }
}
