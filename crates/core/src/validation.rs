//! Checks on user input, with the documented limits.
//!
//! Text is stored exactly as sent (Unicode, right-to-left text and emoji included); it is only
//! refused when it is blank, too long, or holds a NUL character, which PostgreSQL cannot store.

use thiserror::Error;
use url::Url;

/// Maximum lengths, in Unicode code points, of the text fields.
pub mod limits {
    /// A claim's checkable statement.
    pub const CLAIM_TEXT: usize = 2_000;
    /// A claim's quote.
    pub const QUOTE: usize = 5_000;
    /// An article's body.
    pub const ARTICLE_BODY: usize = 1_000_000;
    /// Titles of articles and evidence.
    pub const TITLE: usize = 500;
    /// Names of sources, publishers and users.
    pub const NAME: usize = 200;
    /// A source's description.
    pub const DESCRIPTION: usize = 1_000;
    /// Reasons for flagging and reopening.
    pub const REASON: usize = 2_000;
    /// A verdict's summary.
    pub const SUMMARY: usize = 5_000;
    /// A piece of evidence's excerpt.
    pub const EXCERPT: usize = 5_000;
    /// A reviewer's note.
    pub const NOTE_BODY: usize = 10_000;
    /// A URL.
    pub const URL: usize = 2_048;
}

/// Input that breaks a rule, naming the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct ValidationError {
    /// The input field, as the API names it.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl ValidationError {
    /// An error about `field`.
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}

/// Checks a required text field: not blank, at most `max` code points, no NUL.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, "must not be blank"));
    }
    optional_text(field, Some(value), max)
}

/// Checks an optional text field: at most `max` code points, no NUL.
pub fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<(), ValidationError> {
    let Some(value) = value else { return Ok(()) };
    if value.contains('\0') {
        return Err(ValidationError::new(
            field,
            "must not contain NUL characters",
        ));
    }
    let length = value.chars().count();
    if length > max {
        return Err(ValidationError::new(
            field,
            format!("is {length} characters long; the maximum is {max}"),
        ));
    }
    Ok(())
}

/// Checks that `value` is an absolute `http` or `https` URL and returns it parsed.
pub fn web_url(field: &'static str, value: &str) -> Result<Url, ValidationError> {
    required_text(field, value, limits::URL)?;
    let url = Url::parse(value).map_err(|error| {
        ValidationError::new(field, format!("is not an absolute URL ({error})"))
    })?;
    match url.scheme() {
        "http" | "https" if url.has_host() => Ok(url),
        "http" | "https" => Err(ValidationError::new(field, "must name a host")),
        scheme => Err(ValidationError::new(
            field,
            format!("must be an http or https URL, not {scheme}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_checked_for_blankness_length_and_nul() {
        assert!(required_text("body", "ok", 10).is_ok());
        assert_eq!(required_text("body", "  \n", 10).unwrap_err().field, "body");
        assert!(required_text("body", "a\0b", 10).is_err());
        assert!(optional_text("body", None, 1).is_ok());
        let error = optional_text("body", Some("ééé"), 2).unwrap_err();
        assert_eq!(
            error.to_string(),
            "body: is 3 characters long; the maximum is 2"
        );
    }

    #[test]
    fn unicode_counts_code_points() {
        assert!(required_text("body", "مرحبا 🙂", 7).is_ok());
    }

    #[test]
    fn only_absolute_web_urls_pass() {
        assert!(web_url("url", "https://arxiv.org/abs/2412.19437").is_ok());
        assert!(web_url("url", "http://example.org").is_ok());
        for bad in [
            "ftp://example.org/x",
            "javascript:alert(1)",
            "/relative",
            "example.org",
            "",
        ] {
            assert!(web_url("url", bad).is_err(), "{bad} should be refused");
        }
    }
}
