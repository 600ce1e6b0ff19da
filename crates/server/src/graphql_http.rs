//! GraphQL over HTTP, as the GraphQL over HTTP specification describes it.
//!
//! - `POST` takes `application/json`: one request, or a batch of at most `max_batch`.
//! - `GET` takes the request in the URL and runs queries only; a mutation gets 405.
//! - The response is `application/graphql-response+json` when the client accepts it, and then
//!   a request that does not parse or validate gets 400; otherwise it is `application/json`
//!   with 200, as legacy clients expect. A client that accepts neither gets 406. Either way a
//!   response that failed before execution has no `data` entry.
//! - A request that is not a GraphQL request (no `query`, or a blank one; a body that is not
//!   one) gets 400 with either media type.
//! - A body over the limit gets 413, a wrong content type 415, and a request that runs past
//!   the timeout 503, each with a GraphQL-shaped error and a code. A refused body is read and
//!   dropped before the answer, so that a client still sending it gets the answer (see
//!   [`crate::request_body`]).
//! - Every request but GraphiQL's page is authenticated first (see [`crate::auth`]).

use std::collections::BTreeMap;

use async_graphql::{BatchRequest, BatchResponse, ServerError, parser::types::OperationType};
use axum::{
    body::Body,
    extract::{RawQuery, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use claimdesk_graphql::ErrorCode;

use crate::{
    request_body::{Unread, close_after, read_within, refuse},
    request_error::{JSON, request_error},
    state::AppState,
};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// The media type a response is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaType {
    GraphqlResponse,
    Json,
}

impl MediaType {
    /// Chooses from the `Accept` header; `None` when the client accepts neither type.
    fn negotiate(headers: &HeaderMap) -> Option<Self> {
        let Some(accept) = headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
        else {
            return Some(Self::Json);
        };
        let accepted: Vec<&str> = accept
            .split(',')
            .filter_map(|range| range.split(';').next())
            .map(str::trim)
            .collect();
        if accepted.contains(&GRAPHQL_RESPONSE) {
            Some(Self::GraphqlResponse)
        } else if accepted
            .iter()
            .any(|range| matches!(*range, JSON | "application/*" | "*/*"))
        {
            Some(Self::Json)
        } else {
            None
        }
    }

    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::GraphqlResponse => GRAPHQL_RESPONSE,
            Self::Json => JSON,
        })
    }
}

/// `POST /graphql`.
pub(crate) async fn post(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Some(media_type) = MediaType::negotiate(&parts.headers) else {
        return refuse(body, not_acceptable()).await;
    };
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(JSON));
    if !is_json {
        let refusal = request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "send the request as application/json",
        );
        return refuse(body, refusal).await;
    }
    let actor = match state.auth.actor(&parts.headers).await {
        Ok(actor) => actor,
        Err(refusal) => return refuse(body, refusal).await,
    };
    let limit = state.limits.max_body_bytes;
    let body = match read_within(&parts.headers, body, limit).await {
        Ok(body) => body,
        Err(Unread::TooLarge) => {
            let mut refusal = request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                &format!("the request body is larger than {limit} bytes"),
            );
            close_after(&mut refusal);
            return refusal;
        }
        Err(Unread::Broken) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "the request body could not be read",
            );
        }
    };
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(error) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                &format!("the body is not a GraphQL request: {error}"),
            );
        }
    };
    if let BatchRequest::Batch(requests) = &batch
        && (requests.is_empty() || requests.len() > state.limits.max_batch)
    {
        return request_error(
            StatusCode::BAD_REQUEST,
            ErrorCode::BatchTooLarge,
            &format!(
                "a batch holds 1 to {} requests, not {}",
                state.limits.max_batch,
                requests.len()
            ),
        );
    }
    if let Some(refusal) = match &batch {
        BatchRequest::Single(request) => without_document(request),
        BatchRequest::Batch(requests) => requests.iter().find_map(without_document),
    } {
        return refusal;
    }
    let names = match &batch {
        BatchRequest::Single(request) => vec![request.operation_name.clone()],
        BatchRequest::Batch(requests) => {
            requests.iter().map(|r| r.operation_name.clone()).collect()
        }
    };
    let batch = batch.data(actor);
    run(
        &state,
        media_type,
        &names,
        state.schema.execute_batch(batch),
    )
    .await
}

/// `GET /graphql`: the query in the URL, or GraphiQL for a browser.
pub(crate) async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(query) = query.filter(|query| !query.is_empty()) else {
        return claimdesk_web::playground();
    };
    let Some(media_type) = MediaType::negotiate(&headers) else {
        return not_acceptable();
    };
    let request = match async_graphql::http::parse_query_string(&query) {
        Ok(request) => request,
        Err(error) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                &error.to_string(),
            );
        }
    };
    if let Some(refusal) = without_document(&request) {
        return refusal;
    }
    if is_mutation(&request) {
        let mut response = request_error(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
            "mutations are only accepted over POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let actor = match state.auth.actor(&headers).await {
        Ok(actor) => actor,
        Err(refusal) => return refusal,
    };
    let names = [request.operation_name.clone()];
    let request = request.data(actor);
    let execution = async { BatchResponse::Single(state.schema.execute(request).await) };
    run(&state, media_type, &names, execution).await
}

/// Runs the execution within the timeout, records each operation's outcome, and encodes its
/// response, with the request's ID in every error.
async fn run(
    state: &AppState,
    media_type: MediaType,
    names: &[Option<String>],
    execution: impl Future<Output = BatchResponse>,
) -> Response {
    let timeout = state.limits.request_timeout();
    let started = std::time::Instant::now();
    let Ok(mut response) = tokio::time::timeout(timeout, execution).await else {
        return request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Timeout,
            &format!("the request ran longer than {} seconds", timeout.as_secs()),
        );
    };
    let responses = match &mut response {
        BatchResponse::Single(one) => std::slice::from_mut(one),
        BatchResponse::Batch(many) => many.as_mut_slice(),
    };
    let request_id = crate::request_id::current();
    for (index, one) in responses.iter_mut().enumerate() {
        let outcome = one.errors.first().map_or("ok", error_code);
        let name = names.get(index).and_then(Option::as_deref);
        crate::metrics::record_operation(name, outcome, started.elapsed());
        if let Some(id) = &request_id {
            for error in &mut one.errors {
                error
                    .extensions
                    .get_or_insert_with(Default::default)
                    .set("requestId", id.as_str());
            }
        }
    }
    let status = if media_type == MediaType::GraphqlResponse
        && matches!(&response, BatchResponse::Single(one) if failed_before_execution(one))
    {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut http = (status, Body::from(encode(&response))).into_response();
    http.headers_mut()
        .insert(header::CONTENT_TYPE, media_type.header());
    http
}

/// The `extensions.code` of an error, or `INTERNAL` without one.
fn error_code(error: &ServerError) -> &str {
    match error
        .extensions
        .as_ref()
        .and_then(|extensions| extensions.get("code"))
    {
        Some(async_graphql::Value::String(code)) => code,
        _ => "INTERNAL",
    }
}

/// The 400 for a request that holds no document: no `query`, or a blank one.
fn without_document(request: &async_graphql::Request) -> Option<Response> {
    request.query.trim().is_empty().then(|| {
        request_error(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "the request has no document: send the operation as `query`",
        )
    })
}

/// Whether the request failed before any field ran: it did not parse or validate.
fn failed_before_execution(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|error| error.path.is_empty())
}

/// A response failed before execution, which has no `data` entry, not even `null`.
#[derive(Serialize)]
struct NotExecuted<'a> {
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, async_graphql::Value>,
}

/// The body of `response`. As the GraphQL specification says, a response that failed before
/// execution began has no `data` entry; every other has one.
fn encode(response: &BatchResponse) -> Vec<u8> {
    let one = |response: &async_graphql::Response| {
        if failed_before_execution(response) {
            serde_json::to_vec(&NotExecuted {
                errors: &response.errors,
                extensions: &response.extensions,
            })
        } else {
            serde_json::to_vec(response)
        }
        .unwrap_or_default()
    };
    match response {
        BatchResponse::Single(response) => one(response),
        BatchResponse::Batch(responses) => {
            let mut body = vec![b'['];
            for (index, response) in responses.iter().enumerate() {
                if index > 0 {
                    body.push(b',');
                }
                body.extend(one(response));
            }
            body.push(b']');
            body
        }
    }
}

/// Whether the operation the request would run is a mutation.
fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let selected = request.operation_name.as_deref();
    document.operations.iter().any(|(name, operation)| {
        let chosen = match (selected, name) {
            (Some(selected), Some(name)) => selected == name.as_str(),
            (None, _) => true,
            (Some(_), None) => false,
        };
        chosen && operation.node.ty == OperationType::Mutation
    })
}

fn not_acceptable() -> Response {
    request_error(
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::NotAcceptable,
        "accept application/graphql-response+json or application/json",
    )
}
