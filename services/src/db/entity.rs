//! sea-orm entities, one module per table. They never leave `services`: use-cases turn
//! them into domain values or views.

pub mod cart_items;
pub mod carts;
pub mod cashback_lots;
pub mod categories;
pub mod discount_codes;
pub mod ledger_entries;
pub mod locations;
pub mod login_throttle;
pub mod notifications;
pub mod offers;
pub mod order_lines;
pub mod orders;
pub mod payments;
pub mod platform_settings;
pub mod products;
pub mod recently_viewed;
pub mod refunds;
pub mod reservations;
pub mod seller_orders;
pub mod sessions;
pub mod shop_staff;
pub mod shops;
pub mod stock_levels;
pub mod users;
