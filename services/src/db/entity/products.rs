//! `products`: the shared catalog, one row per GTIN.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// 14 digits, leading zeros kept.
    #[sea_orm(unique)]
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub description: String,
    pub category_id: String,
    pub slug: String,
    /// Folded words for full-text search (see `catalog::text`).
    pub search_text: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
