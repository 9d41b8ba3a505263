//! Omnichannel: what follows a shopper from one device or channel to the next.
//!
//! - `wishlist_items`: the products an account wishes for, one row each, so the list is
//!   the same on the web, in the app and at the till.
//! - `recently_viewed.channel`: where the product was last seen (`web`, `api`, `store`),
//!   so the storefront can say "seen on your phone".
//! - `cart_handoffs`: a short code that carries an account's cart to a seller's till.
//!   The code expires; each shop may complete one sale with it (`cart_handoff_sales`,
//!   whose primary key decides when two tills race).
//! - `sessions.last_used_channel` is not needed: tokens already carry `last_seen_at`.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE wishlist_items (
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        product_id VARCHAR(36) NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        added_at {ts} NOT NULL,
        PRIMARY KEY (user_id, product_id)
    )",
    "CREATE INDEX idx_wishlist_items_recent ON wishlist_items (user_id, added_at)",
    "ALTER TABLE recently_viewed ADD COLUMN channel VARCHAR(8) NOT NULL DEFAULT 'web'",
    "CREATE TABLE cart_handoffs (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        code VARCHAR(16) NOT NULL UNIQUE,
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at {ts} NOT NULL,
        expires_at {ts} NOT NULL
    )",
    "CREATE INDEX idx_cart_handoffs_expiry ON cart_handoffs (expires_at)",
    "CREATE TABLE cart_handoff_sales (
        handoff_id VARCHAR(36) NOT NULL REFERENCES cart_handoffs (id) ON DELETE CASCADE,
        shop_id VARCHAR(36) NOT NULL REFERENCES shops (id),
        order_id VARCHAR(36) NOT NULL REFERENCES orders (id),
        created_at {ts} NOT NULL,
        PRIMARY KEY (handoff_id, shop_id)
    )",
];

const DOWN: &[&str] = &[
    "DROP TABLE cart_handoff_sales",
    "DROP TABLE cart_handoffs",
    "ALTER TABLE recently_viewed DROP COLUMN channel",
    "DROP TABLE wishlist_items",
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
