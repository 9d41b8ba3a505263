//! One module per migration, oldest first.

pub mod m20261122_000001_create_accounts;
