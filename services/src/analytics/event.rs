//! What the funnel records: a step a visitor took, through a channel, on a product, an
//! offer or a shop.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::buying::checkout::Channel;
use crate::now;

/// A step of the shopping funnel, as stored in `events.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    View,
    AddToCart,
    CheckoutStarted,
    Paid,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::View => "view",
            EventKind::AddToCart => "add_to_cart",
            EventKind::CheckoutStarted => "checkout_started",
            EventKind::Paid => "paid",
        }
    }
}

/// Who took a step: the account when signed in, else a hash of the anonymous visitor's
/// cookie (or of what stands in for one). Hashed because that cookie is a secret (the
/// storefront's CSRF token): analytics must not become a place to steal it from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor(String);

impl Visitor {
    /// A signed-in shopper: the account id, the same key their `paid` events carry.
    pub fn account(user_id: &str) -> Self {
        Visitor(user_id.to_owned())
    }

    /// An anonymous visitor known by `secret` (a cookie value, or an address and user
    /// agent): `anon:` and 32 hex digits of its SHA-256.
    pub fn anonymous(secret: &str) -> Self {
        let digest = Sha256::digest(secret.as_bytes());
        let mut key = String::with_capacity(37);
        key.push_str("anon:");
        for byte in &digest[..16] {
            key.push_str(&format!("{byte:02x}"));
        }
        Visitor(key)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest id the `events` columns hold.
const ID_MAX_LEN: usize = 36;
const VISITOR_KEY_MAX_LEN: usize = 64;

/// One step, ready for the [`super::EventSink`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub channel: Channel,
    pub visitor: Visitor,
    pub product_id: Option<String>,
    /// With an offer, the writer fills the product and shop from it.
    pub offer_id: Option<String>,
    pub shop_id: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

impl Event {
    fn new(kind: EventKind, channel: Channel, visitor: Visitor) -> Self {
        Event {
            kind,
            channel,
            visitor,
            product_id: None,
            offer_id: None,
            shop_id: None,
            occurred_at: now(),
        }
    }

    /// Whether every id fits its column (`VARCHAR(36)`, the visitor key `VARCHAR(64)`).
    pub fn fits_columns(&self) -> bool {
        let fits = |id: &Option<String>| id.as_ref().is_none_or(|id| id.len() <= ID_MAX_LEN);
        self.visitor.as_str().len() <= VISITOR_KEY_MAX_LEN
            && fits(&self.product_id)
            && fits(&self.offer_id)
            && fits(&self.shop_id)
    }

    /// A product page (or the product's API resource) was read.
    pub fn view(channel: Channel, visitor: Visitor, product_id: &str) -> Self {
        Event {
            product_id: Some(product_id.to_owned()),
            ..Event::new(EventKind::View, channel, visitor)
        }
    }

    /// An offer went into a cart.
    pub fn add_to_cart(channel: Channel, visitor: Visitor, offer_id: &str) -> Self {
        Event {
            offer_id: Some(offer_id.to_owned()),
            ..Event::new(EventKind::AddToCart, channel, visitor)
        }
    }

    /// A checkout of a cart holding this shop's offers began (one event per shop).
    pub fn checkout_started(channel: Channel, visitor: Visitor, shop_id: &str) -> Self {
        Event {
            shop_id: Some(shop_id.to_owned()),
            ..Event::new(EventKind::CheckoutStarted, channel, visitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anonymous_key_is_a_stable_hash_that_hides_its_secret() {
        let key = Visitor::anonymous("csrf-secret");
        assert_eq!(key, Visitor::anonymous("csrf-secret"));
        assert_ne!(key, Visitor::anonymous("another"));
        assert!(key.as_str().starts_with("anon:"));
        assert_eq!(key.as_str().len(), 37);
        assert!(!key.as_str().contains("csrf-secret"));
    }

    #[test]
    fn an_id_longer_than_its_column_is_refused_before_it_reaches_a_batch() {
        let visitor = Visitor::anonymous("x");
        assert!(
            Event::checkout_started(Channel::Api, visitor.clone(), &"s".repeat(36)).fits_columns()
        );
        assert!(!Event::checkout_started(Channel::Api, visitor, &"s".repeat(37)).fits_columns());
    }

    #[test]
    fn a_signed_in_visitor_is_their_account() {
        assert_eq!(Visitor::account("u-1").as_str(), "u-1");
    }
}
