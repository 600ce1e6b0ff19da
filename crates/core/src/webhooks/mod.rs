//! Outbound webhooks, as the Standard Webhooks specification defines them: the secrets and
//! signatures ([`signature`]), the body of a delivery ([`message`]), which addresses a
//! delivery may never reach ([`address`]) and when a failed delivery is tried again
//! ([`retry`]). Pure: the store keeps the endpoints and the server sends.

pub mod address;
pub mod message;
pub mod records;
pub mod retry;
pub mod signature;
