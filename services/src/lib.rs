//! Halles use-cases and persistence. Knows SQL, not HTTP or HTML.
//!
//! - [`db`]: connecting to SQLite or PostgreSQL, write transactions, entities.
//! - [`error`]: the store error every use-case returns.
//! - [`accounts`]: sign-up, login, sessions and API tokens, login throttling.
//! - [`buying`]: cart, checkout, payments, orders, ledger, notifications.
//! - [`analytics`]: funnel events, the seller dashboard and the platform KPIs.
//! - [`settings`]: the marketplace-wide rates operators set.
//! - [`seed`]: demo data.
//! - [`jobs`]: background work run from database rows.
//! - [`media`]: product images behind a storage trait.
//! - [`invariants`]: what `halles check` verifies.
//! - [`test_support`]: fresh databases for the test suites of every crate.

pub mod accounts;
pub mod analytics;
pub mod buying;
pub mod catalog;
pub mod db;
pub mod error;
pub mod invariants;
pub mod jobs;
pub mod media;
pub mod operating;
pub mod seed;
pub mod settings;
pub mod test_support;

pub use db::Db;
pub use error::StoreError;

/// A new opaque id: a UUIDv7, so ids sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time, truncated to whole microseconds so that what is written and what is
/// read back compare equal on both engines.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    let now = chrono::Utc::now();
    chrono::DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}
