//! Who a request acts as: the user behind its bearer token, or, with `--dev-open` and no
//! token, the local editor. Each token's requests are rate limited.
//!
//! A missing, malformed, unknown or revoked token is answered here with 401 and the code
//! `UNAUTHENTICATED`; a token over its rate gets 429 with `Retry-After`. WebSocket connections
//! authenticate the same way from their `connection_init` payload, and again for every
//! operation they start (see [`crate::subscriptions`]). What a user may do once known is the
//! schema's guards' business.

use std::{num::NonZeroU32, sync::Arc};

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::Response,
};
use claimdesk_core::token;
use claimdesk_graphql::{Actor, ErrorCode};
use claimdesk_store::Store;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};

use crate::request_error::request_error;

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

    /// The actor of an HTTP request with these headers, or the response that refuses it.
    pub(crate) async fn actor(&self, headers: &HeaderMap) -> Result<Actor, Response> {
        let authorization = match headers.get(header::AUTHORIZATION) {
            None => None,
            Some(value) => Some(value.to_str().map_err(|_| {
                Refusal::Unauthenticated("the Authorization header is not text".into())
                    .into_response()
            })?),
        };
        self.actor_for(authorization)
            .await
            .map_err(Refusal::into_response)
    }

    /// The actor of a request whose `Authorization` value is `authorization`, counted against
    /// its token's rate.
    pub(crate) async fn actor_for(&self, authorization: Option<&str>) -> Result<Actor, Refusal> {
        let (actor, key) = self.identify(authorization).await?;
        if let Err(not_until) = self.limiter.check_key(&key) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(Refusal::RateLimited { seconds });
        }
        Ok(actor)
    }

    /// The actor behind `authorization` and its rate-limit key, without counting a request:
    /// for re-checking a token that an open connection already used.
    pub(crate) async fn identify(
        &self,
        authorization: Option<&str>,
    ) -> Result<(Actor, i64), Refusal> {
        match authorization {
            None => {
                let Some(actor) = &self.anonymous else {
                    let message = "send an API token: Authorization: Bearer <token>";
                    return Err(Refusal::Unauthenticated(message.into()));
                };
                Ok((actor.clone(), ANONYMOUS))
            }
            Some(header) => {
                let secret = token::from_bearer_header(header)
                    .map_err(|malformed| Refusal::Unauthenticated(malformed.to_string()))?;
                match self.store.authenticate(secret).await {
                    Ok(Some((user, token))) => Ok((Actor(user), token.id)),
                    Ok(None) => {
                        let message = "the token is unknown or revoked";
                        Err(Refusal::Unauthenticated(message.into()))
                    }
                    Err(error) => {
                        tracing::error!(%error, "authenticating a request");
                        Err(Refusal::Internal)
                    }
                }
            }
        }
    }
}

/// Why a request gets no actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No token, or a malformed, unknown or revoked one.
    Unauthenticated(String),
    /// The token used up its rate; retry after this many seconds.
    RateLimited { seconds: u64 },
    /// The store failed.
    Internal,
}

impl Refusal {
    /// The refusal's message, as a client reads it.
    pub(crate) fn message(&self) -> String {
        match self {
            Self::Unauthenticated(message) => message.clone(),
            Self::RateLimited { seconds } => {
                format!("too many requests for this token; retry in {seconds} s")
            }
            Self::Internal => "internal error".into(),
        }
    }

    /// The refusal's `extensions.code`.
    pub(crate) fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Internal => ErrorCode::Internal,
        }
    }

    /// The refusal as an HTTP response: 401, 429 with `Retry-After`, or 500.
    pub(crate) fn into_response(self) -> Response {
        let (message, code) = (self.message(), self.code());
        match self {
            Self::Unauthenticated(_) => {
                let mut response = request_error(StatusCode::UNAUTHORIZED, code, &message);
                let bearer = HeaderValue::from_static("Bearer");
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, bearer);
                response
            }
            Self::RateLimited { seconds } => {
                let mut response = request_error(StatusCode::TOO_MANY_REQUESTS, code, &message);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                response
            }
            Self::Internal => request_error(StatusCode::INTERNAL_SERVER_ERROR, code, &message),
        }
    }
}
