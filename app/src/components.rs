//! Pieces several catalog pages share.
//!
//! - [`product_tile`]: a product in a grid, with its best offer.
//! - [`shop_tile`]: a shop in a list, with its colour and rating; the shop colour rules.
//! - [`notices`]: loading, error and "bad parameter" states of catalog pages.
//! - [`redirect`]: sending the visitor on from a page being rendered.
//! - [`status`]: order and seller-order states as badges.

pub mod notices;
pub mod product_tile;
pub mod redirect;
pub mod shop_tile;
pub mod status;

pub use notices::{CatalogErrorNotice, Loading, set_status};
pub use product_tile::ProductTile;
pub use redirect::{MovedTo, SeeOther};
pub use shop_tile::{Rating, ShopTile, banner_ink, safe_color};
pub use status::{OrderStatus, PartStatus};
