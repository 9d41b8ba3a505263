//! The platform settings operators set: commission, cashback base rate, return window,
//! pickup hold. Each field is checked on its own (a 422 names it); a change applies to
//! orders placed afterwards (checkout copies the rates it used onto the order) and is
//! recorded in the audit log with the old and new values.

use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, QuerySelect};

use super::audit::{AuditChange, record};
use crate::db::entity::platform_settings;
use crate::db::statement;
use crate::settings::PlatformSettings;
use crate::{Db, StoreError, now};

/// The settings as typed (wide integers, so that out-of-range values are refused here with
/// a message rather than by the JSON parser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingsInput {
    pub commission_rate_bps: i64,
    pub cashback_rate_bps: i64,
    pub return_window_days: i64,
    pub pickup_hold_days: i64,
}

/// Each field's name, allowed range and what it means, for the 422 message.
const RULES: [(&str, i64, i64, &str); 4] = [
    (
        "commission_rate_bps",
        0,
        5_000,
        "commission is 0 to 5000 basis points (0–50 %)",
    ),
    (
        "cashback_rate_bps",
        0,
        2_000,
        "cashback is 0 to 2000 basis points (0–20 %)",
    ),
    (
        "return_window_days",
        14,
        365,
        "the return window is 14 to 365 days (the law asks 14 at least)",
    ),
    ("pickup_hold_days", 1, 60, "a pickup is held 1 to 60 days"),
];

impl SettingsInput {
    fn values(&self) -> [i64; 4] {
        [
            self.commission_rate_bps,
            self.cashback_rate_bps,
            self.return_window_days,
            self.pickup_hold_days,
        ]
    }

    /// The first field out of range, as a 422 naming it.
    pub fn validate(&self) -> Result<[i32; 4], StoreError> {
        let mut checked = [0i32; 4];
        for (i, ((field, min, max, message), value)) in RULES.iter().zip(self.values()).enumerate()
        {
            if !(*min..=*max).contains(&value) {
                return Err(StoreError::Invalid {
                    code: "setting_out_of_range",
                    message: (*message).to_owned(),
                    field: Some(field),
                });
            }
            checked[i] = i32::try_from(value).unwrap_or_default();
        }
        Ok(checked)
    }
}

fn current(settings: &PlatformSettings) -> [i32; 4] {
    [
        settings.commission_rate_bps,
        settings.cashback_rate_bps,
        settings.return_window_days,
        settings.pickup_hold_days,
    ]
}

/// Replaces the settings; audits the fields that changed (nothing is recorded when
/// nothing changed). Returns the settings now in force.
pub async fn update_settings(
    db: &Db,
    operator_id: &str,
    input: SettingsInput,
) -> Result<PlatformSettings, StoreError> {
    let new = input.validate()?;
    let txn = db.begin_write().await?;
    let mut query = platform_settings::Entity::find_by_id(1);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Two operators saving at once: the second waits, then sees the first's values as
        // "old". SQLite's write transaction already serialises them.
        query = query.lock_exclusive();
    }
    let before = query
        .one(&txn)
        .await?
        .ok_or_else(crate::settings::missing)?;
    let old = current(&before);
    let changes: Vec<AuditChange> = RULES
        .iter()
        .zip(old.iter().zip(new.iter()))
        .filter(|(_, (old, new))| old != new)
        .map(|((field, ..), (old, new))| AuditChange::new(field, old, new))
        .collect();
    if changes.is_empty() {
        txn.commit().await?;
        return Ok(before);
    }
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "UPDATE platform_settings SET commission_rate_bps = ?, cashback_rate_bps = ?, \
         return_window_days = ?, pickup_hold_days = ?, updated_at = ? WHERE id = 1",
        [
            new[0].into(),
            new[1].into(),
            new[2].into(),
            new[3].into(),
            now().into(),
        ],
    ))
    .await?;
    // Search cards show what their offer earns at the platform's rate.
    crate::catalog::answers::catalog_changed();
    record(
        &txn,
        operator_id,
        "settings.update",
        ("settings", "platform"),
        "",
        &changes,
    )
    .await?;
    let after = crate::settings::load(&txn).await?;
    txn.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::SettingsInput;
    use crate::StoreError;

    fn input() -> SettingsInput {
        SettingsInput {
            commission_rate_bps: 1200,
            cashback_rate_bps: 300,
            return_window_days: 14,
            pickup_hold_days: 5,
        }
    }

    fn field_of(input: SettingsInput) -> Option<&'static str> {
        match input.validate() {
            Err(StoreError::Invalid { field, .. }) => field,
            _ => None,
        }
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(input().validate().ok(), Some([1200, 300, 14, 5]));
    }

    #[test]
    fn each_field_out_of_range_is_named() {
        let mut bad = input();
        bad.commission_rate_bps = -1;
        assert_eq!(field_of(bad), Some("commission_rate_bps"));
        let mut bad = input();
        bad.cashback_rate_bps = 2_001;
        assert_eq!(field_of(bad), Some("cashback_rate_bps"));
        let mut bad = input();
        bad.return_window_days = 13;
        assert_eq!(field_of(bad), Some("return_window_days"));
        let mut bad = input();
        bad.pickup_hold_days = 0;
        assert_eq!(field_of(bad), Some("pickup_hold_days"));
    }
}
