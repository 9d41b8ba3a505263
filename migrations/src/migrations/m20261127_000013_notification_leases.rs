//! A notification being sent holds a lease (`claimed_until`). Before this, a message was
//! marked `sending` and a process killed between that mark and the e-mail left it
//! `sending` for ever: never sent, never retried. Now a `sending` row whose lease has run
//! out is claimed again by the next job run, in any process. Rows marked `sending` before
//! this migration have no lease and are claimed again at once.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &["ALTER TABLE notifications ADD COLUMN claimed_until {ts} NULL"];

const DOWN: &[&str] = &["ALTER TABLE notifications DROP COLUMN claimed_until"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
