//! Every Halles schema change, in order, on SQLite and PostgreSQL.
//!
//! History is forward-only: a migration that has shipped is never edited; a change is a
//! new file named `mYYYYMMDD_HHMMSS_<verb>_<thing>.rs`. Each migration names its own
//! tables and columns (`DeriveIden` enums local to the file) so that later entity changes
//! cannot rewrite history. `migrations/README.md` lists the CLI verbs.

use sea_orm_migration::{MigrationTrait, MigratorTrait};

mod ddl;
mod migrations;

pub use sea_orm_migration;

/// The ordered list of every migration.
pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(migrations::m20261122_000001_create_accounts::Migration),
            Box::new(migrations::m20261122_000002_create_catalog::Migration),
            Box::new(migrations::m20261122_000003_create_recently_viewed::Migration),
            Box::new(migrations::m20261122_000004_create_orders::Migration),
            Box::new(migrations::m20261122_000005_create_cashback::Migration),
            Box::new(migrations::m20261122_000006_create_operating::Migration),
            Box::new(migrations::m20261123_000007_create_stock_movements::Migration),
            Box::new(migrations::m20261123_000008_create_disputes::Migration),
            Box::new(migrations::m20261124_000009_create_events::Migration),
            Box::new(migrations::m20261125_000010_create_omnichannel::Migration),
            Box::new(migrations::m20261125_000011_create_product_listings::Migration),
            Box::new(migrations::m20261126_000012_idempotency_leases::Migration),
            Box::new(migrations::m20261127_000013_notification_leases::Migration),
            Box::new(migrations::m20261127_000014_create_refund_requests::Migration),
        ]
    }
}
