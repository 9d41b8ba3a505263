//! One module per page of the storefront.

mod account;
mod auth;
mod cart;
mod home;
mod not_found;
mod product;
pub(crate) mod search;
mod shop;

pub use account::AccountPage;
pub use auth::{LoginPage, SignupPage, safe_next};
pub use cart::CartPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use product::ProductPage;
pub use search::{CategoryPage, SearchPage};
pub use shop::ShopPage;
