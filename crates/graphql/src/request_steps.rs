//! The schema's one extension, which runs the request-wide steps: the request's loaders, the
//! document limits, the document cache and the error codes.
//!
//! async-graphql sends every field of every response through the `resolve` hook of each
//! extension the schema has, one boxed future per extension and field, even for an extension
//! that leaves the hook alone: with the four steps as four extensions, a dashboard page of 50
//! claims paid for some 6,000 of them. So the steps stay in their own modules, and this is the
//! one extension that calls them.

use std::{num::NonZeroUsize, sync::Arc};

use async_graphql::{
    Request, Response, ServerResult, Variables,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest,
        NextRequest,
    },
    parser::types::ExecutableDocument,
};
use claimdesk_store::Store;

use crate::{
    Limits, document_cache::DocumentCache, error_codes::fill_in_codes, loader, syntax_errors,
};

/// How many parsed documents the schema keeps for the next request that sends the same text.
const CACHED_DOCUMENTS: NonZeroUsize = NonZeroUsize::new(256).unwrap();

/// The request-wide steps, for a schema on `store` within `limits`.
pub(crate) struct RequestSteps(Arc<Steps>);

struct Steps {
    store: Store,
    limits: Limits,
    documents: DocumentCache,
}

impl RequestSteps {
    pub(crate) fn new(store: Store, limits: Limits) -> Self {
        Self(Arc::new(Steps {
            store,
            limits,
            documents: DocumentCache::new(CACHED_DOCUMENTS),
        }))
    }
}

impl ExtensionFactory for RequestSteps {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PipelineExtension(self.0.clone()))
    }
}

struct PipelineExtension(Arc<Steps>);

#[async_graphql::async_trait::async_trait]
impl Extension for PipelineExtension {
    /// Every error leaves with a code.
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        fill_in_codes(&mut response);
        response
    }

    /// The request gets its own loaders.
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        next.run(ctx, loader::with_loaders(request, &self.0.store))
            .await
    }

    /// The document is checked against the limits, and parsed only if it is not kept; a syntax
    /// error is told in words.
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let steps = &self.0;
        steps.limits.check_text(query)?;
        let document = if let Some(document) = steps.documents.get(query) {
            document
        } else {
            let document = next
                .run(ctx, query, variables)
                .await
                .map_err(|error| syntax_errors::readable(error, query))?;
            steps.documents.keep(query, &document);
            document
        };
        steps.limits.check_document(&document)?;
        Ok(document)
    }
}
