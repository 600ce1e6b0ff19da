//! Webhook secrets and signatures (Standard Webhooks, "symmetric" `v1`).
//!
//! A secret is `whsec_` followed by the standard base64 of [`SECRET_BYTES`] random bytes; those
//! bytes are the HMAC-SHA256 key. A delivery is signed over `"{id}.{timestamp}.{body}"` and the
//! `webhook-signature` header holds `v1,` and the base64 of the MAC; during a rotation it holds
//! one such signature per secret, separated by spaces.

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use thiserror::Error;

/// What every webhook secret starts with.
pub const SECRET_PREFIX: &str = "whsec_";
/// How many random bytes a new secret carries (the specification asks for 24 to 64).
pub const SECRET_BYTES: usize = 32;

/// A webhook's signing secret. Its `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret {
    key: Vec<u8>,
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

/// Why a stored or given secret cannot sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a webhook secret is `whsec_` and the base64 of 24 to 64 bytes")]
pub struct MalformedSecret;

impl WebhookSecret {
    /// A secret made of `random` bytes, which the caller draws from a secure source.
    pub fn from_random(random: [u8; SECRET_BYTES]) -> Self {
        Self {
            key: random.to_vec(),
        }
    }

    /// Reads a `whsec_…` secret.
    pub fn parse(text: &str) -> Result<Self, MalformedSecret> {
        let encoded = text.strip_prefix(SECRET_PREFIX).ok_or(MalformedSecret)?;
        let key = STANDARD.decode(encoded).map_err(|_| MalformedSecret)?;
        if (24..=64).contains(&key.len()) {
            Ok(Self { key })
        } else {
            Err(MalformedSecret)
        }
    }

    /// The secret as it is shown once and stored: `whsec_` and the base64 of the key.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.key))
    }

    /// The `v1,…` signature of a message.
    pub fn sign(&self, message_id: &str, timestamp: i64, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(message_id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The `webhook-signature` header: one signature per secret, space-separated.
pub fn signature_header(
    secrets: &[&WebhookSecret],
    message_id: &str,
    timestamp: i64,
    body: &[u8],
) -> String {
    secrets
        .iter()
        .map(|secret| secret.sign(message_id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_as_the_specification_example() {
        // The example of the Standard Webhooks specification (spec/standard-webhooks.md).
        let secret = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_secret_reads_back_and_hides_in_debug() {
        let secret = WebhookSecret::from_random([7; SECRET_BYTES]);
        assert_eq!(WebhookSecret::parse(&secret.expose()), Ok(secret.clone()));
        assert!(!format!("{secret:?}").contains("whsec_"));
        assert_eq!(WebhookSecret::parse("whsec_AAAA"), Err(MalformedSecret));
        assert_eq!(WebhookSecret::parse("nope"), Err(MalformedSecret));
    }

    #[test]
    fn a_rotation_carries_both_signatures() {
        let old = WebhookSecret::from_random([1; SECRET_BYTES]);
        let new = WebhookSecret::from_random([2; SECRET_BYTES]);
        let header = signature_header(&[&new, &old], "msg_1", 10, b"{}");
        let parts: Vec<&str> = header.split(' ').collect();
        assert_eq!(
            parts,
            [new.sign("msg_1", 10, b"{}"), old.sign("msg_1", 10, b"{}")]
        );
    }
}
