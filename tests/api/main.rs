//! The JSON API and the storefront over real HTTP, on SQLite or PostgreSQL.

mod accounts;
mod conventions;
mod storefront;
