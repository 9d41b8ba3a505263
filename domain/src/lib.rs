//! The rules of Halles as plain types and pure functions. No IO: this crate builds for
//! wasm and is shared by the server and the storefront.
//!
//! - [`account`]: e-mail addresses, passwords and display names, parsed once at the edge.
//! - [`catalog`]: GTINs, offer conditions, shop slugs, prices.
//! - [`geo`]: coordinates of French postcodes, distances.
//! - [`role`]: what a user may do.
//! - [`throttle`]: how many failed logins a scope may have.

pub mod account;
pub mod catalog;
pub mod geo;
pub mod role;
pub mod throttle;

pub use account::{AccountError, DisplayName, Email, Password};
pub use catalog::{CatalogError, Condition, Gtin, PriceCents, Slug, fold_words, slugify};
pub use role::Role;
pub use throttle::{ThrottlePolicy, ThrottleWindow};
