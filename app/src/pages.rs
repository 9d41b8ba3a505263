//! One module per page of the storefront.

mod account;
mod auth;
mod cart;
mod home;
mod not_found;
mod search;

pub use account::AccountPage;
pub use auth::{LoginPage, SignupPage, safe_next};
pub use cart::CartPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
