//! A seller's side of the catalog: applying for a shop, editing it, its locations, its
//! offers (the first offer on a GTIN creates the shared product) and stock per location.
//! Every function takes the caller's shop id: rows of another shop are not found.
//!
//! - [`shop`]: applying for and editing the shop.
//! - [`locations`]: warehouses and stores.
//! - [`offers`]: listing products.
//! - [`stock`]: units per location, transfers between locations, their movements.
//! - [`low_stock`]: rows at or below their offer's threshold, and the alert job.
//! - [`boosts`]: the cashback boost the shop funds, and what it has cost.

mod boosts;
mod locations;
mod low_stock;
mod offers;
mod shop;
mod stock;

use domain::CatalogError;

use crate::StoreError;

pub use boosts::{
    BoostSummary, BoostedOffer, MAX_BOOST_BPS, boost_summary, set_offer_boost, set_shop_boost,
};
pub use locations::{LocationInput, create_location, list_locations, update_location};
pub use low_stock::{LowStockRow, alert_low_stock, low_stock};
pub use offers::{
    OfferInput, SellerOffer, create_offer, delete_offer, find_offer, list_offers, update_offer,
};
pub use shop::{ShopApplication, ShopEdit, apply_for_shop, edit_shop, own_shop};
pub use stock::{StockChange, set_low_stock_threshold, set_stock, stock_movements, transfer_stock};

pub(super) fn invalid(err: CatalogError, field: &'static str) -> StoreError {
    let code = match err {
        CatalogError::GtinLength | CatalogError::GtinNotDigits | CatalogError::GtinChecksum => {
            "gtin_invalid"
        }
        CatalogError::UnknownCondition => "condition_invalid",
        CatalogError::SlugInvalid => "slug_invalid",
        CatalogError::PriceOutOfRange => "price_invalid",
    };
    StoreError::Invalid {
        code,
        message: err.to_string(),
        field: Some(field),
    }
}

pub(super) fn required(
    value: &str,
    field: &'static str,
    max_chars: usize,
) -> Result<String, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(StoreError::Invalid {
            code: "required",
            message: format!("{field} is required"),
            field: Some(field),
        });
    }
    if value.chars().count() > max_chars {
        return Err(StoreError::Invalid {
            code: "too_long",
            message: format!("{field} has {max_chars} characters at most"),
            field: Some(field),
        });
    }
    Ok(value.to_owned())
}

pub(super) fn bounded(
    value: &str,
    field: &'static str,
    max_chars: usize,
) -> Result<String, StoreError> {
    if value.chars().count() > max_chars {
        return Err(StoreError::Invalid {
            code: "too_long",
            message: format!("{field} has {max_chars} characters at most"),
            field: Some(field),
        });
    }
    Ok(value.trim().to_owned())
}
