//! One module per page of the storefront.

mod account;
mod auth;
mod cart;
mod checkout;
mod home;
mod not_found;
mod order;
mod pay;
mod product;
pub(crate) mod search;
mod shop;
mod wallet;
mod wishlist;

pub use account::AccountPage;
pub use auth::{LoginPage, SignupPage, safe_next};
pub use cart::CartPage;
pub use checkout::CheckoutPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use order::OrderPage;
pub use pay::PayPage;
pub use product::ProductPage;
pub use search::{CategoryPage, SearchPage};
pub use shop::ShopPage;
pub use wallet::WalletPage;
pub use wishlist::WishlistPage;
