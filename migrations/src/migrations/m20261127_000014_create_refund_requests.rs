//! A refund asked of the payment provider is written down before it is asked
//! (`refund_requests`, keyed by the provider's idempotency key). Before this, a refund
//! the provider made but whose answer was lost (a timeout, a 5xx, the process killed
//! mid-call) was recorded only if the seller asked again; otherwise the money was back
//! on the card while our books said it was not. Now a job asks again, with the same key,
//! every request still `asked` after a while, and records the answer.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE refund_requests (
        provider_key VARCHAR(120) NOT NULL PRIMARY KEY,
        seller_order_id VARCHAR(36) NOT NULL REFERENCES seller_orders (id) ON DELETE CASCADE,
        refunded_from BIGINT NOT NULL,
        amount_cents BIGINT NOT NULL,
        reason TEXT NOT NULL,
        status VARCHAR(12) NOT NULL DEFAULT 'asked',
        created_at {ts} NOT NULL,
        updated_at {ts} NOT NULL
    )",
    "CREATE INDEX idx_refund_requests_status ON refund_requests (status, updated_at)",
    "CREATE INDEX idx_refund_requests_seller_order ON refund_requests (seller_order_id, status)",
];

const DOWN: &[&str] = &["DROP TABLE refund_requests"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
