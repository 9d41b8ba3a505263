//! Pieces several catalog pages share.
//!
//! - [`product_tile`]: a product in a grid, with its best offer.
//! - [`shop_tile`]: a shop in a list, with its colour and rating; the shop colour rules.
//! - [`notices`]: loading, error and "bad parameter" states of catalog pages.

pub mod notices;
pub mod product_tile;
pub mod shop_tile;

pub use notices::{CatalogErrorNotice, Loading, set_status};
pub use product_tile::ProductTile;
pub use shop_tile::{Rating, ShopTile, banner_ink, safe_color};
