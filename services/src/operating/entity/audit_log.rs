//! `audit_log`: one row per operator action; append-only (a trigger refuses changes).

use sea_orm::entity::prelude::{
    ActiveModelBehavior, DateTimeUtc, DeriveEntityModel, DerivePrimaryKey, DeriveRelation,
    EntityTrait, EnumIter, PrimaryKeyTrait,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub operator_id: String,
    /// e.g. `shop.approve`, `offer.takedown`, `settings.update`.
    pub action: String,
    /// `shop`, `offer` or `settings`.
    pub target_type: String,
    pub target_id: String,
    pub reason: String,
    /// JSON: `[{"field": …, "old": …, "new": …}]`.
    pub details: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
