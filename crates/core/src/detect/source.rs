//! The source a detected claim is attributed to, as detection reports it.

use crate::SourceKind;

/// The source a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedSource {
    /// Its name ("Ola Berg", "Fenwick analysts"); an unnamed source is "Unnamed experts".
    pub name: String,
    /// What it is.
    pub kind: SourceKind,
    /// Its title, role or affiliation, as the article gives it.
    pub description: Option<String>,
}
