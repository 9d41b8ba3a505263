//! Cashback: seller-funded boosts, platform campaigns, each shopper's wallet (a cache of
//! its ledger balances, with CHECK constraints so no race can drive it below zero), and
//! cashback lots — one per earning or credit — that mature, get spent first-to-expire,
//! get reversed in proportion to refunds, and expire.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "ALTER TABLE shops ADD COLUMN cashback_boost_bps INTEGER NULL CHECK (cashback_boost_bps BETWEEN 0 AND 5000)",
    "ALTER TABLE offers ADD COLUMN cashback_boost_bps INTEGER NULL CHECK (cashback_boost_bps BETWEEN 0 AND 5000)",
    "ALTER TABLE platform_settings ADD COLUMN cashback_expiry_months INTEGER NOT NULL DEFAULT 12 CHECK (cashback_expiry_months BETWEEN 1 AND 120)",
    "ALTER TABLE seller_orders ADD COLUMN cashback_used_cents BIGINT NOT NULL DEFAULT 0 CHECK (cashback_used_cents >= 0)",
    "ALTER TABLE refunds ADD COLUMN to_card_cents BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE refunds ADD COLUMN to_wallet_cents BIGINT NOT NULL DEFAULT 0",
    "CREATE TABLE cashback_campaigns (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        name VARCHAR(120) NOT NULL,
        shop_id VARCHAR(36) NULL REFERENCES shops (id) ON DELETE CASCADE,
        category_id VARCHAR(36) NULL REFERENCES categories (id) ON DELETE CASCADE,
        rate_bps INTEGER NOT NULL CHECK (rate_bps BETWEEN 1 AND 5000),
        starts_at {ts} NOT NULL,
        ends_at {ts} NOT NULL,
        created_at {ts} NOT NULL,
        CHECK (ends_at > starts_at)
    )",
    "CREATE TABLE wallets (
        user_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        available_cents BIGINT NOT NULL DEFAULT 0 CHECK (available_cents >= 0),
        pending_cents BIGINT NOT NULL DEFAULT 0 CHECK (pending_cents >= 0),
        updated_at {ts} NOT NULL
    )",
    "CREATE TABLE cashback_lots (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind VARCHAR(10) NOT NULL CHECK (kind IN ('earned', 'credit')),
        seller_order_id VARCHAR(36) NULL UNIQUE REFERENCES seller_orders (id) ON DELETE RESTRICT,
        source_key VARCHAR(120) NOT NULL UNIQUE,
        shop_id VARCHAR(36) NULL,
        platform_cents BIGINT NOT NULL CHECK (platform_cents >= 0),
        boost_cents BIGINT NOT NULL CHECK (boost_cents >= 0),
        reversed_cents BIGINT NOT NULL DEFAULT 0 CHECK (reversed_cents >= 0),
        remaining_cents BIGINT NOT NULL DEFAULT 0 CHECK (remaining_cents >= 0),
        status VARCHAR(10) NOT NULL CHECK (status IN ('pending', 'available', 'reversed', 'expired')),
        available_at {ts} NULL,
        expires_at {ts} NULL,
        reminded BOOLEAN NOT NULL DEFAULT FALSE,
        created_at {ts} NOT NULL,
        CHECK (reversed_cents <= platform_cents + boost_cents),
        CHECK (remaining_cents <= platform_cents + boost_cents - reversed_cents)
    )",
    "CREATE INDEX idx_cashback_lots_user ON cashback_lots (user_id, status, expires_at)",
    "CREATE INDEX idx_cashback_lots_status ON cashback_lots (status, expires_at)",
];

const DOWN: &[&str] = &[
    "DROP TABLE cashback_lots",
    "DROP TABLE wallets",
    "DROP TABLE cashback_campaigns",
    "ALTER TABLE refunds DROP COLUMN to_wallet_cents",
    "ALTER TABLE refunds DROP COLUMN to_card_cents",
    "ALTER TABLE seller_orders DROP COLUMN cashback_used_cents",
    "ALTER TABLE platform_settings DROP COLUMN cashback_expiry_months",
    "ALTER TABLE offers DROP COLUMN cashback_boost_bps",
    "ALTER TABLE shops DROP COLUMN cashback_boost_bps",
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
