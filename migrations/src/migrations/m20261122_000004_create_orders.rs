//! Buying: carts, discount codes, orders with one seller order per shop, order lines,
//! stock reservations, payments, the money ledger, idempotency keys, the notification
//! outbox and the platform settings.
//!
//! Written as plain DDL rather than the schema builder: it is shorter to read, and the two
//! engines only differ in the timestamp type, substituted below (`{ts}`). Money is BIGINT
//! cents everywhere; CHECK constraints keep quantities and amounts in range so that a bug
//! fails loudly instead of writing nonsense.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "ALTER TABLE shops ADD COLUMN commission_bps INTEGER NULL CHECK (commission_bps BETWEEN 0 AND 10000)",
    "ALTER TABLE categories ADD COLUMN commission_bps INTEGER NULL CHECK (commission_bps BETWEEN 0 AND 10000)",
    "CREATE TABLE platform_settings (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        commission_rate_bps INTEGER NOT NULL DEFAULT 1200 CHECK (commission_rate_bps BETWEEN 0 AND 10000),
        cashback_rate_bps INTEGER NOT NULL DEFAULT 300 CHECK (cashback_rate_bps BETWEEN 0 AND 10000),
        return_window_days INTEGER NOT NULL DEFAULT 14 CHECK (return_window_days BETWEEN 0 AND 365),
        pickup_hold_days INTEGER NOT NULL DEFAULT 7 CHECK (pickup_hold_days BETWEEN 1 AND 60),
        reservation_minutes INTEGER NOT NULL DEFAULT 15 CHECK (reservation_minutes BETWEEN 1 AND 1440),
        updated_at {ts} NOT NULL
    )",
    "CREATE TABLE carts (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        user_id VARCHAR(36) NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
        guest_token_hash VARCHAR(64) NULL UNIQUE,
        notices TEXT NOT NULL DEFAULT '',
        created_at {ts} NOT NULL,
        updated_at {ts} NOT NULL,
        CHECK (user_id IS NOT NULL OR guest_token_hash IS NOT NULL)
    )",
    "CREATE TABLE cart_items (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        cart_id VARCHAR(36) NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        offer_id VARCHAR(36) NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
        price_cents_seen BIGINT NOT NULL,
        added_at {ts} NOT NULL,
        UNIQUE (cart_id, offer_id)
    )",
    "CREATE TABLE discount_codes (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        code VARCHAR(40) NOT NULL UNIQUE,
        shop_id VARCHAR(36) NULL REFERENCES shops (id) ON DELETE CASCADE,
        kind VARCHAR(10) NOT NULL CHECK (kind IN ('percent', 'fixed')),
        value BIGINT NOT NULL CHECK (value > 0),
        min_items_cents BIGINT NOT NULL DEFAULT 0,
        starts_at {ts} NULL,
        ends_at {ts} NULL,
        max_uses INTEGER NULL,
        used_count INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0),
        created_at {ts} NOT NULL,
        CHECK (max_uses IS NULL OR used_count <= max_uses)
    )",
    "CREATE TABLE orders (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        number VARCHAR(16) NOT NULL UNIQUE,
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        status VARCHAR(20) NOT NULL,
        channel VARCHAR(8) NOT NULL,
        currency VARCHAR(3) NOT NULL DEFAULT 'EUR',
        items_cents BIGINT NOT NULL CHECK (items_cents >= 0),
        shipping_cents BIGINT NOT NULL CHECK (shipping_cents >= 0),
        discount_cents BIGINT NOT NULL CHECK (discount_cents >= 0),
        cashback_used_cents BIGINT NOT NULL CHECK (cashback_used_cents >= 0),
        total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
        vat_cents BIGINT NOT NULL CHECK (vat_cents >= 0),
        discount_code_id VARCHAR(36) NULL REFERENCES discount_codes (id) ON DELETE SET NULL,
        discount_code VARCHAR(40) NULL,
        cart_id VARCHAR(36) NULL,
        expires_at {ts} NULL,
        created_at {ts} NOT NULL,
        updated_at {ts} NOT NULL,
        paid_at {ts} NULL
    )",
    "CREATE INDEX idx_orders_user_created ON orders (user_id, created_at)",
    "CREATE INDEX idx_orders_status_expires ON orders (status, expires_at)",
    "CREATE TABLE seller_orders (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        order_id VARCHAR(36) NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        shop_id VARCHAR(36) NOT NULL REFERENCES shops (id) ON DELETE RESTRICT,
        status VARCHAR(20) NOT NULL,
        fulfilment VARCHAR(10) NOT NULL CHECK (fulfilment IN ('delivery', 'pickup')),
        ship_name VARCHAR(120) NULL,
        ship_line1 VARCHAR(200) NULL,
        ship_line2 VARCHAR(200) NULL,
        ship_postcode VARCHAR(10) NULL,
        ship_city VARCHAR(80) NULL,
        ship_country VARCHAR(2) NULL,
        store_id VARCHAR(36) NULL REFERENCES locations (id) ON DELETE RESTRICT,
        pickup_code VARCHAR(12) NULL,
        carrier VARCHAR(60) NULL,
        tracking VARCHAR(80) NULL,
        items_cents BIGINT NOT NULL CHECK (items_cents >= 0),
        shipping_cents BIGINT NOT NULL CHECK (shipping_cents >= 0),
        discount_cents BIGINT NOT NULL CHECK (discount_cents >= 0),
        total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
        commission_bps INTEGER NOT NULL,
        commission_cents BIGINT NOT NULL CHECK (commission_cents >= 0),
        refunded_cents BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= total_cents),
        return_status VARCHAR(10) NOT NULL DEFAULT 'none',
        return_reason VARCHAR(500) NULL,
        completed_at {ts} NULL,
        payable_at {ts} NULL,
        payable_released BOOLEAN NOT NULL DEFAULT FALSE,
        created_at {ts} NOT NULL,
        updated_at {ts} NOT NULL,
        UNIQUE (order_id, shop_id)
    )",
    "CREATE INDEX idx_seller_orders_shop_status ON seller_orders (shop_id, status, created_at)",
    "CREATE INDEX idx_seller_orders_payable ON seller_orders (payable_released, payable_at)",
    "CREATE TABLE order_lines (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        seller_order_id VARCHAR(36) NOT NULL REFERENCES seller_orders (id) ON DELETE CASCADE,
        offer_id VARCHAR(36) NOT NULL,
        product_id VARCHAR(36) NOT NULL,
        title VARCHAR(200) NOT NULL,
        condition VARCHAR(16) NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents > 0),
        line_cents BIGINT NOT NULL CHECK (line_cents > 0)
    )",
    "CREATE INDEX idx_order_lines_seller_order ON order_lines (seller_order_id)",
    "CREATE TABLE reservations (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        order_id VARCHAR(36) NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        order_line_id VARCHAR(36) NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
        offer_id VARCHAR(36) NOT NULL,
        location_id VARCHAR(36) NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        status VARCHAR(10) NOT NULL CHECK (status IN ('held', 'committed', 'released', 'restocked')),
        created_at {ts} NOT NULL,
        FOREIGN KEY (offer_id, location_id) REFERENCES stock_levels (offer_id, location_id) ON DELETE RESTRICT
    )",
    "CREATE INDEX idx_reservations_order ON reservations (order_id)",
    "CREATE INDEX idx_reservations_stock ON reservations (offer_id, location_id, status)",
    "CREATE TABLE payments (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        order_id VARCHAR(36) NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
        provider VARCHAR(10) NOT NULL,
        provider_ref VARCHAR(80) NULL,
        status VARCHAR(20) NOT NULL,
        amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
        captured_cents BIGINT NOT NULL DEFAULT 0 CHECK (captured_cents >= 0 AND captured_cents <= amount_cents),
        refunded_cents BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= captured_cents),
        card_brand VARCHAR(20) NULL,
        card_last4 VARCHAR(4) NULL,
        decline_code VARCHAR(40) NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at {ts} NOT NULL,
        updated_at {ts} NOT NULL
    )",
    "CREATE TABLE refunds (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        seller_order_id VARCHAR(36) NOT NULL REFERENCES seller_orders (id) ON DELETE CASCADE,
        amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
        reason VARCHAR(500) NOT NULL,
        provider_ref VARCHAR(80) NULL,
        created_at {ts} NOT NULL
    )",
    "CREATE INDEX idx_refunds_seller_order ON refunds (seller_order_id)",
    "CREATE TABLE ledger_entries (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        movement_key VARCHAR(120) NOT NULL,
        account VARCHAR(80) NOT NULL,
        amount_cents BIGINT NOT NULL CHECK (amount_cents <> 0),
        currency VARCHAR(3) NOT NULL DEFAULT 'EUR',
        order_id VARCHAR(36) NULL,
        seller_order_id VARCHAR(36) NULL,
        created_at {ts} NOT NULL,
        UNIQUE (movement_key, account)
    )",
    "CREATE INDEX idx_ledger_account ON ledger_entries (account)",
    "CREATE TABLE idempotency_keys (
        user_id VARCHAR(36) NOT NULL,
        scope VARCHAR(60) NOT NULL,
        idempotency_key VARCHAR(100) NOT NULL,
        request_hash VARCHAR(64) NOT NULL,
        status_code INTEGER NULL,
        response_body TEXT NULL,
        created_at {ts} NOT NULL,
        PRIMARY KEY (user_id, scope, idempotency_key)
    )",
    "CREATE TABLE notifications (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind VARCHAR(30) NOT NULL,
        email VARCHAR(254) NOT NULL,
        subject VARCHAR(200) NOT NULL,
        body TEXT NOT NULL,
        order_id VARCHAR(36) NULL,
        dedupe_key VARCHAR(120) NOT NULL UNIQUE,
        status VARCHAR(10) NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NULL,
        created_at {ts} NOT NULL,
        sent_at {ts} NULL
    )",
    "CREATE INDEX idx_notifications_status ON notifications (status, created_at)",
    "CREATE INDEX idx_notifications_user ON notifications (user_id, created_at)",
];

const DOWN: &[&str] = &[
    "DROP TABLE notifications",
    "DROP TABLE idempotency_keys",
    "DROP TABLE ledger_entries",
    "DROP TABLE refunds",
    "DROP TABLE payments",
    "DROP TABLE reservations",
    "DROP TABLE order_lines",
    "DROP TABLE seller_orders",
    "DROP TABLE orders",
    "DROP TABLE discount_codes",
    "DROP TABLE cart_items",
    "DROP TABLE carts",
    "DROP TABLE platform_settings",
    "ALTER TABLE categories DROP COLUMN commission_bps",
    "ALTER TABLE shops DROP COLUMN commission_bps",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await?;
        let insert_settings = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                "INSERT INTO platform_settings (id, updated_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))"
            }
            _ => "INSERT INTO platform_settings (id, updated_at) VALUES (1, now())",
        };
        manager
            .get_connection()
            .execute_unprepared(insert_settings)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
