//! The JSON API and the storefront over real HTTP, on SQLite or PostgreSQL.

mod accounts;
mod catalog;
mod catalog_pages;
mod conventions;
mod storefront;
