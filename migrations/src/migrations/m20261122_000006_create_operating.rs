//! Operating: the audit log of every operator action, shoppers' reports on offers, and
//! the reasons operators give that sellers see (`shops.status_reason`,
//! `offers.moderation_note`). Settings changes need no history table of their own: each
//! one is an audit row holding the old and new values.
//!
//! The audit log is append-only, and the database says so: a trigger refuses every
//! `UPDATE` and `DELETE` on it, on both engines, so that no code path (nor a hurried
//! hand in `psql`) can rewrite history.
//!
//! Plain DDL, self-contained (the timestamp type is the only difference between engines,
//! apart from how a trigger is written).

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE audit_log (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        operator_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        action VARCHAR(40) NOT NULL,
        target_type VARCHAR(20) NOT NULL,
        target_id VARCHAR(36) NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '[]',
        created_at {ts} NOT NULL
    )",
    "CREATE INDEX idx_audit_log_created ON audit_log (created_at, id)",
    "CREATE INDEX idx_audit_log_target ON audit_log (target_type, target_id)",
    "CREATE INDEX idx_audit_log_operator ON audit_log (operator_id, created_at)",
    "CREATE TABLE offer_reports (
        id VARCHAR(36) NOT NULL PRIMARY KEY,
        offer_id VARCHAR(36) NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
        reporter_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        reason VARCHAR(500) NOT NULL,
        status VARCHAR(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cleared', 'actioned')),
        created_at {ts} NOT NULL,
        resolved_at {ts} NULL,
        CHECK ((status = 'open') = (resolved_at IS NULL))
    )",
    // One open report per shopper and offer: the index decides, not a check-then-insert.
    "CREATE UNIQUE INDEX uq_offer_reports_open ON offer_reports (offer_id, reporter_id) WHERE status = 'open'",
    "CREATE INDEX idx_offer_reports_status ON offer_reports (status, offer_id)",
    "ALTER TABLE offers ADD COLUMN moderation_note TEXT NULL",
    "ALTER TABLE shops ADD COLUMN status_reason TEXT NULL",
];

const SQLITE_TRIGGERS: &[&str] = &[
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
];

const POSTGRES_TRIGGERS: &[&str] = &[
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
];

const DOWN: &[&str] = &[
    "ALTER TABLE shops DROP COLUMN status_reason",
    "ALTER TABLE offers DROP COLUMN moderation_note",
    "DROP TABLE offer_reports",
    "DROP TABLE audit_log",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await?;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => crate::ddl::run(manager, SQLITE_TRIGGERS).await,
            _ => crate::ddl::run(manager, POSTGRES_TRIGGERS).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let triggers: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &[
                "DROP TRIGGER audit_log_no_update",
                "DROP TRIGGER audit_log_no_delete",
            ],
            _ => &[
                "DROP TRIGGER audit_log_append_only ON audit_log",
                "DROP FUNCTION audit_log_append_only()",
            ],
        };
        crate::ddl::run(manager, triggers).await?;
        crate::ddl::run(manager, DOWN).await
    }
}
