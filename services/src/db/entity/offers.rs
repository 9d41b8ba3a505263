//! `offers`: one shop's listing of a product.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait, Related, RelationDef, RelationTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub product_id: String,
    pub shop_id: String,
    pub price_cents: i64,
    pub currency: String,
    /// `new`, `like_new`, `very_good`, `good` or `acceptable`.
    pub condition: String,
    pub description: String,
    pub delivery_price_cents: i64,
    pub delivery_days: i32,
    /// `active`, `inactive`, `review` or `taken_down`.
    pub status: String,
    /// At or below this many free units at a location, the seller is alerted.
    pub low_stock_threshold: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The shop selling it: lets a product page read offers and shops in one query.
    #[sea_orm(
        belongs_to = "super::shops::Entity",
        from = "Column::ShopId",
        to = "super::shops::Column::Id"
    )]
    Shop,
}

impl Related<super::shops::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Shop.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
