//! Checking an ingest request before anything is written: the article's fields, and every
//! claim against the body and against the claims before it.

use claimdesk_core::{
    TextSpan,
    anchor::{find_quote, verify_quote},
    validation::{ValidationError, limits, optional_text, required_text, web_url},
};

use super::{
    identity::SeenInRequest,
    request::{IngestArticle, IngestClaim, ItemError, MAX_CLAIMS_PER_ARTICLE},
};
use crate::StoreError;

/// Checks the article's own fields and the number of claims; returns the normalized URL.
pub(super) fn check_article(input: &IngestArticle) -> Result<String, StoreError> {
    let url = String::from(web_url("url", &input.url)?);
    required_text("title", &input.title, limits::TITLE)?;
    optional_text("publisher", input.publisher.as_deref(), limits::NAME)?;
    optional_text("author", input.author.as_deref(), limits::NAME)?;
    required_text("body", &input.body, limits::ARTICLE_BODY)?;
    if input.claims.len() > MAX_CLAIMS_PER_ARTICLE {
        return Err(ValidationError::new(
            "claims",
            format!(
                "holds {} claims; at most {MAX_CLAIMS_PER_ARTICLE} are allowed",
                input.claims.len()
            ),
        )
        .into());
    }
    Ok(url)
}

/// Checks every claim against the body and against the claims before it, collecting every
/// bad one, and returns their spans.
pub(super) fn anchored_spans(input: &IngestArticle) -> Result<Vec<TextSpan>, StoreError> {
    let mut spans = Vec::with_capacity(input.claims.len());
    let mut errors = Vec::new();
    let mut seen = SeenInRequest::default();
    for (index, claim) in input.claims.iter().enumerate() {
        let checked = check_claim(&input.body, claim)
            .and_then(|span| seen.check(index, claim, span).map(|()| span));
        match checked {
            Ok(span) => spans.push(span),
            Err(error) => errors.push(ItemError { index, error }),
        }
    }
    if errors.is_empty() {
        Ok(spans)
    } else {
        Err(StoreError::InvalidItems(errors))
    }
}

/// Checks one claim's fields and finds its span in `body`.
fn check_claim(body: &str, claim: &IngestClaim) -> Result<TextSpan, ValidationError> {
    required_text("text", &claim.text, limits::CLAIM_TEXT)?;
    required_text("quote", &claim.quote, limits::QUOTE)?;
    optional_text("externalId", claim.external_id.as_deref(), limits::NAME)?;
    if let Some(source) = &claim.source {
        required_text("source.name", &source.name, limits::NAME)?;
        optional_text(
            "source.description",
            source.description.as_deref(),
            limits::DESCRIPTION,
        )?;
    }
    match claim.span {
        Some(span) => {
            verify_quote(body, &claim.quote, span)
                .map_err(|error| ValidationError::new("quote", error.to_string()))?;
            Ok(span)
        }
        None => match find_quote(body, &claim.quote).as_slice() {
            [span] => Ok(*span),
            [] => Err(ValidationError::new("quote", "does not occur in the body")),
            _ => Err(ValidationError::new(
                "quote",
                "occurs more than once in the body; give its span",
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use claimdesk_core::{AttributionKind, Priority};

    use super::*;

    const BODY: &str = "Costs fell. Sales rose 5%. Sales rose 5%.";

    fn claim(quote: &str, span: Option<TextSpan>) -> IngestClaim {
        IngestClaim {
            external_id: None,
            text: quote.into(),
            quote: quote.into(),
            span,
            source: None,
            attribution: AttributionKind::Unattributed,
            priority: Priority::Normal,
            check_worthiness: None,
            category: None,
        }
    }

    fn article(claims: Vec<IngestClaim>) -> IngestArticle {
        IngestArticle {
            url: "https://example.org/checked".into(),
            title: "Checked".into(),
            publisher: None,
            author: None,
            published_at: None,
            body: BODY.into(),
            claims,
            detect: false,
        }
    }

    fn bad_indexes(result: Result<Vec<TextSpan>, StoreError>) -> Vec<(usize, &'static str)> {
        match result {
            Err(StoreError::InvalidItems(items)) => items
                .into_iter()
                .map(|item| (item.index, item.error.field))
                .collect(),
            other => panic!("expected bad items, got {other:?}"),
        }
    }

    #[test]
    fn an_article_needs_a_web_url_and_at_most_the_claims_allowed() {
        assert!(check_article(&article(Vec::new())).is_ok());
        let mut bad = article(Vec::new());
        bad.url = "ftp://example.org".into();
        assert!(check_article(&bad).is_err());
        let many = vec![claim("Costs fell.", None); MAX_CLAIMS_PER_ARTICLE + 1];
        assert!(check_article(&article(many)).is_err());
    }

    #[test]
    fn a_quote_found_once_anchors_itself() {
        let spans = anchored_spans(&article(vec![claim("Costs fell.", None)])).unwrap();
        assert_eq!(spans, [TextSpan { start: 0, end: 11 }]);
    }

    #[test]
    fn every_bad_claim_is_reported_with_its_index() {
        let claims = vec![
            claim("Costs fell.", None),
            claim("Sales rose 5%.", None),
            claim("Profits doubled.", None),
            claim("Sales rose 5%.", Some(TextSpan { start: 27, end: 41 })),
        ];
        assert_eq!(
            bad_indexes(anchored_spans(&article(claims))),
            [(1, "quote"), (2, "quote")]
        );
    }
}
