//! A cart's lines as read with their live offers, and the cart grouped by shop: what the
//! cart page, the till, the checkout's quote and its order all start from.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::buying::cashback::LINE_RATES_SQL;
use crate::db::statement;
use crate::{StoreError, now};

/// How a cart line stands against the live offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineState {
    Ok,
    PriceChanged,
    LowStock,
    SoldOut,
    Unavailable,
}

impl LineState {
    pub fn as_str(self) -> &'static str {
        match self {
            LineState::Ok => "ok",
            LineState::PriceChanged => "price_changed",
            LineState::LowStock => "low_stock",
            LineState::SoldOut => "sold_out",
            LineState::Unavailable => "unavailable",
        }
    }

    /// Whether the line can be bought as it is.
    pub fn is_buyable(self) -> bool {
        matches!(self, LineState::Ok)
    }
}

/// One cart line joined with its live offer.
#[derive(Debug, Clone, FromQueryResult)]
pub struct CartLineRow {
    pub item_id: String,
    pub offer_id: String,
    pub quantity: i32,
    pub price_cents_seen: i64,
    pub price_cents: i64,
    /// What the seller charges to deliver this offer (shown on the product page).
    pub delivery_price_cents: i64,
    pub condition: String,
    pub offer_status: String,
    pub product_id: String,
    pub product_slug: String,
    pub title: String,
    pub shop_id: String,
    pub shop_slug: String,
    pub shop_name: String,
    pub shop_status: String,
    pub free_shipping_threshold_cents: Option<i64>,
    pub available: i64,
    pub shop_has_pickup: i32,
    /// The commission an operator set for this shop or, failing that, this category.
    pub commission_bps_override: Option<i32>,
    /// The platform's cashback rate (`None` only if its settings row is missing).
    pub base_bps: Option<i32>,
    /// The offer's or shop's cashback boost.
    pub boost_bps: i32,
    /// The best cashback campaign running now for the shop or the product's category.
    pub campaign_bps: i32,
}

impl CartLineRow {
    pub fn state(&self) -> LineState {
        if self.offer_status != "active" || self.shop_status != "approved" {
            LineState::Unavailable
        } else if self.available <= 0 {
            LineState::SoldOut
        } else if self.available < i64::from(self.quantity) {
            LineState::LowStock
        } else if self.price_cents != self.price_cents_seen {
            LineState::PriceChanged
        } else {
            LineState::Ok
        }
    }

    pub fn line_cents(&self) -> i64 {
        self.price_cents * i64::from(self.quantity)
    }
}

/// A shop's lines in the cart.
#[derive(Debug, Clone)]
pub struct CartShopView {
    pub shop_id: String,
    pub shop_slug: String,
    pub shop_name: String,
    pub lines: Vec<CartLineRow>,
    pub subtotal_cents: i64,
    pub shipping_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    pub pickup_available: bool,
}

/// A whole cart, grouped by shop (in the order shops were first added).
#[derive(Debug, Clone)]
pub struct CartView {
    pub id: String,
    pub shops: Vec<CartShopView>,
    pub notices: Vec<String>,
}

impl CartView {
    pub fn item_count(&self) -> u32 {
        self.lines()
            .map(|line| u32::try_from(line.quantity).unwrap_or(0))
            .sum()
    }

    pub fn lines(&self) -> impl Iterator<Item = &CartLineRow> {
        self.shops.iter().flat_map(|shop| shop.lines.iter())
    }

    pub fn subtotal_cents(&self) -> i64 {
        self.shops.iter().map(|shop| shop.subtotal_cents).sum()
    }

    pub fn shipping_cents(&self) -> i64 {
        self.shops.iter().map(|shop| shop.shipping_cents).sum()
    }
}

/// The lines with their live offers, and the cashback rates payment would apply now (so
/// that a cart's estimate needs no read of its own).
static LINES_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT ci.id AS item_id, ci.offer_id, ci.quantity, ci.price_cents_seen, \
    o.price_cents, o.delivery_price_cents, o.condition, o.status AS offer_status, p.id AS product_id, \
    p.slug AS product_slug, p.title, s.id AS shop_id, s.slug AS shop_slug, s.name AS shop_name, \
    s.status AS shop_status, s.free_shipping_threshold_cents, \
    COALESCE((SELECT SUM(sl.quantity - sl.reserved) FROM stock_levels sl \
        WHERE sl.offer_id = o.id), 0) AS available, \
    CASE WHEN EXISTS (SELECT 1 FROM locations l WHERE l.shop_id = s.id AND l.pickup \
        AND l.kind = 'store') THEN 1 ELSE 0 END AS shop_has_pickup, \
    COALESCE(s.commission_bps, c.commission_bps) AS commission_bps_override, \
    (SELECT cashback_rate_bps FROM platform_settings WHERE id = 1) AS base_bps, {LINE_RATES_SQL} \
    FROM cart_items ci \
    JOIN offers o ON o.id = ci.offer_id \
    JOIN products p ON p.id = o.product_id \
    JOIN categories c ON c.id = p.category_id \
    JOIN shops s ON s.id = o.shop_id \
    WHERE ci.cart_id = ? ORDER BY ci.added_at, ci.id"
    )
});

/// The cart's lines joined with their live offers.
pub async fn lines(
    conn: &impl ConnectionTrait,
    cart_id: &str,
) -> Result<Vec<CartLineRow>, StoreError> {
    let backend = conn.get_database_backend();
    let at = now();
    let rows = CartLineRow::find_by_statement(statement(
        backend,
        &LINES_SQL,
        [at.into(), at.into(), Value::from(cart_id.to_owned())],
    ))
    .all(conn)
    .await?;
    Ok(rows)
}

/// Groups lines by shop with subtotals and the shop's home-delivery price.
pub fn group_by_shop(lines: Vec<CartLineRow>) -> Vec<CartShopView> {
    let mut order: Vec<String> = Vec::new();
    let mut by_shop: BTreeMap<String, Vec<CartLineRow>> = BTreeMap::new();
    for line in lines {
        if !by_shop.contains_key(&line.shop_id) {
            order.push(line.shop_id.clone());
        }
        by_shop.entry(line.shop_id.clone()).or_default().push(line);
    }
    order
        .into_iter()
        .filter_map(|shop_id| by_shop.remove(&shop_id))
        .filter_map(|lines| {
            let first = lines.first()?.clone();
            let subtotal_cents = lines
                .iter()
                .filter(|line| line.state() != LineState::Unavailable)
                .map(CartLineRow::line_cents)
                .sum();
            // One parcel per shop: its dearest offer's delivery price (what the product
            // page showed), free from the shop's threshold.
            let delivery_cents = lines
                .iter()
                .map(|line| line.delivery_price_cents)
                .max()
                .unwrap_or(0);
            Some(CartShopView {
                shipping_cents: domain::money::shipping_for(
                    subtotal_cents,
                    delivery_cents,
                    first.free_shipping_threshold_cents,
                ),
                shop_id: first.shop_id,
                shop_slug: first.shop_slug,
                shop_name: first.shop_name,
                free_shipping_threshold_cents: first.free_shipping_threshold_cents,
                pickup_available: first.shop_has_pickup != 0,
                subtotal_cents,
                lines,
            })
        })
        .collect()
}
