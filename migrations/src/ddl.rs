//! Plain DDL for both engines: the statements are written once, and only the timestamp
//! type differs, substituted for `{ts}`.

use sea_orm_migration::prelude::{DbErr, SchemaManager};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// The timestamp type sea-orm reads back as `DateTime<Utc>` on each engine.
fn timestamp_type(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Sqlite => "timestamp_with_timezone_text",
        _ => "TIMESTAMPTZ",
    }
}

/// Runs each statement in order, with `{ts}` replaced by the engine's timestamp type.
pub async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let ts = timestamp_type(manager.get_database_backend());
    for sql in statements {
        manager
            .get_connection()
            .execute_unprepared(&sql.replace("{ts}", ts))
            .await?;
    }
    Ok(())
}
