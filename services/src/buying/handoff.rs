//! Cart hand-off: a shopper's cart carried to a seller's till by a short code.
//!
//! The shopper asks for a code (web cart page or `POST /cart/handoff`); the seller types
//! it at the till and sees that shopper's lines *for this shop only*, with the stock of
//! each of its stores. The till then completes a sale, paid in store (cash or card
//! present), that goes through the same order machinery as a checkout: stock reserved and
//! committed by conditional updates, the ledger, cashback, the shopper's history, with
//! channel `store`.
//!
//! - In store: the lines are handed over on the spot, drawn from the till's store.
//! - Endless aisle: with a fulfilment, the lines are ordered for delivery or for pickup
//!   at another store, paid at the till, and then follow the usual fulfilment.
//!
//! A code lives [`LIFETIME_MINUTES`]; each shop completes at most one sale with it (the
//! primary key of `cart_handoff_sales` decides when two tills race). Wrong codes are
//! counted per shop and throttled, so a till cannot be used to guess other carts.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, Value};

use super::cart::{self, CartLineRow, CartOwner};
use super::checkout::{
    AddressInput, Channel, CheckoutInput, FulfilmentInput, OrderScope, PaymentChoice,
    create_pending_order,
};
use super::payments::{self, PartFunding, PaymentSource};
use super::views::{OrderView, load_order};
use super::{ledger, orders as seller_orders};
use crate::accounts::throttle;
use crate::db::entity::{locations, orders};
use crate::db::statement;
use crate::{Db, StoreError, new_id, now};
use domain::orders::FulfilmentMethod;

/// How long a code can be used.
pub const LIFETIME_MINUTES: i64 = 15;

/// The payment provider a till sale is recorded under (`psp:till` in the ledger).
pub const TILL_PROVIDER: &str = "till";

/// A code the shopper shows at the till.
#[derive(Debug, Clone)]
pub struct Handoff {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// Eight characters without look-alikes (no 0/O, 1/I): about 10¹² codes.
fn new_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// What a person may type for a code: any case, spaces and dashes ignored.
pub fn normalise_code(typed: &str) -> String {
    typed
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect()
}

/// Issues a code for the account's cart. An empty cart has nothing to hand off (409).
pub async fn create(db: &Db, user_id: &str) -> Result<Handoff, StoreError> {
    if cart::item_count(db, CartOwner::User(user_id)).await? == 0 {
        return Err(StoreError::Conflict {
            code: "cart_empty",
            message: "your cart is empty: add something before handing it to a till".into(),
            field: None,
        });
    }
    let at = now();
    let expires_at = at + Duration::minutes(LIFETIME_MINUTES);
    let code = new_code();
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "INSERT INTO cart_handoffs (id, code, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [
                new_id().into(),
                code.clone().into(),
                user_id.to_owned().into(),
                at.into(),
                expires_at.into(),
            ],
        ))
        .await?;
    Ok(Handoff { code, expires_at })
}

#[derive(Debug, Clone, FromQueryResult)]
struct HandoffRow {
    id: String,
    code: String,
    user_id: String,
    expires_at: DateTime<Utc>,
    shopper_name: String,
    sold_order_id: Option<String>,
}

/// A store of the shop and how many units of a line it has free now.
#[derive(Debug, Clone)]
pub struct StoreStock {
    pub location_id: String,
    pub name: String,
    pub available: i64,
}

/// One of the shopper's lines for this shop.
#[derive(Debug, Clone)]
pub struct TillLine {
    pub line: CartLineRow,
    /// Units free at each of the shop's stores (and warehouses), till's stores first.
    pub stock: Vec<StoreStock>,
}

/// What the till sees after typing a code.
#[derive(Debug, Clone)]
pub struct TillView {
    pub code: String,
    pub expires_at: DateTime<Utc>,
    /// The shopper's name, so the seller can greet them; nothing else of the account.
    pub shopper_name: String,
    /// For the store's funnel events only; never shown to the till.
    pub shopper_id: String,
    pub lines: Vec<TillLine>,
    /// The order this shop already made with the code, if any (the code is then spent).
    pub sold_order_id: Option<String>,
}

impl TillView {
    pub fn total_cents(&self) -> i64 {
        self.lines.iter().map(|line| line.line.line_cents()).sum()
    }
}

/// Finds the live hand-off of `code` for a shop. Unknown and expired codes both answer
/// `handoff_unknown` (404), and count as a wrong guess of this shop.
async fn find_for_shop(db: &Db, shop_id: &str, code: &str) -> Result<HandoffRow, StoreError> {
    let at = now();
    let scope = throttle::Scope::till(shop_id);
    throttle::check(db, std::slice::from_ref(&scope), at).await?;
    let code = normalise_code(code);
    let conn = db.conn();
    let found = HandoffRow::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT h.id, h.code, h.user_id, h.expires_at, u.name AS shopper_name, \
         hs.order_id AS sold_order_id \
         FROM cart_handoffs h JOIN users u ON u.id = h.user_id \
         LEFT JOIN cart_handoff_sales hs ON hs.handoff_id = h.id AND hs.shop_id = ? \
         WHERE h.code = ? AND h.expires_at > ?",
        [Value::from(shop_id.to_owned()), code.into(), at.into()],
    ))
    .one(conn)
    .await?;
    match found {
        Some(row) => Ok(row),
        None => {
            throttle::record_failure(db, &scope, at).await?;
            Err(StoreError::Invalid {
                code: "handoff_unknown",
                message: "no cart was handed off with this code, or it has expired".into(),
                field: Some("code"),
            })
        }
    }
}

/// The shopper's lines for `shop_id` behind `code`, with the shop's stock per location.
pub async fn till_view(db: &Db, shop_id: &str, code: &str) -> Result<TillView, StoreError> {
    let handoff = find_for_shop(db, shop_id, code).await?;
    let conn = db.conn();
    let lines: Vec<CartLineRow> =
        match cart::cart_id(conn, CartOwner::User(&handoff.user_id), false).await? {
            Some(cart_id) => cart::lines(conn, &cart_id)
                .await?
                .into_iter()
                .filter(|line| line.shop_id == shop_id)
                .collect(),
            None => Vec::new(),
        };
    let mut with_stock = Vec::with_capacity(lines.len());
    for line in lines {
        let stock = stock_by_location(conn, shop_id, &line.offer_id).await?;
        with_stock.push(TillLine { line, stock });
    }
    Ok(TillView {
        code: handoff.code,
        expires_at: handoff.expires_at,
        shopper_name: handoff.shopper_name,
        shopper_id: handoff.user_id,
        lines: with_stock,
        sold_order_id: handoff.sold_order_id,
    })
}

async fn stock_by_location(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    offer_id: &str,
) -> Result<Vec<StoreStock>, StoreError> {
    let rows = conn
        .query_all_raw(statement(
            conn.get_database_backend(),
            "SELECT l.id AS location_id, l.name AS name, \
             COALESCE((SELECT sl.quantity - sl.reserved FROM stock_levels sl \
                 WHERE sl.location_id = l.id AND sl.offer_id = ?), 0) AS available \
             FROM locations l WHERE l.shop_id = ? \
             ORDER BY CASE WHEN l.kind = 'store' THEN 0 ELSE 1 END, l.name, l.id",
            [Value::from(offer_id.to_owned()), shop_id.to_owned().into()],
        ))
        .await?;
    let mut stock = Vec::with_capacity(rows.len());
    for row in rows {
        let available = row
            .try_get::<i64>("", "available")
            .or_else(|_| row.try_get::<i32>("", "available").map(i64::from))?;
        stock.push(StoreStock {
            location_id: row.try_get("", "location_id")?,
            name: row.try_get("", "name")?,
            available,
        });
    }
    Ok(stock)
}

/// How the shopper pays at the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TillPayment {
    Cash,
    CardPresent,
}

impl TillPayment {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "cash" => Some(TillPayment::Cash),
            "card_present" => Some(TillPayment::CardPresent),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TillPayment::Cash => "cash",
            TillPayment::CardPresent => "card_present",
        }
    }
}

/// Where an endless-aisle order goes.
#[derive(Debug, Clone)]
pub enum AisleFulfilment {
    Delivery(AddressInput),
    /// Pickup at another store of the shop.
    Pickup {
        store_id: String,
    },
}

/// A sale at the till.
#[derive(Debug, Clone)]
pub struct SaleInput {
    /// The store the till is in.
    pub store_id: String,
    pub payment: TillPayment,
    /// Only these offers of the shopper's lines (all of the shop's when `None`).
    pub offer_ids: Option<Vec<String>>,
    /// `None`: handed over now from `store_id`. `Some`: the endless aisle.
    pub fulfilment: Option<AisleFulfilment>,
}

/// Completes a sale at the till of `shop_id` for the cart behind `code`. Answers the
/// order as the shopper will see it; stock comes from `store_id` (in store) or as the
/// fulfilment says (endless aisle).
pub async fn sell(
    db: &Db,
    shop_id: &str,
    code: &str,
    input: SaleInput,
) -> Result<OrderView, StoreError> {
    let handoff = find_for_shop(db, shop_id, code).await?;
    if handoff.sold_order_id.is_some() {
        return Err(handoff_used());
    }
    let till_store = locations::Entity::find_by_id(&input.store_id)
        .one(db.conn())
        .await?
        .filter(|store| store.shop_id == shop_id && store.kind == "store")
        .ok_or_else(|| StoreError::Invalid {
            code: "store_unknown",
            message: "this shop has no store with this id".into(),
            field: Some("store_id"),
        })?;
    let fulfilment = match &input.fulfilment {
        None => FulfilmentInput {
            shop_id: shop_id.to_owned(),
            method: FulfilmentMethod::Pickup,
            address: None,
            store_id: Some(till_store.id.clone()),
        },
        Some(AisleFulfilment::Delivery(address)) => FulfilmentInput {
            shop_id: shop_id.to_owned(),
            method: FulfilmentMethod::Delivery,
            address: Some(address.clone()),
            store_id: None,
        },
        Some(AisleFulfilment::Pickup { store_id }) if *store_id == till_store.id => {
            return Err(StoreError::Invalid {
                code: "store_is_the_till",
                message: "this is the till's own store: sell it in store instead".into(),
                field: Some("fulfilment.store_id"),
            });
        }
        Some(AisleFulfilment::Pickup { store_id }) => FulfilmentInput {
            shop_id: shop_id.to_owned(),
            method: FulfilmentMethod::Pickup,
            address: None,
            store_id: Some(store_id.clone()),
        },
    };
    let checkout = CheckoutInput {
        fulfilments: vec![fulfilment],
        payment: PaymentChoice::Method(format!("till_{}", input.payment.as_str())),
        use_cashback_cents: 0,
        discount_code: None,
        channel: Channel::Store,
    };
    let source = PaymentSource::Method(format!("till_{}", input.payment.as_str()));
    let scope = OrderScope::Till {
        handoff_id: &handoff.id,
        shop_id,
        offer_ids: input.offer_ids.as_deref(),
        store_id: &till_store.id,
    };
    let (order_id, payment_id) = create_pending_order(
        db,
        TILL_PROVIDER,
        &handoff.user_id,
        &checkout,
        Some(&source),
        &scope,
        // A till sale is claimed once per hand-off code and shop (`claim_for_sale`): a
        // retry after a crash cannot sell twice, whatever its key.
        None,
    )
    .await
    .map_err(nothing_to_sell_if_empty)?;
    // The money is in the till already: the payment is captured as the order is placed.
    let reference = format!("till-{}-{payment_id}", input.payment.as_str());
    payments::settle_captured(db, &payment_id, &reference, None, None).await?;
    let order = orders::Entity::find_by_id(&order_id)
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let view = load_order(db.conn(), order, None).await?;
    if input.fulfilment.is_none() {
        for part in &view.parts {
            seller_orders::hand_over_at_till(db, &part.row.id, &order_id).await?;
        }
        let order = orders::Entity::find_by_id(&order_id)
            .one(db.conn())
            .await?
            .ok_or(StoreError::NotFound)?;
        return load_order(db.conn(), order, None).await;
    }
    Ok(view)
}

fn handoff_used() -> StoreError {
    StoreError::Conflict {
        code: "handoff_used",
        message: "this shop already completed a sale with this code".into(),
        field: Some("code"),
    }
}

/// Checkout's "your cart is empty" means, at a till, that none of the lines is this
/// shop's (or of the offers chosen).
fn nothing_to_sell_if_empty(err: StoreError) -> StoreError {
    match err {
        StoreError::Conflict {
            code: "cart_empty", ..
        } => StoreError::Conflict {
            code: "nothing_to_sell",
            message: "the shopper's cart has no line of this shop to sell".into(),
            field: None,
        },
        other => other,
    }
}

/// Inside the order's write transaction: records that `shop_id` sold with the hand-off,
/// or answers `handoff_used` when another till of the shop did first.
pub(crate) async fn claim_for_sale(
    conn: &impl ConnectionTrait,
    handoff_id: &str,
    shop_id: &str,
    order_id: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let claimed = conn
        .execute_raw(statement(
            conn.get_database_backend(),
            "INSERT INTO cart_handoff_sales (handoff_id, shop_id, order_id, created_at) \
             VALUES (?, ?, ?, ?) ON CONFLICT (handoff_id, shop_id) DO NOTHING",
            [
                handoff_id.to_owned().into(),
                shop_id.to_owned().into(),
                order_id.to_owned().into(),
                at.into(),
            ],
        ))
        .await?;
    if claimed.rows_affected() == 1 {
        Ok(())
    } else {
        Err(handoff_used())
    }
}

/// The ledger of a till sale's capture, after the usual one: the shop keeps what it took
/// at its till, so that sum leaves its earnings (which then hold only what it owes in
/// commission, settled against its next payouts) and the till account returns to zero.
pub(crate) fn kept_at_till(
    batch: &mut ledger::Batch,
    order: &orders::Model,
    parts: &[PartFunding],
) {
    for part in parts {
        batch.transfer(
            &format!("till:{}", part.row.id),
            &ledger::seller_pending(&part.row.shop_id),
            &ledger::psp(TILL_PROVIDER),
            part.row.total_cents,
            ledger::Refs {
                order_id: Some(&order.id),
                seller_order_id: Some(&part.row.id),
            },
        );
    }
}

/// Deletes codes that expired more than a day ago and sold nothing.
pub async fn prune(db: &Db) -> Result<u64, StoreError> {
    let done = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "DELETE FROM cart_handoffs WHERE expires_at < ? \
             AND NOT EXISTS (SELECT 1 FROM cart_handoff_sales hs WHERE hs.handoff_id = cart_handoffs.id)",
            [(now() - Duration::days(1)).into()],
        ))
        .await?;
    Ok(done.rows_affected())
}

/// The account's newest code still valid, for the cart page.
pub async fn live_for(db: &Db, user_id: &str) -> Result<Option<Handoff>, StoreError> {
    #[derive(FromQueryResult)]
    struct Row {
        code: String,
        expires_at: DateTime<Utc>,
    }
    let conn = db.conn();
    let row = Row::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT code, expires_at FROM cart_handoffs WHERE user_id = ? AND expires_at > ? \
         ORDER BY expires_at DESC LIMIT 1",
        [Value::from(user_id.to_owned()), now().into()],
    ))
    .one(conn)
    .await?;
    Ok(row.map(|row| Handoff {
        code: row.code,
        expires_at: row.expires_at,
    }))
}

/// The QR code of one of the account's own live codes; anyone else's is `NotFound`.
pub async fn qr_for_owner(db: &Db, user_id: &str, code: &str) -> Result<String, StoreError> {
    let conn = db.conn();
    let found = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT code FROM cart_handoffs WHERE user_id = ? AND code = ? AND expires_at > ?",
            [
                Value::from(user_id.to_owned()),
                normalise_code(code).into(),
                now().into(),
            ],
        ))
        .await?;
    let code: String = found.ok_or(StoreError::NotFound)?.try_get("", "code")?;
    super::pickup_hold::qr_svg(&code).ok_or_else(|| StoreError::Internal("QR code".into()))
}
