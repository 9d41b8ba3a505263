//! A claimed `Idempotency-Key` holds a lease (`locked_until`), renewed while its request
//! runs. A process killed mid-request stops renewing, so its claim expires and a retry
//! with the same key runs instead of hearing "still running" for the key's whole life
//! (a day): before this, a checkout whose server died could never be retried with its
//! key. Rows claimed before this migration have no lease and count from `created_at`.
//!
//! A checkout also writes the order it placed on its key (`order_id`), in the order's own
//! transaction: a retry that takes over a dead checkout's key answers that order instead
//! of running again and finding the cart empty.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "ALTER TABLE idempotency_keys ADD COLUMN locked_until {ts} NULL",
    "ALTER TABLE idempotency_keys ADD COLUMN order_id VARCHAR(36) NULL",
];

const DOWN: &[&str] = &[
    "ALTER TABLE idempotency_keys DROP COLUMN order_id",
    "ALTER TABLE idempotency_keys DROP COLUMN locked_until",
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
