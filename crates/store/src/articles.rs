//! Articles: created idempotently by URL, read by ID or page by page.

use chrono::{DateTime, Utc};
use claimdesk_core::{
    records::Article,
    validation::{limits, optional_text, required_text, web_url},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use crate::{
    Created, Page, PageRequest, Store, StoreError, by_id::row_by_id, claims::contains_pattern,
    entities::article, insert_once::insert_once, pagination::read_page,
};

/// Which articles to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Whose headline contains this, regardless of case.
    pub title: Option<String>,
    /// Published by this publisher, regardless of case.
    pub publisher: Option<String>,
    /// Published before this instant.
    pub published_before: Option<DateTime<Utc>>,
    /// Published at or after this instant.
    pub published_after: Option<DateTime<Utc>>,
}

impl ArticleFilter {
    fn select(&self) -> Select<article::Entity> {
        let lower = |column: article::Column| Expr::expr(Func::lower(Expr::col(column)));
        let mut condition = Condition::all();
        if let Some(title) = &self.title {
            let pattern = LikeExpr::new(contains_pattern(title)).escape('\\');
            condition = condition.add(lower(article::Column::Title).like(pattern));
        }
        if let Some(publisher) = &self.publisher {
            condition =
                condition.add(lower(article::Column::Publisher).eq(publisher.to_lowercase()));
        }
        if let Some(before) = self.published_before {
            condition = condition.add(article::Column::PublishedAt.lt(before));
        }
        if let Some(after) = self.published_after {
            condition = condition.add(article::Column::PublishedAt.gte(after));
        }
        article::Entity::find().filter(condition)
    }
}

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
        Ok(row_by_id::<article::Entity>(&self.reads, "article", id)
            .await?
            .into())
    }

    /// A page of the articles that pass `filter`, oldest first.
    pub async fn articles(
        &self,
        filter: &ArticleFilter,
        request: PageRequest,
    ) -> Result<Page<Article>, StoreError> {
        let page = read_page(&self.reads, filter.select(), article::Column::Id, request).await?;
        page.try_map(|row| Ok(row.into()))
    }

    /// How many articles pass `filter`.
    pub async fn count_articles(&self, filter: &ArticleFilter) -> Result<u64, StoreError> {
        Ok(filter.select().count(&self.reads).await?)
    }

    async fn article_at(&self, url: &str) -> Result<Option<Article>, StoreError> {
        let row = article::Entity::find()
            .filter(article::Column::Url.eq(url))
            .one(&self.reads)
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
