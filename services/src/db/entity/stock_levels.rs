//! `stock_levels`: units of an offer held at a location; `reserved` are promised to checkouts.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_levels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub offer_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub location_id: String,
    pub quantity: i32,
    pub reserved: i32,
    /// When the seller was told this row ran low; cleared once it is restocked above the
    /// offer's threshold, so each dip alerts once.
    pub low_alerted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
