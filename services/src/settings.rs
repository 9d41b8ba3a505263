//! The marketplace-wide rates and delays operators set: commission, cashback, return
//! window, pickup hold, how long checkout holds stock. One row, created by the migration.

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::StoreError;
use crate::db::entity::platform_settings;

pub use platform_settings::Model as PlatformSettings;

/// The current settings.
pub async fn load(conn: &impl ConnectionTrait) -> Result<PlatformSettings, StoreError> {
    platform_settings::Entity::find_by_id(1)
        .one(conn)
        .await?
        .ok_or_else(missing)
}

/// The settings row is gone: the database was not migrated, or was damaged.
pub(crate) fn missing() -> StoreError {
    StoreError::Internal("platform_settings row is missing".into())
}
