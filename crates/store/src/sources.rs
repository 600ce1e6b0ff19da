//! Sources: unique by name regardless of case, created on first use.

use claimdesk_core::{
    SourceKind,
    records::Source,
    validation::{limits, optional_text, required_text},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select,
    sea_query::{Expr, ExprTrait, LikeExpr},
};

use crate::{
    Created, Page, PageRequest, Store, StoreError,
    by_id::record_by_id,
    claims::contains_pattern,
    entities::source::{self, name_key},
    insert_once::insert_once,
    name_filter::name_in,
    pagination::read_page,
};

/// Which sources to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFilter {
    /// Of any of these kinds.
    pub kinds: Vec<SourceKind>,
    /// Whose name contains this, regardless of case.
    pub name: Option<String>,
}

impl SourceFilter {
    fn select(&self) -> Select<source::Entity> {
        let mut condition = Condition::all();
        condition = condition.add_option(name_in(source::Column::Kind, &self.kinds));
        if let Some(name) = &self.name {
            let pattern = LikeExpr::new(contains_pattern(&name_key(name))).escape('\\');
            condition = condition.add(Expr::col(source::Column::NameKey).like(pattern));
        }
        source::Entity::find().filter(condition)
    }
}

/// A source to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// The name, unique regardless of case.
    pub name: String,
    /// What kind of entity it is.
    pub kind: SourceKind,
    /// Who it is, for example a title and an affiliation.
    pub description: Option<String>,
}

impl Store {
    /// Records a source, or returns the one already recorded under the same name in any case.
    pub async fn create_source(&self, input: NewSource) -> Result<Created<Source>, StoreError> {
        required_text("name", &input.name, limits::NAME)?;
        optional_text(
            "description",
            input.description.as_deref(),
            limits::DESCRIPTION,
        )?;
        let key = name_key(&input.name);
        let row = source::ActiveModel {
            name: Set(input.name.trim().to_owned()),
            name_key: Set(key.clone()),
            kind: Set(input.kind.as_ref().to_owned()),
            description: Set(input.description),
            created_at: Set(self.clock.now()),
            ..Default::default()
        };
        insert_once(&self.db, row, || self.source_keyed(&key), Source::try_from).await
    }

    /// The source with `id`.
    pub async fn source(&self, id: i64) -> Result<Source, StoreError> {
        record_by_id::<source::Entity, _>(&self.reads, "source", id).await
    }

    /// A page of the sources that pass `filter`, oldest first.
    pub async fn sources(
        &self,
        filter: &SourceFilter,
        request: PageRequest,
    ) -> Result<Page<Source>, StoreError> {
        let page = read_page(&self.reads, filter.select(), source::Column::Id, request).await?;
        page.try_map(Source::try_from)
    }

    /// How many sources pass `filter`.
    pub async fn count_sources(&self, filter: &SourceFilter) -> Result<u64, StoreError> {
        Ok(filter.select().count(&self.reads).await?)
    }

    async fn source_keyed(&self, key: &str) -> Result<Option<Source>, StoreError> {
        source::Entity::find()
            .filter(source::Column::NameKey.eq(key))
            .one(&self.reads)
            .await?
            .map(Source::try_from)
            .transpose()
    }
}
