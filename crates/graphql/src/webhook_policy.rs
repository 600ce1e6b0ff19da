//! What the API enforces on webhook endpoints: no private destinations unless the server
//! allows them (a check against server-side request forgery, repeated at every delivery),
//! and how long a rotated secret keeps signing.

use std::time::Duration;

use claimdesk_core::webhooks::address::is_forbidden;

use crate::ApiError;

/// The server's rules for webhook endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookPolicy {
    /// Whether endpoints may be on loopback, private or link-local addresses.
    pub allow_private: bool,
    /// For how long after a rotation deliveries are signed with the old secret too.
    pub rotation_overlap: Duration,
}

impl Default for WebhookPolicy {
    fn default() -> Self {
        Self {
            allow_private: false,
            rotation_overlap: Duration::from_hours(24),
        }
    }
}

impl WebhookPolicy {
    /// Refuses `url` when it names, or its host resolves to, an address webhooks may not
    /// reach; a host that does not resolve is refused too.
    pub async fn check_destination(&self, url: &str) -> Result<(), ApiError> {
        if self.allow_private {
            return Ok(());
        }
        let refused = |message: String| ApiError::bad_input("url", message);
        let parsed = url::Url::parse(url).map_err(|_| refused("is not a URL".into()))?;
        let port = parsed.port_or_known_default().unwrap_or(80);
        let addresses: Vec<std::net::IpAddr> = match parsed.host() {
            Some(url::Host::Ipv4(ip)) => vec![ip.into()],
            Some(url::Host::Ipv6(ip)) => vec![ip.into()],
            Some(url::Host::Domain(host)) => tokio::net::lookup_host((host, port))
                .await
                .map_err(|_| refused(format!("{host} does not resolve")))?
                .map(|address| address.ip())
                .collect(),
            None => return Err(refused("has no host".into())),
        };
        match addresses.into_iter().find(|ip| is_forbidden(*ip)) {
            Some(ip) => Err(refused(format!(
                "resolves to {ip}, a loopback, private, link-local or metadata address; \
                 webhooks may only reach public addresses"
            ))),
            None => Ok(()),
        }
    }
}
