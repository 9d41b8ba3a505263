//! Disputes: a shopper contests a seller order (not received, not as described), the
//! seller answers, an operator decides — a refund (taken back from what the seller is
//! owed, through the normal refund) or a rejection. One open dispute per seller order,
//! decided by the unique index rather than a check-then-insert.
//!
//! Also: a pickup is held 5 days by default (the figure; migration 4 said 7).
//! Only a platform whose settings no operator ever changed gets the new default.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE disputes (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        seller_order_id VARCHAR(36) NOT NULL REFERENCES seller_orders (id) ON DELETE RESTRICT,
        order_id VARCHAR(36) NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
        shop_id VARCHAR(36) NOT NULL REFERENCES shops (id) ON DELETE RESTRICT,
        user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        kind VARCHAR(20) NOT NULL CHECK (kind IN ('not_received', 'not_as_described')),
        message TEXT NOT NULL,
        seller_answer TEXT NULL,
        answered_at {ts} NULL,
        status VARCHAR(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'refunded', 'rejected')),
        decision_reason TEXT NULL,
        refund_cents BIGINT NULL CHECK (refund_cents IS NULL OR refund_cents > 0),
        decided_by VARCHAR(36) NULL REFERENCES users (id) ON DELETE RESTRICT,
        decided_at {ts} NULL,
        created_at {ts} NOT NULL,
        CHECK ((status = 'open') = (decided_at IS NULL)),
        CHECK ((status = 'refunded') = (refund_cents IS NOT NULL))
    )",
    "CREATE UNIQUE INDEX uq_disputes_open ON disputes (seller_order_id) WHERE status = 'open'",
    "CREATE INDEX idx_disputes_status ON disputes (status, created_at)",
    "CREATE INDEX idx_disputes_shop ON disputes (shop_id, created_at)",
    "CREATE INDEX idx_disputes_user ON disputes (user_id, created_at)",
    "UPDATE platform_settings SET pickup_hold_days = 5 WHERE pickup_hold_days = 7 \
        AND NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'settings.update')",
];

const DOWN: &[&str] = &["DROP TABLE disputes"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
