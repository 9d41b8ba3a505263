//! The rules of Halles as plain types and pure functions. No IO: this crate builds for
//! wasm and is shared by the server and the storefront.
//!
//! - [`account`]: e-mail addresses, passwords and display names, parsed once at the edge.
//! - [`card`]: card details typed on the sandbox payment page, checked then forgotten.
//! - [`cashback`]: what a part of an order earns, on what the card paid for its items.
//! - [`catalog`]: GTINs, offer conditions, shop slugs, prices.
//! - [`geo`]: coordinates of French postcodes, distances.
//! - [`money`]: exact cent maths: rates, VAT, proportional splits, shipping, discounts.
//! - [`orders`]: the order and seller order state machines.
//! - [`role`]: what a user may do.
//! - [`throttle`]: how many failed logins a scope may have.

pub mod account;
pub mod card;
pub mod cashback;
pub mod catalog;
pub mod geo;
pub mod money;
pub mod orders;
pub mod role;
pub mod throttle;

pub use account::{AccountError, DisplayName, Email, Password};
pub use catalog::{CatalogError, Condition, Gtin, PriceCents, Slug, fold_words, slugify};
pub use role::Role;
pub use throttle::{ThrottlePolicy, ThrottleWindow};
