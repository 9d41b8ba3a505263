//! Analytics: the shopping funnel as events, and the shipping clock.
//!
//! - `events`: one row per step of a shopper's path — a product `view`, an `add_to_cart`,
//!   a `checkout_started`, an order `paid` (one row per seller order) — with the channel
//!   it came through and who took it (`visitor_key`: the account id, or a hash of an
//!   anonymous visitor's cookie). Views, adds and checkouts are written in batches off the
//!   request path and may be lost under overload; `paid` rows are written in the payment's
//!   own transaction. No foreign keys: an event outlives what it names, and checking
//!   them would slow the batched inserts down for nothing.
//! - `seller_orders.shipped_at`: when a delivery part was shipped, for the late-shipment
//!   figure. Parts shipped before this migration do not know it and never count as late.
//! - `orders.paid_at` gets an index: every revenue figure is "orders paid since".
//!
//! The paid orders already there get their `paid` rows, so the funnels start complete.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE events (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        kind VARCHAR(20) NOT NULL CHECK (kind IN ('view', 'add_to_cart', 'checkout_started', 'paid')),
        channel VARCHAR(8) NOT NULL,
        visitor_key VARCHAR(64) NOT NULL,
        product_id VARCHAR(36) NULL,
        offer_id VARCHAR(36) NULL,
        shop_id VARCHAR(36) NULL,
        order_id VARCHAR(36) NULL,
        occurred_at {ts} NOT NULL
    )",
    // The platform's funnel: every kind over a period.
    "CREATE INDEX idx_events_time ON events (occurred_at, kind)",
    // A shop's adds, checkouts and sales.
    "CREATE INDEX idx_events_shop ON events (shop_id, kind, occurred_at)",
    // A shop's visitors: views of the products it offers.
    "CREATE INDEX idx_events_product ON events (product_id, kind, occurred_at)",
    "ALTER TABLE seller_orders ADD COLUMN shipped_at {ts} NULL",
    "CREATE INDEX idx_orders_paid_at ON orders (paid_at)",
    // Event ids are the seller order ids here: unique, and never the id of a later event.
    "INSERT INTO events (id, kind, channel, visitor_key, shop_id, order_id, occurred_at) \
     SELECT so.id, 'paid', o.channel, o.user_id, so.shop_id, o.id, o.paid_at \
     FROM seller_orders so JOIN orders o ON o.id = so.order_id WHERE o.paid_at IS NOT NULL",
];

const DOWN: &[&str] = &[
    "DROP INDEX idx_orders_paid_at",
    "ALTER TABLE seller_orders DROP COLUMN shipped_at",
    "DROP TABLE events",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
