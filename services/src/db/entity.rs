//! sea-orm entities, one module per table. They never leave `services`: use-cases turn
//! them into domain values or views.

pub mod login_throttle;
pub mod sessions;
pub mod shop_staff;
pub mod shops;
pub mod users;
