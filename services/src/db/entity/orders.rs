//! `orders`: what a shopper pays for in one checkout.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait, Related, RelationDef, RelationTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub number: String,
    pub user_id: String,
    pub status: String,
    pub channel: String,
    pub currency: String,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub cashback_used_cents: i64,
    pub total_cents: i64,
    pub vat_cents: i64,
    pub discount_code_id: Option<String>,
    pub discount_code: Option<String>,
    pub cart_id: Option<String>,
    pub expires_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub paid_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_one = "super::payments::Entity")]
    Payment,
}

/// An order read with its payment in one query (`find_also_related`).
impl Related<super::payments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Payment.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
