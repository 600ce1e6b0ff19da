//! The Relay `Node` interface.

use async_graphql::{ID, Interface};

use crate::object::{Article, Claim, ClaimEvent, Evidence, Note, Source, User};

/// An object with a global ID, which `node(id:)` can fetch.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "The object's global ID."))]
pub enum Node {
    /// An article.
    Article(Article),
    /// A claim.
    Claim(Claim),
    /// An entry of a claim's history.
    ClaimEvent(ClaimEvent),
    /// A piece of evidence.
    Evidence(Evidence),
    /// A reviewer's note.
    Note(Note),
    /// A source.
    Source(Source),
    /// A user.
    User(User),
}
