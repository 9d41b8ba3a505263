//! sea-orm entities, one module per table. They never leave `services`: use-cases turn
//! them into domain values or views.

pub mod categories;
pub mod locations;
pub mod login_throttle;
pub mod offers;
pub mod products;
pub mod recently_viewed;
pub mod sessions;
pub mod shop_staff;
pub mod shops;
pub mod stock_levels;
pub mod users;
