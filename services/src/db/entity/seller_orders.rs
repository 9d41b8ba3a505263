//! `seller_orders`: one shop's part of an order, with its own fulfilment and state.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait, Related, RelationDef, RelationTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "seller_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub order_id: String,
    pub shop_id: String,
    pub status: String,
    pub fulfilment: String,
    pub ship_name: Option<String>,
    pub ship_line1: Option<String>,
    pub ship_line2: Option<String>,
    pub ship_postcode: Option<String>,
    pub ship_city: Option<String>,
    pub ship_country: Option<String>,
    pub store_id: Option<String>,
    pub pickup_code: Option<String>,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub commission_bps: i32,
    pub commission_cents: i64,
    pub refunded_cents: i64,
    /// The share of the order's cashback spent on this part (refunds give it back first).
    pub cashback_used_cents: i64,
    pub return_status: String,
    pub return_reason: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub payable_at: Option<DateTimeUtc>,
    pub payable_released: bool,
    /// When a click & collect part became ready; the pickup hold runs from here.
    pub ready_at: Option<DateTimeUtc>,
    /// The store that took a return back over the counter.
    pub return_store_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::shops::Entity",
        from = "Column::ShopId",
        to = "super::shops::Column::Id"
    )]
    Shop,
}

/// A seller order read with its shop in one query (`find_also_related`).
impl Related<super::shops::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Shop.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
