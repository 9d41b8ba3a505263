//! The catalog: what shoppers browse and what sellers list.
//!
//! - [`views`]: the shapes use-cases return (the server maps them to API types).
//! - [`browse`]: categories, shops and stores, product pages.
//! - [`nearby`]: pickup stores ranked by distance from a shopper.
//! - [`listings`]: the search's denormalised copy of the catalog, kept by every write.
//! - [`search`]: full-text search with filters, sorting and facets.
//! - [`recent`]: recently viewed products per account, and recommendations from them.
//! - [`wishlist`]: the products an account wishes for.
//! - [`selling`]: a seller's shop, locations, offers and stock.
//! - [`sql`]: a small builder for SQL that differs between SQLite and PostgreSQL.

pub mod answers;
pub mod browse;
pub mod listings;
pub mod nearby;
pub mod recent;
pub mod search;
pub mod selling;
pub mod sql;
pub mod views;
pub mod wishlist;
