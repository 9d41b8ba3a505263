//! Server functions of the buying pages: the cart, checkout, the payment page, an order,
//! the account's history and the cashback wallet ([`wallet`]). They only read; every
//! change is a plain form post handled by the server (`server::http::web::buying`), so
//! the pages work without JavaScript.
//!
//! Each one finds its caller in the request the server prepared (the session's user, or
//! a guest's cart cookie) and never takes a user id from the browser: a shopper only
//! ever reaches their own cart, orders and wallet. The work is done by `services` (see
//! [`ssr`]).

#[cfg(feature = "ssr")]
pub mod ssr;
pub mod wallet;

use api_types::buying::{Cart, Notification, Quote};
use api_types::orders::Order;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

pub use wallet::load_wallet;

/// What a buying page can be told instead of its data. Never a database error's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum BuyingError {
    /// No such order, or not the caller's (the two are never told apart).
    #[error("not found")]
    NotFound,
    /// The page needs a logged-in shopper.
    #[error("log in first")]
    LoginNeeded,
    /// The database failed; trying again may help.
    #[error("unavailable")]
    Unavailable,
}

impl FromServerFnError for BuyingError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        BuyingError::Unavailable
    }
}

/// What the shopper picked on the checkout form, carried back to price it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckoutChoices {
    /// `(shop_id, "delivery" | "pickup")`.
    pub methods: Vec<(String, String)>,
    /// `(shop_id, store_id)`.
    pub stores: Vec<(String, String)>,
    pub discount_code: String,
    /// Spend the wallet's available cashback (up to the order's total).
    pub use_cashback: bool,
}

impl CheckoutChoices {
    /// Reads the checkout form's fields (`method.{shop}`, `store.{shop}`, `discount_code`).
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut choices = CheckoutChoices::default();
        for (name, value) in fields {
            if let Some(shop) = name.strip_prefix("method.") {
                choices.methods.push((shop.to_owned(), value.to_owned()));
            } else if let Some(shop) = name.strip_prefix("store.") {
                choices.stores.push((shop.to_owned(), value.to_owned()));
            } else if name == "discount_code" {
                value.trim().clone_into(&mut choices.discount_code);
            } else if name == "use_cashback" {
                choices.use_cashback = !value.is_empty();
            }
        }
        choices
    }

    /// The method chosen for a shop: `pickup` only when asked for, else `delivery`.
    pub fn method(&self, shop_id: &str) -> &str {
        match self.methods.iter().find(|(shop, _)| shop == shop_id) {
            Some((_, method)) if method == "pickup" => "pickup",
            _ => "delivery",
        }
    }

    /// The store chosen for a shop, if any.
    pub fn store(&self, shop_id: &str) -> Option<&str> {
        self.stores
            .iter()
            .find(|(shop, store)| shop == shop_id && !store.is_empty())
            .map(|(_, store)| store.as_str())
    }
}

/// A store where a shop's part can be collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupOption {
    pub id: String,
    pub name: String,
    pub postcode: String,
    pub city: String,
    pub opening_hours: String,
    pub preparation_minutes: u32,
}

/// The pickup stores of one shop of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopPickup {
    pub shop_id: String,
    pub stores: Vec<PickupOption>,
}

/// The flash value that carries, after a pickup store's `out_of_stock`, the other stores
/// of the shop that have the quantity (`Rivoli (Paris 1er), Part-Dieu (Lyon 3e)`).
pub const SUGGESTED_STORES: &str = "suggested_stores";

/// Why a quote could not be made as asked: an error code and the field it blames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: String,
    pub field: Option<String>,
}

/// The checkout page: the cart, each shop's pickup stores, and the totals for the
/// choices made (without the discount when the code is refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutPage {
    pub cart: Cart,
    pub pickup: Vec<ShopPickup>,
    pub quote: Option<Quote>,
    pub problem: Option<Problem>,
    /// The cashback the shopper may spend on this order.
    pub cashback_available_cents: i64,
}

impl CheckoutPage {
    /// The pickup stores of a shop (empty when it has none).
    pub fn stores_of(&self, shop_id: &str) -> &[PickupOption] {
        self.pickup
            .iter()
            .find(|shop| shop.shop_id == shop_id)
            .map_or(&[], |shop| shop.stores.as_slice())
    }
}

/// The payment page: the order and how long its reservation still holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPage {
    pub order: Order,
    /// Seconds until the reservation ends (0 once it has).
    pub seconds_left: i64,
}

/// An order page: the order and which of its parts may still be returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub order: Order,
    /// Seller order ids open to a return request now.
    pub returnable: Vec<String>,
}

/// The account's history: latest orders and messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountActivity {
    pub orders: Vec<Order>,
    pub messages: Vec<Notification>,
}

/// The visitor's cart (an empty one for a visitor who has none).
#[server(prefix = "/_fn", endpoint = "load_cart")]
pub async fn load_cart() -> Result<Cart, BuyingError> {
    ssr::load_cart().await
}

/// The checkout page of the logged-in shopper, priced for `choices`.
#[server(prefix = "/_fn", endpoint = "load_checkout")]
pub async fn load_checkout(choices: CheckoutChoices) -> Result<CheckoutPage, BuyingError> {
    ssr::load_checkout(choices).await
}

/// The payment page of one of the caller's orders.
#[server(prefix = "/_fn", endpoint = "load_payment")]
pub async fn load_payment(order_id: String) -> Result<PaymentPage, BuyingError> {
    ssr::load_payment(&order_id).await
}

/// One of the caller's orders.
#[server(prefix = "/_fn", endpoint = "load_order")]
pub async fn load_order(order_id: String) -> Result<OrderPage, BuyingError> {
    ssr::load_order(&order_id).await
}

/// The caller's latest orders and messages.
#[server(prefix = "/_fn", endpoint = "load_account_activity")]
pub async fn load_account_activity() -> Result<AccountActivity, BuyingError> {
    ssr::load_account_activity().await
}

#[cfg(test)]
mod tests {
    use super::CheckoutChoices;

    #[test]
    fn checkout_fields_are_read_by_shop() {
        let choices = CheckoutChoices::from_fields([
            ("method.s1", "pickup"),
            ("store.s1", "st1"),
            ("method.s2", "teleport"),
            ("discount_code", " HELLO "),
            ("address.name", "Ana"),
        ]);
        assert_eq!(choices.method("s1"), "pickup");
        assert_eq!(choices.store("s1"), Some("st1"));
        assert_eq!(choices.method("s2"), "delivery");
        assert_eq!(choices.method("s3"), "delivery");
        assert_eq!(choices.discount_code, "HELLO");
    }
}
