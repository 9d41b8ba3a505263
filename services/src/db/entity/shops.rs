//! `shops`: sellers' e-shops, public only once approved.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shops")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `pending`, `approved`, `rejected` or `suspended`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub banner_color: String,
    pub return_policy: String,
    pub shipping_flat_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    /// Average rating × 100.
    pub rating_centi: i32,
    pub rating_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
