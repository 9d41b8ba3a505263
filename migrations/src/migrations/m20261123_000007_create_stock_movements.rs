//! Stock that explains itself, and the click & collect clock.
//!
//! - `stock_movements`: every change of a stock row (`stock_levels.quantity` or
//!   `reserved`) with its reason, so that a level is always the sum of its movements
//!   (`halles check` verifies it). Append-only, enforced by triggers as for the audit log.
//!   Existing rows get an opening movement so that the sums hold from the start.
//! - `offers.low_stock_threshold`: at or below this many free units at a location, the
//!   seller is alerted; `stock_levels.low_alerted_at` remembers the alert until the row
//!   is restocked above it, so each dip alerts once.
//! - `seller_orders.ready_at`: when a click & collect part became ready; the pickup hold
//!   runs from there.
//! - `seller_orders.return_store_id`: the store that took a return back, when the item
//!   came back over the counter.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE stock_movements (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        offer_id VARCHAR(36) NOT NULL,
        location_id VARCHAR(36) NOT NULL,
        reason VARCHAR(12) NOT NULL CHECK (reason IN ('receipt', 'sale', 'reservation', \
            'release', 'return', 'cancellation', 'adjustment', 'transfer')),
        quantity_change INTEGER NOT NULL,
        reserved_change INTEGER NOT NULL,
        order_id VARCHAR(36) NULL,
        note VARCHAR(200) NOT NULL DEFAULT '',
        created_at {ts} NOT NULL,
        CHECK (quantity_change <> 0 OR reserved_change <> 0),
        FOREIGN KEY (offer_id, location_id) REFERENCES stock_levels (offer_id, location_id) ON DELETE RESTRICT
    )",
    "CREATE INDEX idx_stock_movements_level ON stock_movements (offer_id, location_id, created_at)",
    "ALTER TABLE offers ADD COLUMN low_stock_threshold INTEGER NOT NULL DEFAULT 2 \
        CHECK (low_stock_threshold >= 0)",
    "ALTER TABLE stock_levels ADD COLUMN low_alerted_at {ts} NULL",
    "ALTER TABLE seller_orders ADD COLUMN ready_at {ts} NULL",
    // No foreign key: SQLite cannot drop a column that has one (the down migration).
    "ALTER TABLE seller_orders ADD COLUMN return_store_id VARCHAR(36) NULL",
];

/// The opening movement of every existing stock row (ids differ per engine).
const SQLITE_OPENING: &str = "INSERT INTO stock_movements \
    (id, offer_id, location_id, reason, quantity_change, reserved_change, note, created_at) \
    SELECT lower(hex(randomblob(16))), offer_id, location_id, 'adjustment', quantity, reserved, \
    'opening balance', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') \
    FROM stock_levels WHERE quantity <> 0 OR reserved <> 0";
const POSTGRES_OPENING: &str = "INSERT INTO stock_movements \
    (id, offer_id, location_id, reason, quantity_change, reserved_change, note, created_at) \
    SELECT md5(random()::text || offer_id || location_id), offer_id, location_id, 'adjustment', \
    quantity, reserved, 'opening balance', now() \
    FROM stock_levels WHERE quantity <> 0 OR reserved <> 0";

const SQLITE_TRIGGERS: &[&str] = &[
    "CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements \
     BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END",
    "CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements \
     BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END",
];

const POSTGRES_TRIGGERS: &[&str] = &[
    "CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'stock_movements is append-only'; END $$",
    "CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements \
     FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()",
];

const DOWN: &[&str] = &[
    "ALTER TABLE seller_orders DROP COLUMN return_store_id",
    "ALTER TABLE seller_orders DROP COLUMN ready_at",
    "ALTER TABLE stock_levels DROP COLUMN low_alerted_at",
    "ALTER TABLE offers DROP COLUMN low_stock_threshold",
    "DROP TABLE stock_movements",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await?;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                crate::ddl::run(manager, &[SQLITE_OPENING]).await?;
                crate::ddl::run(manager, SQLITE_TRIGGERS).await
            }
            _ => {
                crate::ddl::run(manager, &[POSTGRES_OPENING]).await?;
                crate::ddl::run(manager, POSTGRES_TRIGGERS).await
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let triggers: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &[
                "DROP TRIGGER stock_movements_no_update",
                "DROP TRIGGER stock_movements_no_delete",
            ],
            _ => &[
                "DROP TRIGGER stock_movements_append_only ON stock_movements",
                "DROP FUNCTION stock_movements_append_only()",
            ],
        };
        crate::ddl::run(manager, triggers).await?;
        crate::ddl::run(manager, DOWN).await
    }
}
