//! Who a request acts as: the user behind its bearer token, or, with `--dev-open` and no
//! token, the local editor. Each token's requests are rate limited.
//!
//! A missing, malformed, unknown or revoked token is answered here with 401 and the code
//! `UNAUTHENTICATED`; a token over its rate gets 429 with `Retry-After`. What a user may do
//! once known is the schema's guards' business.

use std::{num::NonZeroU32, sync::Arc};

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::Response,
};
use claimdesk_core::token;
use claimdesk_graphql::Actor;
use claimdesk_store::Store;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};

use crate::graphql_http::request_error;

/// The rate-limit key of requests that carry no token (only possible with `--dev-open`).
const ANONYMOUS: i64 = 0;

/// Finds the actor of each request.
#[derive(Clone)]
pub(crate) struct Authenticator {
    store: Store,
    /// The actor of requests without a token; `None` unless the server runs `--dev-open`.
    anonymous: Option<Actor>,
    limiter: Arc<DefaultKeyedRateLimiter<i64>>,
}

impl Authenticator {
    /// Authenticates through `store`, allowing `per_minute` requests per token.
    pub(crate) fn new(store: Store, anonymous: Option<Actor>, per_minute: NonZeroU32) -> Self {
        let limiter = Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute)));
        Self {
            store,
            anonymous,
            limiter,
        }
    }

    /// The actor of a request with these headers, or the response that refuses it.
    pub(crate) async fn actor(&self, headers: &HeaderMap) -> Result<Actor, Response> {
        let (actor, key) = match headers.get(header::AUTHORIZATION) {
            None => match &self.anonymous {
                Some(actor) => (actor.clone(), ANONYMOUS),
                None => {
                    return Err(unauthenticated(
                        "send an API token: Authorization: Bearer <token>",
                    ));
                }
            },
            Some(value) => {
                let header = value
                    .to_str()
                    .map_err(|_| unauthenticated("the Authorization header is not text"))?;
                let secret = token::from_bearer_header(header)
                    .map_err(|malformed| unauthenticated(&malformed.to_string()))?;
                match self.store.authenticate(secret).await {
                    Ok(Some((user, token))) => (Actor(user), token.id),
                    Ok(None) => return Err(unauthenticated("the token is unknown or revoked")),
                    Err(error) => {
                        tracing::error!(%error, "authenticating a request");
                        return Err(request_error(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "INTERNAL",
                            "internal error",
                        ));
                    }
                }
            }
        };
        if let Err(not_until) = self.limiter.check_key(&key) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response = request_error(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                &format!("too many requests for this token; retry in {seconds} s"),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            return Err(response);
        }
        Ok(actor)
    }
}

fn unauthenticated(message: &str) -> Response {
    let mut response = request_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}
