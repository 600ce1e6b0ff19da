//! One delivery attempt: the signed POST, and what came of it.
//!
//! The client follows no redirects, uses no proxy and gives up after the configured timeout.
//! Unless private addresses are allowed, it resolves host names itself and connects only to
//! public addresses, so that a name that resolves to an internal address, at registration or
//! only later, is refused when the request is made; a URL that names an internal address
//! directly is refused before any request.

use std::{net::SocketAddr, sync::Arc, time::Instant};

use claimdesk_core::webhooks::{
    address::is_forbidden,
    signature::{WebhookSecret, signature_header},
};
use reqwest::{
    Client,
    dns::{Addrs, Name, Resolve, Resolving},
    redirect::Policy,
};

use super::WebhookConfig;

/// How much of a response body is kept.
const RESPONSE_KEPT: usize = 1024;

/// What one request came to.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    /// The HTTP status, if the endpoint answered.
    pub status: Option<u16>,
    /// The first kilobyte of the body.
    pub body: Option<String>,
    /// Why there was no answer.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: i64,
}

/// Posts signed webhook messages.
pub(crate) struct Sender {
    client: Client,
    allow_private: bool,
}

impl Sender {
    pub(crate) fn new(config: &WebhookConfig) -> Result<Self, reqwest::Error> {
        let mut builder = Client::builder()
            .redirect(Policy::none())
            .no_proxy()
            .timeout(config.timeout())
            .user_agent(concat!("ClaimDesk-Webhooks/", env!("CARGO_PKG_VERSION")));
        if !config.webhook_allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        Ok(Self {
            client: builder.build()?,
            allow_private: config.webhook_allow_private,
        })
    }

    /// Posts `body` to `url` as message `message_id`, signed with each of `secrets`.
    pub(crate) async fn post(
        &self,
        url: &str,
        message_id: &str,
        timestamp: i64,
        secrets: &[&WebhookSecret],
        body: Vec<u8>,
    ) -> Answer {
        let started = Instant::now();
        let elapsed = || i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        if let Some(refusal) = self.refusal(url) {
            return Answer {
                status: None,
                body: None,
                error: Some(refusal),
                duration_ms: 0,
            };
        }
        let signature = signature_header(secrets, message_id, timestamp, &body);
        let sent = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", message_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let mut kept = Vec::new();
                while kept.len() < RESPONSE_KEPT {
                    match response.chunk().await {
                        Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                        Ok(None) | Err(_) => break,
                    }
                }
                kept.truncate(RESPONSE_KEPT);
                Answer {
                    status: Some(status),
                    body: Some(String::from_utf8_lossy(&kept).into_owned()),
                    error: None,
                    duration_ms: elapsed(),
                }
            }
            Err(error) => Answer {
                status: None,
                body: None,
                error: Some(describe(&error)),
                duration_ms: elapsed(),
            },
        }
    }

    /// Why `url` may not be requested at all, if it may not: it names a forbidden address.
    fn refusal(&self, url: &str) -> Option<String> {
        if self.allow_private {
            return None;
        }
        let parsed = url::Url::parse(url).ok()?;
        let ip = match parsed.host()? {
            url::Host::Ipv4(ip) => ip.into(),
            url::Host::Ipv6(ip) => ip.into(),
            url::Host::Domain(_) => return None,
        };
        is_forbidden(ip).then(|| format!("refused: {ip} is a private address"))
    }
}

/// The cause of a failed request, without the URL (which may hold credentials).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}

/// Resolves host names to their public addresses only.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addresses.iter().any(|address| is_forbidden(address.ip())) {
                return Err(format!("refused: {host} resolves to a private address").into());
            }
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn attempt(sender: &Sender, url: &str) -> Answer {
        let secret = WebhookSecret::from_random([3; 32]);
        sender
            .post(url, "msg_1", 1, &[&secret], b"{}".to_vec())
            .await
    }

    #[tokio::test]
    async fn private_addresses_are_refused_when_the_request_is_made() {
        let sender = Sender::new(&WebhookConfig::default()).unwrap();
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]:9/",
            "http://169.254.169.254/latest/meta-data/",
            // A name that resolves to loopback, as a rebinding name would later.
            "http://localhost:9/",
        ] {
            let answer = attempt(&sender, url).await;
            assert_eq!(answer.status, None, "{url}");
            let error = answer.error.unwrap();
            assert!(error.contains("refused"), "{url}: {error}");
        }
    }

    #[tokio::test]
    async fn redirects_are_not_followed() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(|| async {
            (
                axum::http::StatusCode::TEMPORARY_REDIRECT,
                [("location", "http://169.254.169.254/")],
            )
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        let config = WebhookConfig {
            webhook_allow_private: true,
            ..WebhookConfig::default()
        };
        let sender = Sender::new(&config).unwrap();
        let answer = attempt(&sender, &format!("http://{address}/")).await;
        assert_eq!(answer.status, Some(307));
    }

    #[tokio::test]
    async fn an_https_endpoint_is_spoken_to_over_tls() {
        use tokio::io::AsyncReadExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let first_bytes = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut head = [0_u8; 3];
            stream.read_exact(&mut head).await.unwrap();
            head
        });
        let first_bytes = tokio::time::timeout(std::time::Duration::from_secs(10), first_bytes);
        let config = WebhookConfig {
            webhook_allow_private: true,
            ..WebhookConfig::default()
        };
        let sender = Sender::new(&config).unwrap();
        let answer = attempt(&sender, &format!("https://{address}/")).await;
        // The listener speaks no TLS, so the attempt fails, but only after the client opened
        // with a TLS handshake record (content type 22, protocol major version 3).
        assert_eq!(answer.status, None);
        let head = first_bytes.await.expect("the client connects").unwrap();
        assert_eq!(head[..2], [0x16, 0x03]);
    }
}
