//! Reading a request's body within the size limit, and refusing a request without cutting off a
//! client that is still sending it.
//!
//! A server that answers before it has read the body, then closes, leaves the rest of the body
//! unread in its socket; the kernel then resets the connection, and a client that writes the
//! whole body before it reads (Python's urllib, most bots) sees a broken pipe instead of the
//! answer. So a refused body is read on and discarded, up to [`DISCARD_AT_MOST`] bytes and
//! for at most [`DISCARD_WITHIN`], before the answer goes out. The memory it takes stays
//! within the limit: nothing beyond it is kept.

use std::time::Duration;

use axum::{
    body::{Body, BodyDataStream, Bytes},
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};
use futures::StreamExt;

/// How many bytes of a refused body are read and dropped before the answer; a client that
/// sends more gets the answer and a reset connection.
pub(crate) const DISCARD_AT_MOST: usize = 64 * 1024 * 1024;
/// How long a refused body is read for before the answer goes out regardless.
pub(crate) const DISCARD_WITHIN: Duration = Duration::from_secs(10);

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unread {
    /// It is longer than the limit; what was sent was discarded.
    TooLarge,
    /// The client broke off, or sent a body that is not valid HTTP.
    Broken,
}

/// The whole of `body` if it holds at most `limit` bytes (by its `Content-Length` when it
/// declares one, and in any case by what arrives).
pub(crate) async fn read_within(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Unread> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        discard(body.into_data_stream()).await;
        return Err(Unread::TooLarge);
    }
    let capacity = declared.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
    let mut kept = Vec::with_capacity(capacity.min(limit));
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| Unread::Broken)?;
        if kept.len() + chunk.len() > limit {
            discard(stream).await;
            return Err(Unread::TooLarge);
        }
        kept.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(kept))
}

/// `response`, sent once the body it refuses has been read and dropped; when the body was too
/// long to read to its end, the connection closes after it.
pub(crate) async fn refuse(body: Body, mut response: Response) -> Response {
    if !discard(body.into_data_stream()).await {
        close_after(&mut response);
    }
    response
}

/// Marks `response` as the last on its connection.
pub(crate) fn close_after(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
}

/// Reads `stream` and drops it, within [`DISCARD_AT_MOST`] and [`DISCARD_WITHIN`]; whether it
/// came to its end.
async fn discard(mut stream: BodyDataStream) -> bool {
    let drain = async {
        let mut dropped = 0_usize;
        while let Some(chunk) = stream.next().await {
            let Ok(chunk) = chunk else { return false };
            dropped += chunk.len();
            if dropped > DISCARD_AT_MOST {
                return false;
            }
        }
        true
    };
    tokio::time::timeout(DISCARD_WITHIN, drain)
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declaring(length: usize) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        headers
    }

    fn chunked(chunks: usize, size: usize) -> Body {
        let stream = futures::stream::iter(
            (0..chunks).map(move |_| Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; size]))),
        );
        Body::from_stream(stream)
    }

    #[tokio::test]
    async fn a_body_within_the_limit_is_read_whole() {
        let body = read_within(&HeaderMap::new(), chunked(4, 256), 1024).await;
        assert_eq!(body.unwrap().len(), 1024);
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused_with_or_without_its_length() {
        let undeclared = read_within(&HeaderMap::new(), chunked(5, 256), 1024).await;
        assert_eq!(undeclared, Err(Unread::TooLarge));
        let declared = read_within(&declaring(1280), chunked(5, 256), 1024).await;
        assert_eq!(declared, Err(Unread::TooLarge));
    }
}
