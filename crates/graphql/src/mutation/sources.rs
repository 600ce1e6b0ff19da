//! `createSource`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use claimdesk_core::Role;
use claimdesk_store::NewSource;

use crate::{
    enums::SourceKind, error::api_error, guard::RoleGuard, object::Source, state::ContextExt,
};

/// A source to record.
#[derive(InputObject)]
pub struct CreateSourceInput {
    /// The name, unique regardless of case.
    name: String,
    /// What kind of entity the source is.
    #[graphql(default_with = "SourceKind::Unknown")]
    kind: SourceKind,
    /// Who the source is, for example a title and an affiliation.
    description: Option<String>,
}

/// The result of `createSource`.
#[derive(SimpleObject)]
pub struct CreateSourcePayload {
    /// The source.
    source: Source,
    /// Whether this request created it; false when a source of that name already existed.
    created: bool,
}

#[derive(Default)]
pub struct SourceMutations;

#[Object]
impl SourceMutations {
    /// Records a source, or returns the one that already has this name in any case.
    #[graphql(guard = "RoleGuard(Role::Ingest)")]
    async fn create_source(
        &self,
        ctx: &Context<'_>,
        input: CreateSourceInput,
    ) -> Result<CreateSourcePayload> {
        let input = NewSource {
            name: input.name,
            kind: input.kind.into(),
            description: input.description,
        };
        let created = ctx.store().create_source(input).await.map_err(api_error)?;
        Ok(CreateSourcePayload {
            source: Source(created.record),
            created: created.created,
        })
    }
}
