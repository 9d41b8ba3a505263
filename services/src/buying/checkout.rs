//! Checkout: from a cart to an order waiting for its payment, in one write transaction.
//!
//! The cart row is locked first, so the same cart submitted many times at once yields one
//! order (the others find it empty). Stock is reserved by conditional updates, offers in
//! id order, so 256 buyers of the last unit get one order and 255 `out_of_stock`. The cart
//! is emptied in the same transaction: no second order can be made from it.

use chrono::Duration;
use rand::Rng;
use sea_orm::{ConnectionTrait, EntityTrait, Value};

use super::cart::{self, CartLineRow, CartOwner, LineState};
use super::payments::{self, OnDecline, PaymentProvider, PaymentSource};
use super::views::{OrderView, order_view, order_with_payment};
use crate::db::entity::{discount_codes, locations};
use crate::db::{InsertRows, Script, statement};
use crate::{Db, StoreError, new_id, now, settings};
use domain::money::{
    DiscountKind, STANDARD_VAT_BPS, apply_rate, split_proportionally, vat_included,
};
use domain::orders::FulfilmentMethod;

/// A delivery address, checked by [`AddressInput::validate`].
#[derive(Debug, Clone, Default)]
pub struct AddressInput {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub postcode: String,
    pub city: String,
    pub country: String,
}

fn invalid(code: &'static str, message: impl Into<String>, field: &'static str) -> StoreError {
    StoreError::Invalid {
        code,
        message: message.into(),
        field: Some(field),
    }
}

impl AddressInput {
    /// Trims every field and checks it, naming the field at fault.
    pub fn validate(mut self) -> Result<Self, StoreError> {
        for value in [
            &mut self.name,
            &mut self.line1,
            &mut self.line2,
            &mut self.postcode,
            &mut self.city,
            &mut self.country,
        ] {
            *value = value.trim().to_owned();
        }
        if self.name.is_empty() || self.name.chars().count() > 120 {
            return Err(invalid(
                "address_invalid",
                "write the recipient's name (up to 120 characters)",
                "address.name",
            ));
        }
        if self.line1.is_empty()
            || self.line1.chars().count() > 200
            || self.line2.chars().count() > 200
        {
            return Err(invalid(
                "address_invalid",
                "write the street address (up to 200 characters)",
                "address.line1",
            ));
        }
        if self.postcode.len() != 5 || !self.postcode.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                "address_invalid",
                "a French postcode has 5 digits",
                "address.postcode",
            ));
        }
        if self.city.is_empty() || self.city.chars().count() > 80 {
            return Err(invalid(
                "address_invalid",
                "write the city (up to 80 characters)",
                "address.city",
            ));
        }
        if self.country.is_empty() {
            self.country = "FR".to_owned();
        }
        if !self.country.eq_ignore_ascii_case("FR") {
            return Err(invalid(
                "address_invalid",
                "Halles delivers in France only for now",
                "address.country",
            ));
        }
        self.country = "FR".to_owned();
        Ok(self)
    }
}

/// How one shop's part is fulfilled.
#[derive(Debug, Clone)]
pub struct FulfilmentInput {
    pub shop_id: String,
    pub method: FulfilmentMethod,
    pub address: Option<AddressInput>,
    pub store_id: Option<String>,
}

/// How the order is paid.
#[derive(Debug, Clone)]
pub enum PaymentChoice {
    /// The order waits in `pending_payment`; the shopper pays on the payment page.
    HostedPage,
    /// A sandbox method charged at once (`pm_card_visa`, …).
    Method(String),
}

/// Where the order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Api,
    /// A seller's till: a cart handed off by code, paid in store.
    Store,
}

impl Channel {
    /// As stored in `orders.channel` and `events.channel`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Store => "store",
        }
    }
}

/// Everything a checkout needs besides the cart.
#[derive(Debug, Clone)]
pub struct CheckoutInput {
    pub fulfilments: Vec<FulfilmentInput>,
    pub payment: PaymentChoice,
    pub use_cashback_cents: i64,
    pub discount_code: Option<String>,
    pub channel: Channel,
}

/// One shop's part of the totals.
#[derive(Debug, Clone)]
pub struct QuotePart {
    pub shop_id: String,
    pub method: FulfilmentMethod,
    pub address: Option<AddressInput>,
    pub store_id: Option<String>,
    pub lines: Vec<CartLineRow>,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub commission_cents: i64,
    pub commission_bps: i32,
    /// This part's share of the cashback spent (in proportion to the parts' totals).
    pub cashback_used_cents: i64,
}

/// What a checkout would charge.
#[derive(Debug, Clone)]
pub struct Quote {
    pub parts: Vec<QuotePart>,
    pub discount: Option<discount_codes::Model>,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub cashback_used_cents: i64,
    pub total_cents: i64,
    pub vat_cents: i64,
}

/// Prices the cart for these choices without reserving anything.
pub async fn quote(db: &Db, user_id: &str, input: &CheckoutInput) -> Result<Quote, StoreError> {
    let conn = db.conn();
    let cart_id = cart::cart_id(conn, CartOwner::User(user_id), false)
        .await?
        .ok_or_else(cart_empty)?;
    let lines = cart::lines(conn, &cart_id).await?;
    let settings = settings::load(conn).await?;
    build_quote(conn, &settings, user_id, lines, input, None).await
}

fn cart_empty() -> StoreError {
    StoreError::Conflict {
        code: "cart_empty",
        message: "your cart is empty".into(),
        field: None,
    }
}

async fn build_quote(
    conn: &impl ConnectionTrait,
    settings: &settings::PlatformSettings,
    user_id: &str,
    lines: Vec<CartLineRow>,
    input: &CheckoutInput,
    till_store_id: Option<&str>,
) -> Result<Quote, StoreError> {
    if lines.is_empty() {
        return Err(cart_empty());
    }
    if let Some(line) = lines.iter().find(|line| !line.state().is_buyable()) {
        let (code, message) = match line.state() {
            LineState::PriceChanged => (
                "price_changed",
                format!("the price of “{}” changed; check your cart", line.title),
            ),
            LineState::Unavailable => (
                "offer_unavailable",
                format!(
                    "“{}” is no longer on sale; remove it from your cart",
                    line.title
                ),
            ),
            _ => (
                "out_of_stock",
                format!("not enough “{}” left; check your cart", line.title),
            ),
        };
        return Err(StoreError::Conflict {
            code,
            message,
            field: Some("cart"),
        });
    }
    let shops = cart::group_by_shop(lines);
    for choice in &input.fulfilments {
        if !shops.iter().any(|shop| shop.shop_id == choice.shop_id) {
            return Err(invalid(
                "fulfilment_unknown_shop",
                format!("shop {} has nothing in your cart", choice.shop_id),
                "fulfilments",
            ));
        }
    }
    let mut parts = Vec::with_capacity(shops.len());
    for shop in shops {
        let mut matching = input
            .fulfilments
            .iter()
            .filter(|choice| choice.shop_id == shop.shop_id);
        let choice = matching.next().ok_or_else(|| {
            invalid(
                "fulfilment_missing",
                format!("choose delivery or pickup for {}", shop.shop_name),
                "fulfilments",
            )
        })?;
        if matching.next().is_some() {
            return Err(invalid(
                "fulfilment_duplicate",
                format!("choose one fulfilment for {}", shop.shop_name),
                "fulfilments",
            ));
        }
        let (address, store_id, shipping_cents) = match choice.method {
            FulfilmentMethod::Delivery => {
                let address = choice
                    .address
                    .clone()
                    .ok_or_else(|| {
                        invalid(
                            "address_missing",
                            format!("give a delivery address for {}", shop.shop_name),
                            "address",
                        )
                    })?
                    .validate()?;
                (Some(address), None, shop.shipping_cents)
            }
            FulfilmentMethod::Pickup => {
                let store_id = choice.store_id.clone().ok_or_else(|| {
                    invalid(
                        "store_missing",
                        format!("choose a store of {} for pickup", shop.shop_name),
                        "store_id",
                    )
                })?;
                let store = locations::Entity::find_by_id(&store_id)
                    .one(conn)
                    .await?
                    .filter(|store| {
                        // At the till the shopper is in the store: it needs no pickup desk.
                        let at_till = till_store_id == Some(store.id.as_str());
                        store.shop_id == shop.shop_id
                            && store.kind == "store"
                            && (store.pickup || at_till)
                    })
                    .ok_or_else(|| {
                        invalid(
                            "store_unknown",
                            format!("{} has no pickup store with this id", shop.shop_name),
                            "store_id",
                        )
                    })?;
                (None, Some(store.id), 0)
            }
        };
        let commission_bps = settings.commission_rate_bps;
        parts.push(QuotePart {
            shop_id: shop.shop_id,
            method: choice.method,
            address,
            store_id,
            items_cents: shop.subtotal_cents,
            shipping_cents,
            discount_cents: 0,
            total_cents: 0,
            commission_cents: 0,
            commission_bps,
            cashback_used_cents: 0,
            lines: shop.lines,
        });
    }
    let discount = match &input.discount_code {
        Some(code) if !code.trim().is_empty() => Some(find_discount(conn, code).await?),
        _ => None,
    };
    if let Some(code) = &discount {
        let eligible: Vec<i64> = parts
            .iter()
            .map(|part| match &code.shop_id {
                Some(shop_id) if *shop_id != part.shop_id => 0,
                _ => part.items_cents,
            })
            .collect();
        let eligible_total: i64 = eligible.iter().sum();
        if eligible_total == 0 {
            return Err(invalid(
                "discount_not_applicable",
                "this code is for a shop that is not in your cart",
                "discount_code",
            ));
        }
        if eligible_total < code.min_items_cents {
            return Err(invalid(
                "discount_minimum",
                format!(
                    "this code needs {} of items",
                    domain::money::format_euros(code.min_items_cents)
                ),
                "discount_code",
            ));
        }
        let kind = if code.kind == "percent" {
            DiscountKind::Percent(u32::try_from(code.value).unwrap_or(0))
        } else {
            DiscountKind::Fixed(code.value)
        };
        let amount = kind.amount_on(eligible_total);
        for (part, share) in parts
            .iter_mut()
            .zip(split_proportionally(amount, &eligible))
        {
            part.discount_cents = share;
        }
    }
    for part in &mut parts {
        part.total_cents = part.items_cents + part.shipping_cents - part.discount_cents;
        // The fee is on what the seller sells (items, after its own discount), not on
        // delivery; a platform code's discount is the platform's cost, not the seller's.
        let seller_funded = if discount.as_ref().is_some_and(|code| code.shop_id.is_some()) {
            part.discount_cents
        } else {
            0
        };
        let base = part.items_cents - seller_funded;
        part.commission_cents = commission_on(&part.lines, seller_funded, part.commission_bps);
        if base > 0 {
            let blended = i128::from(part.commission_cents) * 10_000 / i128::from(base);
            part.commission_bps = i32::try_from(blended).unwrap_or(part.commission_bps);
        }
    }
    let items_cents = parts.iter().map(|part| part.items_cents).sum();
    let shipping_cents = parts.iter().map(|part| part.shipping_cents).sum();
    let discount_cents = parts.iter().map(|part| part.discount_cents).sum();
    let before_cashback: i64 = parts.iter().map(|part| part.total_cents).sum();
    let cashback_used_cents = input.use_cashback_cents;
    if cashback_used_cents < 0 {
        return Err(invalid(
            "cashback_invalid",
            "use_cashback_cents cannot be negative",
            "use_cashback_cents",
        ));
    }
    if cashback_used_cents > 0 {
        let available = super::cashback::balances(conn, user_id)
            .await?
            .available_cents;
        if cashback_used_cents > available {
            return Err(invalid(
                "cashback_insufficient",
                format!(
                    "you have {} of cashback to spend",
                    domain::money::format_euros(available)
                ),
                "use_cashback_cents",
            ));
        }
        if cashback_used_cents > before_cashback {
            return Err(invalid(
                "cashback_too_much",
                "cashback cannot pay more than the order",
                "use_cashback_cents",
            ));
        }
    }
    let totals: Vec<i64> = parts.iter().map(|part| part.total_cents).collect();
    for (part, share) in parts
        .iter_mut()
        .zip(split_proportionally(cashback_used_cents, &totals))
    {
        part.cashback_used_cents = share;
    }
    let total_cents = before_cashback - cashback_used_cents;
    Ok(Quote {
        vat_cents: vat_included(before_cashback, STANDARD_VAT_BPS),
        parts,
        discount,
        items_cents,
        shipping_cents,
        discount_cents,
        cashback_used_cents,
        total_cents,
    })
}

/// The marketplace's fee on a shop's lines: each line at the shop's own rate, else its
/// category's, else the platform's; a discount the seller funds lowers the base, shared
/// over the lines in proportion.
fn commission_on(lines: &[CartLineRow], seller_funded_discount: i64, platform_bps: i32) -> i64 {
    let line_cents: Vec<i64> = lines.iter().map(CartLineRow::line_cents).collect();
    let discount_shares = split_proportionally(seller_funded_discount, &line_cents);
    lines
        .iter()
        .zip(line_cents.iter().zip(discount_shares))
        .map(|(line, (cents, discount))| {
            let bps = line.commission_bps_override.unwrap_or(platform_bps);
            apply_rate(cents - discount, u32::try_from(bps).unwrap_or(0))
        })
        .sum()
}

async fn find_discount(
    conn: &impl ConnectionTrait,
    code: &str,
) -> Result<discount_codes::Model, StoreError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let code = code.trim().to_uppercase();
    let found = discount_codes::Entity::find()
        .filter(discount_codes::Column::Code.eq(&code))
        .one(conn)
        .await?
        .ok_or_else(|| {
            invalid(
                "discount_unknown",
                "this discount code does not exist",
                "discount_code",
            )
        })?;
    let at = now();
    if found.starts_at.is_some_and(|starts| at < starts)
        || found.ends_at.is_some_and(|ends| at >= ends)
    {
        return Err(invalid(
            "discount_expired",
            "this discount code is not valid today",
            "discount_code",
        ));
    }
    if found.max_uses.is_some_and(|max| found.used_count >= max) {
        return Err(StoreError::Conflict {
            code: "discount_exhausted",
            message: "this discount code has been used up".into(),
            field: Some("discount_code"),
        });
    }
    Ok(found)
}

/// A short reference a human can read out: `H-` and 8 letters or digits without 0/O/1/I.
fn order_number() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    let code: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("H-{code}")
}

/// Places an order from the shopper's cart. With [`PaymentChoice::Method`] the sandbox
/// charges at once: a decline answers `PaymentDeclined` and sells nothing.
pub async fn place_order(
    db: &Db,
    provider: &dyn PaymentProvider,
    user_id: &str,
    input: CheckoutInput,
) -> Result<OrderView, StoreError> {
    place_order_keyed(db, provider, user_id, input, None).await
}

/// [`place_order`] for a request holding an `Idempotency-Key`: the order is written on
/// the key in its own transaction, so that a retry after this process dies answers the
/// order (see [`super::idempotency::Claim::Resume`]).
pub async fn place_order_keyed(
    db: &Db,
    provider: &dyn PaymentProvider,
    user_id: &str,
    input: CheckoutInput,
    claim: Option<super::idempotency::ClaimRef<'_>>,
) -> Result<OrderView, StoreError> {
    if let PaymentChoice::Method(method) = &input.payment {
        provider.check_method(method)?;
    }
    let paying_now = match &input.payment {
        PaymentChoice::HostedPage => None,
        PaymentChoice::Method(method) => Some(PaymentSource::Method(method.clone())),
    };
    let (order_id, _) = create_pending_order(
        db,
        provider.name(),
        user_id,
        &input,
        paying_now.as_ref(),
        &OrderScope::WholeCart,
        claim,
    )
    .await?;
    let (order, payment) = order_with_payment(db.conn(), &order_id).await?;
    let Some(source) = paying_now else {
        return order_view(db.conn(), order, payment, None).await;
    };
    // The order was born with this attempt claimed: charge it straight away.
    payments::charge_claimed(db, provider, &order, &payment, &source, OnDecline::Fail).await?;
    let (order, payment) = order_with_payment(db.conn(), &order_id).await?;
    order_view(db.conn(), order, payment, None).await
}

/// Which of the cart's lines an order takes.
pub(crate) enum OrderScope<'a> {
    /// A checkout: every line.
    WholeCart,
    /// A till sale: one shop's lines (or those of `offer_ids`), once per hand-off code
    /// and shop, at `store_id`.
    Till {
        handoff_id: &'a str,
        shop_id: &'a str,
        offer_ids: Option<&'a [String]>,
        store_id: &'a str,
    },
}

impl OrderScope<'_> {
    fn takes(&self, line: &CartLineRow) -> bool {
        match self {
            OrderScope::WholeCart => true,
            OrderScope::Till {
                shop_id, offer_ids, ..
            } => {
                line.shop_id == *shop_id && offer_ids.is_none_or(|ids| ids.contains(&line.offer_id))
            }
        }
    }
}

pub(crate) async fn create_pending_order(
    db: &Db,
    provider_name: &str,
    user_id: &str,
    input: &CheckoutInput,
    paying_now: Option<&PaymentSource>,
    scope: &OrderScope<'_>,
    claim: Option<super::idempotency::ClaimRef<'_>>,
) -> Result<(String, String), StoreError> {
    // Read before the write lock: an account's cart row never changes, and settings apply
    // to the orders placed after they change, which this one is not.
    let cart_id = cart::cart_id(db.conn(), CartOwner::User(user_id), false)
        .await?
        .ok_or_else(cart_empty)?;
    let settings = settings::load(db.conn()).await?;
    let txn = db.begin_write().await?;
    let backend = txn.get_database_backend();
    let at = now();
    // Lock the cart: concurrent checkouts of it queue here and find it empty. (SQLite's
    // `BEGIN IMMEDIATE` already made this transaction the only writer.)
    if backend == sea_orm::DatabaseBackend::Postgres {
        txn.execute_raw(statement(
            backend,
            "UPDATE carts SET updated_at = ? WHERE id = ?",
            [at.into(), cart_id.clone().into()],
        ))
        .await?;
    }
    let order_id = new_id();
    let till_store_id = match scope {
        OrderScope::Till { store_id, .. } => Some(*store_id),
        OrderScope::WholeCart => None,
    };
    let lines: Vec<CartLineRow> = cart::lines(&txn, &cart_id)
        .await?
        .into_iter()
        .filter(|line| scope.takes(line))
        .collect();
    let sold_items: Vec<Value> = lines
        .iter()
        .map(|line| line.item_id.clone().into())
        .collect();
    let quote = build_quote(&txn, &settings, user_id, lines, input, till_store_id).await?;
    if let Some(code) = &quote.discount {
        let used = txn
            .execute_raw(statement(
                backend,
                "UPDATE discount_codes SET used_count = used_count + 1 \
                 WHERE id = ? AND (max_uses IS NULL OR used_count < max_uses)",
                [Value::from(code.id.clone())],
            ))
            .await?;
        if used.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                code: "discount_exhausted",
                message: "this discount code has just been used up".into(),
                field: Some("discount_code"),
            });
        }
    }
    let expires_at = at + Duration::minutes(i64::from(settings.reservation_minutes));
    // The order, its parts and lines go in one round trip: this transaction holds the
    // write lock that every other checkout waits for, so round trips count.
    let mut rows = Script::default();
    rows.push(
        "INSERT INTO orders (id, number, user_id, status, channel, currency, items_cents, shipping_cents, \
         discount_cents, cashback_used_cents, total_cents, vat_cents, discount_code_id, discount_code, \
         cart_id, expires_at, created_at, updated_at) \
         VALUES (?, ?, ?, 'pending_payment', ?, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            order_id.clone().into(),
            order_number().into(),
            user_id.to_owned().into(),
            input.channel.as_str().into(),
            quote.items_cents.into(),
            quote.shipping_cents.into(),
            quote.discount_cents.into(),
            quote.cashback_used_cents.into(),
            quote.total_cents.into(),
            quote.vat_cents.into(),
            quote.discount.as_ref().map(|code| code.id.clone()).into(),
            quote.discount.as_ref().map(|code| code.code.clone()).into(),
            cart_id.clone().into(),
            expires_at.into(),
            at.into(),
            at.into(),
        ],
    );
    let mut parts_insert = InsertRows::new(
        "INSERT INTO seller_orders (id, order_id, shop_id, status, fulfilment, ship_name, ship_line1, \
         ship_line2, ship_postcode, ship_city, ship_country, store_id, pickup_code, items_cents, \
         shipping_cents, discount_cents, total_cents, commission_bps, commission_cents, cashback_used_cents, \
         created_at, updated_at) VALUES ",
        "(?, ?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let mut lines_insert = InsertRows::new(
        "INSERT INTO order_lines (id, seller_order_id, offer_id, product_id, title, condition, \
         quantity, unit_price_cents, line_cents) VALUES ",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let mut to_reserve = Vec::new();
    for part in &quote.parts {
        let seller_order_id = new_id();
        let address = part.address.clone().unwrap_or_default();
        let has_address = part.address.is_some();
        let text = |value: &String| {
            if has_address {
                Some(value.clone())
            } else {
                None
            }
        };
        parts_insert.push([
            seller_order_id.clone().into(),
            order_id.clone().into(),
            part.shop_id.clone().into(),
            part.method.as_str().into(),
            text(&address.name).into(),
            text(&address.line1).into(),
            text(&address.line2).into(),
            text(&address.postcode).into(),
            text(&address.city).into(),
            text(&address.country).into(),
            part.store_id.clone().into(),
            // Handed over at the till on the spot: no code to show later.
            part.store_id
                .as_ref()
                .filter(|store| till_store_id != Some(store.as_str()))
                .map(|_| pickup_code())
                .into(),
            part.items_cents.into(),
            part.shipping_cents.into(),
            part.discount_cents.into(),
            part.total_cents.into(),
            part.commission_bps.into(),
            part.commission_cents.into(),
            part.cashback_used_cents.into(),
            at.into(),
            at.into(),
        ]);
        for line in &part.lines {
            let line_id = new_id();
            lines_insert.push([
                line_id.clone().into(),
                seller_order_id.clone().into(),
                line.offer_id.clone().into(),
                line.product_id.clone().into(),
                line.title.clone().into(),
                line.condition.clone().into(),
                line.quantity.into(),
                line.price_cents.into(),
                line.line_cents().into(),
            ]);
            to_reserve.push((
                line.offer_id.clone(),
                line_id,
                i64::from(line.quantity),
                part.store_id.clone(),
                line.title.clone(),
            ));
        }
    }
    parts_insert.add_to(&mut rows, "");
    lines_insert.add_to(&mut rows, "");
    // A till's claim and a cashback hold name the order, so they follow its rows, and on
    // PostgreSQL all of it comes before the stock holds, so that every checkout takes its
    // row locks in one order (cart, wallet, stock). On SQLite this transaction holds the
    // database's only write lock and no order is at stake: without claims, the rows wait
    // for the last script, one round trip fewer while every other writer waits.
    let rows_now = backend != sea_orm::DatabaseBackend::Sqlite
        || matches!(scope, OrderScope::Till { .. })
        || quote.cashback_used_cents > 0;
    let mut rest = if rows_now {
        rows.execute(&txn).await?;
        if let OrderScope::Till {
            handoff_id,
            shop_id,
            ..
        } = scope
        {
            // A losing till rolls all of it back.
            super::handoff::claim_for_sale(&txn, handoff_id, shop_id, &order_id, at).await?;
        }
        super::cashback::hold_for_order(&txn, user_id, &order_id, quote.cashback_used_cents)
            .await?;
        Script::default()
    } else {
        rows
    };
    // Offers in id order: concurrent checkouts lock stock rows in the same order.
    to_reserve.sort_by(|a, b| a.0.cmp(&b.0));
    let wanted: Vec<(super::stock::Wanted<'_>, &str)> = to_reserve
        .iter()
        .map(|(offer_id, line_id, quantity, store_id, title)| {
            let wanted = super::stock::Wanted {
                order_id: &order_id,
                order_line_id: line_id,
                offer_id,
                quantity: *quantity,
                only_location: store_id.as_deref(),
            };
            (wanted, title.as_str())
        })
        .collect();
    let mut reservations = super::stock::Reservations::default();
    super::stock::hold_lines(&txn, &wanted, &mut reservations).await?;
    reservations.add_to(&mut rest, backend);
    let payment_id = new_id();
    payments::push_new_payment(
        &mut rest,
        &payment_id,
        &order_id,
        provider_name,
        quote.total_cents,
        paying_now,
        at,
    );
    match scope {
        OrderScope::WholeCart => rest.push(
            "DELETE FROM cart_items WHERE cart_id = ?",
            [Value::from(cart_id)],
        ),
        OrderScope::Till { .. } => {
            let placeholders = vec!["?"; sold_items.len()].join(", ");
            rest.push(
                &format!("DELETE FROM cart_items WHERE id IN ({placeholders})"),
                sold_items,
            );
        }
    }
    if let Some(claim) = claim {
        claim.link_order_in(&mut rest, &order_id);
    }
    rest.execute(&txn).await?;
    txn.commit().await?;
    Ok((order_id, payment_id))
}

/// The code a shopper shows at the store: 8 characters without look-alikes.
fn pickup_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}
