//! Data loaders: every related object a page of results needs is read in one batch per kind,
//! however large the page, so that a request costs a bounded number of statements.

mod articles;
mod claim_lists;
mod records;
mod shared;
mod source_counts;

use std::{collections::HashMap, hash::Hash, sync::Arc};

use async_graphql::{
    Context, Request,
    dataloader::{DataLoader, HashMapCache, Loader},
};
use claimdesk_core::records::{Article, ClaimEvent, Evidence, Note, Source, User, VerdictVersion};
use claimdesk_store::{ClaimMatch, Store, StoreError};

use self::{
    articles::{ArticleBodyLoader, ArticleLoader},
    claim_lists::{ClaimList, ClaimListLoader, RecentHistoryLoader},
    records::RecordLoader,
    shared::Shared,
    source_counts::SourceCountsLoader,
};
use crate::error::api_error;

/// `request` with its own loaders, each with a cache that lives as long as the request: a
/// record read once is not read again for the same request, and nothing is shared between
/// requests, so no answer is ever stale.
pub(crate) fn with_loaders(request: Request, store: &Store) -> Request {
    request
        .data(cached(ArticleLoader(store.clone())))
        .data(cached(ArticleBodyLoader(store.clone())))
        .data(cached(RecordLoader::<Source>::new(store.clone())))
        .data(cached(RecordLoader::<User>::new(store.clone())))
        .data(cached(ClaimListLoader::<Evidence>::new(store.clone())))
        .data(cached(ClaimListLoader::<(Note, User)>::new(store.clone())))
        .data(cached(ClaimListLoader::<ClaimEvent>::new(store.clone())))
        .data(cached(RecentHistoryLoader(store.clone())))
        .data(cached(SourceCountsLoader(store.clone())))
        .data(cached(ClaimListLoader::<VerdictVersion>::new(
            store.clone(),
        )))
        .data(cached(ClaimListLoader::<ClaimMatch>::new(store.clone())))
}

type Cached<L> = DataLoader<L, HashMapCache>;

fn cached<L>(loader: L) -> Cached<L> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Loads, in one batch per kind, what the selected fields of these claims will ask for, so
/// that a page costs the same few statements however many claims it holds. The users come
/// last, so that the assignees and the actors of the events are read in one batch.
pub(crate) async fn prefetch_for_claims(
    ctx: &Context<'_>,
    node: &async_graphql::Lookahead<'_>,
    claims: &[claimdesk_core::records::Claim],
) -> async_graphql::Result<()> {
    let ids: Vec<i64> = claims.iter().map(|claim| claim.id).collect();
    let wants = |field: &str| node.field(field).exists();
    let articles: Vec<i64> = claims.iter().map(|claim| claim.article_id).collect();
    let sources: Vec<i64> = claims.iter().filter_map(|claim| claim.source_id).collect();
    // One after the other: a page's reads side by side wake as many pooled connections (and
    // PostgreSQL backends) at once, which on a busy server costs more than it saves (see
    // "Measured design choices" in docs/benchmarks.md).
    prefetch(wants("article"), loader::<ArticleLoader>(ctx), articles).await?;
    prefetch(
        wants("source"),
        loader::<RecordLoader<Source>>(ctx),
        sources,
    )
    .await?;
    let wants_evidence = wants("evidence") || wants("evidenceCount");
    prefetch(
        wants_evidence,
        loader::<ClaimListLoader<Evidence>>(ctx),
        ids.clone(),
    )
    .await?;
    prefetch(
        wants("verdicts"),
        loader::<ClaimListLoader<VerdictVersion>>(ctx),
        ids.clone(),
    )
    .await?;
    prefetch(
        wants("matches"),
        loader::<ClaimListLoader<ClaimMatch>>(ctx),
        ids.clone(),
    )
    .await?;
    let wants_notes = wants("notes") || wants("latestNote");
    prefetch(
        wants_notes,
        loader::<ClaimListLoader<(Note, User)>>(ctx),
        ids.clone(),
    )
    .await?;
    let (whole, lasts) = history_wanted(node);
    let mut events: Vec<i64> = Vec::new();
    let history = prefetch(
        whole,
        loader::<ClaimListLoader<ClaimEvent>>(ctx),
        ids.clone(),
    )
    .await?;
    events.extend(
        history
            .values()
            .flat_map(|events| events.iter().map(|e| e.actor_id)),
    );
    for last in lasts {
        let keys = ids.iter().map(|&id| (id, last)).collect();
        let recent = prefetch(true, loader::<RecentHistoryLoader>(ctx), keys).await?;
        events.extend(
            recent
                .values()
                .flat_map(|events| events.iter().map(|e| e.actor_id)),
        );
    }
    let mut users: Vec<i64> = Vec::new();
    if wants("assignee") || wants("closedBy") {
        let people = claims
            .iter()
            .map(|claim| [claim.assignee_id, claim.closed_by_id]);
        users.extend(people.flatten().flatten());
    }
    if node.field("history").field("actor").exists() {
        users.extend(events);
    }
    prefetch(true, loader::<RecordLoader<User>>(ctx), users).await?;
    Ok(())
}

/// Which histories the selection of a claim asks for: whether any `history` is wanted whole,
/// and each `last` that some `history(last: …)` asks for.
fn history_wanted(node: &async_graphql::Lookahead<'_>) -> (bool, Vec<u64>) {
    let mut whole = false;
    let mut lasts = Vec::new();
    for field in node.field("history").selection_fields() {
        let last = field.arguments().ok().and_then(|arguments| {
            let (_, value) = arguments.into_iter().find(|(name, _)| name == "last")?;
            match value {
                async_graphql::Value::Number(number) => number.as_u64(),
                _ => None,
            }
        });
        match last {
            Some(last) if !lasts.contains(&last) => lasts.push(last),
            Some(_) => {}
            None => whole = true,
        }
    }
    (whole, lasts)
}

/// Loads `keys` at once and feeds them to the request's cache, when `wanted`; returns what
/// it loaded. The keys are all known here, so the batch does not wait for the loader's delay
/// to gather more.
async fn prefetch<K, L>(
    wanted: bool,
    loader: &Cached<L>,
    mut keys: Vec<K>,
) -> async_graphql::Result<HashMap<K, L::Value>>
where
    K: Ord + Hash + Clone + Send + Sync + 'static,
    L: Loader<K, Error = async_graphql::Error>,
{
    keys.sort_unstable();
    keys.dedup();
    if !wanted || keys.is_empty() {
        return Ok(HashMap::new());
    }
    let found = loader.loader().load(&keys).await?;
    loader.feed_many(found.clone()).await;
    Ok(found)
}

/// What `L` loads for `id`, through the batch of its request; `NOT_FOUND` for the `entity`
/// when it finds nothing.
async fn found<L>(
    ctx: &Context<'_>,
    entity: &'static str,
    id: i64,
) -> async_graphql::Result<L::Value>
where
    L: Loader<i64, Error = async_graphql::Error>,
{
    let value = loader::<L>(ctx).load_one(id).await?;
    value.ok_or_else(|| api_error(StoreError::NotFound { entity, id }))
}

/// The loader of type `L` registered on the schema.
fn loader<'a, L: Send + Sync + 'static>(ctx: &Context<'a>) -> &'a Cached<L> {
    ctx.data_unchecked::<Cached<L>>()
}

/// The user with `id`, through the batch of its request.
pub(crate) async fn user(ctx: &Context<'_>, id: i64) -> async_graphql::Result<User> {
    found::<RecordLoader<User>>(ctx, "user", id).await
}

/// The article with `id`, through the batch of its request.
pub(crate) async fn article(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Arc<Article>> {
    found::<ArticleLoader>(ctx, "article", id).await
}

/// The source with `id`, through the batch of its request.
pub(crate) async fn source(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Source> {
    found::<RecordLoader<Source>>(ctx, "source", id).await
}

/// How many claims the source with `id` has, in all and by verdict.
pub(crate) async fn source_counts(
    ctx: &Context<'_>,
    id: i64,
) -> async_graphql::Result<claimdesk_store::SourceClaimCounts> {
    Ok(loader::<SourceCountsLoader>(ctx)
        .load_one(id)
        .await?
        .unwrap_or_default())
}

/// The body of the article with `id`, through the batch of its request.
pub(crate) async fn article_body(ctx: &Context<'_>, id: i64) -> async_graphql::Result<String> {
    let body = found::<ArticleBodyLoader>(ctx, "article", id).await?;
    Ok(body.to_string())
}

/// The last `last` events of the claim with `id`, oldest first.
pub(crate) async fn recent_history(
    ctx: &Context<'_>,
    id: i64,
    last: u64,
) -> async_graphql::Result<Shared<ClaimEvent>> {
    Ok(loader::<RecentHistoryLoader>(ctx)
        .load_one((id, last))
        .await?
        .unwrap_or_default())
}

/// The list of type `T` that hangs off the claim with `id` (its evidence, notes, history,
/// verdict versions or stored matches), in the list's order.
pub(crate) async fn claim_list<T: ClaimList>(
    ctx: &Context<'_>,
    id: i64,
) -> async_graphql::Result<Shared<T>> {
    Ok(loader::<ClaimListLoader<T>>(ctx)
        .load_one(id)
        .await?
        .unwrap_or_default())
}
