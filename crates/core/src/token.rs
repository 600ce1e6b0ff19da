//! API tokens: their format, their hash, and reading them from an `Authorization` header.
//!
//! A token is `cdk_` followed by 43 URL-safe base64 characters (32 random bytes). Only its
//! SHA-256 hash is stored, which is enough for a secret of that entropy, together with its
//! first [`LOOKUP_LEN`] characters to find the row; the hashes are compared in constant time.

use std::fmt::Write;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use thiserror::Error;

/// What every ClaimDesk token starts with, so that a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "cdk_";
/// How many characters of a token, prefix included, are stored in clear to find it.
pub const LOOKUP_LEN: usize = 12;
/// How many random bytes a token carries.
pub const SECRET_BYTES: usize = 32;

const ENCODED_LEN: usize = 43;

/// A newly issued token: the secret to hand out once, and what to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The token itself. Shown once, never stored.
    pub secret: String,
    /// Its first characters, stored in clear to find it.
    pub lookup: String,
    /// Its SHA-256 hash, hex-encoded, stored to check it.
    pub hash: String,
}

/// Why an `Authorization` header does not carry a usable token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum MalformedToken {
    /// The header is not `Bearer <token>`.
    #[error("the Authorization header must be `Bearer <token>`")]
    NotBearer,
    /// The token is not of ClaimDesk's format.
    #[error("the bearer token is not a ClaimDesk token (cdk_…)")]
    NotClaimDesk,
}

/// Makes a token from `random` bytes, which the caller draws from a secure source.
pub fn issue(random: [u8; SECRET_BYTES]) -> IssuedToken {
    let secret = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(random));
    IssuedToken {
        lookup: secret[..LOOKUP_LEN].to_owned(),
        hash: hash(&secret),
        secret,
    }
}

/// The hex-encoded SHA-256 hash of a token, as stored.
pub fn hash(token: &str) -> String {
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(token.as_bytes()) {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Whether two stored hashes are equal, taking the same time whatever they hold.
pub fn hashes_match(stored: &str, presented: &str) -> bool {
    stored.as_bytes().ct_eq(presented.as_bytes()).into()
}

/// The token in an `Authorization: Bearer <token>` header, checked for ClaimDesk's format.
pub fn from_bearer_header(header: &str) -> Result<&str, MalformedToken> {
    let (scheme, token) = header
        .trim()
        .split_once(' ')
        .ok_or(MalformedToken::NotBearer)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(MalformedToken::NotBearer);
    }
    let token = token.trim();
    let encoded = token
        .strip_prefix(TOKEN_PREFIX)
        .ok_or(MalformedToken::NotClaimDesk)?;
    let well_formed = encoded.len() == ENCODED_LEN
        && encoded
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
    if well_formed {
        Ok(token)
    } else {
        Err(MalformedToken::NotClaimDesk)
    }
}

/// The stored lookup key of a well-formed token.
pub fn lookup_of(token: &str) -> &str {
    &token[..LOOKUP_LEN.min(token.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_are_recognisable_and_read_back_from_a_header() {
        let token = issue([7; SECRET_BYTES]);
        assert!(token.secret.starts_with("cdk_"));
        assert_eq!(token.secret.len(), TOKEN_PREFIX.len() + ENCODED_LEN);
        assert_eq!(token.lookup, lookup_of(&token.secret));
        let header = format!("Bearer {}", token.secret);
        assert_eq!(from_bearer_header(&header), Ok(token.secret.as_str()));
        assert!(hashes_match(&token.hash, &hash(&token.secret)));
        assert!(!hashes_match(&token.hash, &hash("cdk_other")));
    }

    #[test]
    fn malformed_headers_are_told_apart() {
        let token = issue([1; SECRET_BYTES]).secret;
        assert_eq!(from_bearer_header(&token), Err(MalformedToken::NotBearer));
        assert_eq!(
            from_bearer_header(&format!("Basic {token}")),
            Err(MalformedToken::NotBearer)
        );
        assert_eq!(
            from_bearer_header("Bearer abc"),
            Err(MalformedToken::NotClaimDesk)
        );
        let truncated = format!("Bearer {}", &token[..20]);
        assert_eq!(
            from_bearer_header(&truncated),
            Err(MalformedToken::NotClaimDesk)
        );
        let hostile = format!("Bearer {}'; --", &token[..44]);
        assert_eq!(
            from_bearer_header(&hostile),
            Err(MalformedToken::NotClaimDesk)
        );
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
