//! The schema's output types. Each wraps a domain record and resolves its relations.

mod api_token;
mod article;
mod claim;
mod claim_event;
mod claim_list;
mod claim_match;
mod evidence;
mod node;
mod note;
mod source;
mod text_span;
mod total_count;
mod user;
mod verdict_version;
mod webhook;

pub use api_token::ApiToken;
pub use article::Article;
pub use claim::Claim;
pub use claim_event::ClaimEvent;
pub(crate) use claim_list::list_claims;
pub use claim_match::ClaimMatch;
pub use evidence::Evidence;
pub use node::Node;
pub use note::Note;
pub use source::Source;
pub use text_span::TextSpan;
pub use total_count::TotalCount;
pub use user::User;
pub(crate) use user::{optional_user, user_read_with};
pub use verdict_version::VerdictVersion;
pub use webhook::{Webhook, WebhookDelivery};
