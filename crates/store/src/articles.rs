//! Articles: created idempotently by URL, read by ID or page by page.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    records::Article,
    validation::{limits, optional_text, required_text, web_url},
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    Created, Page, PageRequest, Store, StoreError, entities::article, insert_once::insert_once,
    page::read_page,
};

/// An article to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// Where it is published: an absolute http or https URL, unique.
    pub url: String,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The full text, which quote offsets will refer to.
    pub body: String,
}

impl Store {
    /// Records an article, or returns the one already recorded under the same URL with the
    /// same title and body, so that a retried request creates nothing twice.
    pub async fn create_article(&self, input: NewArticle) -> Result<Created<Article>, StoreError> {
        let url = web_url("url", &input.url)?;
        required_text("title", &input.title, limits::TITLE)?;
        optional_text("publisher", input.publisher.as_deref(), limits::NAME)?;
        required_text("body", &input.body, limits::ARTICLE_BODY)?;
        let url = String::from(url);

        let row = article::ActiveModel {
            url: Set(url.clone()),
            title: Set(input.title.clone()),
            publisher: Set(input.publisher.clone()),
            published_at: Set(input.published_at),
            body: Set(input.body.clone()),
            ingested_at: Set(self.clock.now()),
            ..Default::default()
        };
        let article = insert_once(
            &self.db,
            row,
            || self.article_at(&url),
            |row| Ok(row.into()),
        )
        .await?;
        if article.created {
            Ok(article)
        } else {
            same_article(article.record, &input)
        }
    }

    /// The article with `id`.
    pub async fn article(&self, id: i64) -> Result<Article, StoreError> {
        Ok(article::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::not_found("article", id))?
            .into())
    }

    /// A page of articles, oldest first.
    pub async fn articles(&self, request: PageRequest) -> Result<Page<Article>, StoreError> {
        let page = read_page(
            &self.db,
            article::Entity::find(),
            article::Column::Id,
            request,
        )
        .await?;
        page.try_map(|row| Ok(row.into()))
    }

    /// How many articles there are.
    pub async fn count_articles(&self) -> Result<u64, StoreError> {
        Ok(article::Entity::find().count(&self.db).await?)
    }

    async fn article_at(&self, url: &str) -> Result<Option<Article>, StoreError> {
        let row = article::Entity::find()
            .filter(article::Column::Url.eq(url))
            .one(&self.db)
            .await?;
        Ok(row.map(Article::from))
    }
}

fn same_article(existing: Article, input: &NewArticle) -> Result<Created<Article>, StoreError> {
    if existing.title == input.title && existing.body == input.body {
        Ok(Created {
            record: existing,
            created: false,
        })
    } else {
        Err(StoreError::Duplicate {
            field: "url",
            message: format!(
                "article {} already has this URL with a different title or body",
                existing.id
            ),
        })
    }
}
