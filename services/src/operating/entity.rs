//! The tables operating owns, as sea-orm entities (they never leave `services`).

pub mod audit_log;
pub mod offer_reports;
