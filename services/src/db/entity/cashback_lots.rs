//! `cashback_lots`: one earning (from a seller order) or credit (cashback given back by a
//! refund or an unpaid order) in a shopper's wallet, with what is left of it to spend.

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cashback_lots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    /// `earned` or `credit`.
    pub kind: String,
    pub seller_order_id: Option<String>,
    pub source_key: String,
    pub shop_id: Option<String>,
    pub platform_cents: i64,
    pub boost_cents: i64,
    pub reversed_cents: i64,
    pub remaining_cents: i64,
    /// `pending`, `available`, `reversed` or `expired`.
    pub status: String,
    pub available_at: Option<DateTimeUtc>,
    pub expires_at: Option<DateTimeUtc>,
    pub reminded: bool,
    pub created_at: DateTimeUtc,
}

impl Model {
    /// What the lot is worth once reversals are taken off.
    pub fn net_cents(&self) -> i64 {
        self.platform_cents + self.boost_cents - self.reversed_cents
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
