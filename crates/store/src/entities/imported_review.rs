//! The `imported_reviews` table.

use sea_orm::entity::prelude::*;

/// A row of `imported_reviews`: a claim that stands for another publisher's ClaimReview.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "imported_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub claim_id: i64,
    pub url: String,
    pub publisher: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub rating_label: Option<String>,
    pub rating_value: Option<f64>,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
