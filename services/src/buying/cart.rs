//! The cart: server-side, one per account, or one per guest found by the hash of a cookie
//! secret. Lines remember the price the shopper saw, so a change is shown, never applied
//! silently; availability is read live and only enforced for real at checkout.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::accounts::sessions::token_hash;
use crate::db::statement;
use crate::{Db, StoreError, new_id, now};

mod lines;

pub use lines::{CartLineRow, CartShopView, CartView, LineState, group_by_shop, lines};

/// Most units of one offer a cart line may hold.
pub const MAX_LINE_QUANTITY: u32 = 999;

/// Whose cart.
#[derive(Debug, Clone, Copy)]
pub enum CartOwner<'a> {
    User(&'a str),
    /// A visitor, by the secret in their cart cookie.
    Guest(&'a str),
}

/// The `carts` column that finds `owner`'s cart, and its value.
fn owner_key(owner: CartOwner<'_>) -> (&'static str, String) {
    match owner {
        CartOwner::User(user_id) => ("user_id", user_id.to_owned()),
        CartOwner::Guest(token) => ("guest_token_hash", token_hash(token)),
    }
}

/// The cart's id, creating the cart when `create` and it does not exist yet.
pub async fn cart_id(
    conn: &impl ConnectionTrait,
    owner: CartOwner<'_>,
    create: bool,
) -> Result<Option<String>, StoreError> {
    let backend = conn.get_database_backend();
    let (column, key) = owner_key(owner);
    let find = statement(
        backend,
        &format!("SELECT id FROM carts WHERE {column} = ?"),
        [Value::from(key.clone())],
    );
    if let Some(row) = conn.query_one_raw(find.clone()).await? {
        return Ok(Some(row.try_get_by_index(0)?));
    }
    if !create {
        return Ok(None);
    }
    let at = now();
    conn.execute_raw(statement(
        backend,
        &format!(
            "INSERT INTO carts (id, {column}, notices, created_at, updated_at) \
             VALUES (?, ?, '', ?, ?) ON CONFLICT DO NOTHING"
        ),
        [new_id().into(), key.into(), at.into(), at.into()],
    ))
    .await?;
    let row = conn
        .query_one_raw(find)
        .await?
        .ok_or_else(|| StoreError::Internal("cart vanished after insert".into()))?;
    Ok(Some(row.try_get_by_index(0)?))
}

/// The cart as the shopper sees it. Notices (what changed on its own, e.g. a merge capped
/// by stock) are handed over once and then forgotten.
pub async fn view(db: &Db, owner: CartOwner<'_>) -> Result<CartView, StoreError> {
    let conn = db.conn();
    let (column, key) = owner_key(owner);
    let cart = conn
        .query_one_raw(statement(
            db.backend(),
            &format!("SELECT id, notices FROM carts WHERE {column} = ?"),
            [Value::from(key)],
        ))
        .await?;
    let Some(cart) = cart else {
        return Ok(CartView {
            id: String::new(),
            shops: Vec::new(),
            notices: Vec::new(),
        });
    };
    let id: String = cart.try_get_by_index(0)?;
    let notices = take_notices(db, &id, cart.try_get_by_index(1)?).await?;
    let shops = group_by_shop(lines(conn, &id).await?);
    Ok(CartView { id, shops, notices })
}

/// How many units the cart holds (for the header badge), without creating a cart.
pub async fn item_count(db: &Db, owner: CartOwner<'_>) -> Result<u32, StoreError> {
    let backend = db.backend();
    let (column, key) = owner_key(owner);
    let row = db
        .conn()
        .query_one_raw(statement(
            backend,
            &format!(
                "SELECT COALESCE(SUM(ci.quantity), 0) FROM cart_items ci \
                 JOIN carts c ON c.id = ci.cart_id WHERE c.{column} = ?"
            ),
            [Value::from(key)],
        ))
        .await?;
    let count: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u32::try_from(count).unwrap_or(0))
}

/// The cart's notices (`text`, one a line), cleared once read: each is shown once.
async fn take_notices(db: &Db, cart_id: &str, text: String) -> Result<Vec<String>, StoreError> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE carts SET notices = '' WHERE id = ?",
            [Value::from(cart_id.to_owned())],
        ))
        .await?;
    Ok(text.lines().map(str::to_owned).collect())
}

fn quantity_error(message: &str) -> StoreError {
    StoreError::Invalid {
        code: "quantity_invalid",
        message: message.to_owned(),
        field: Some("quantity"),
    }
}

/// A live offer, for adding to a cart, with the caller's cart and what it holds of it.
#[derive(Debug, FromQueryResult)]
struct OfferForCart {
    price_cents: i64,
    offer_status: String,
    shop_status: String,
    available: i64,
    /// The caller's cart, when there is one yet.
    cart_id: Option<String>,
    /// Units of this offer already in that cart.
    in_cart: i64,
}

/// One read for all an add needs to check: it is most of what adding costs.
async fn offer_for_cart(
    conn: &impl ConnectionTrait,
    owner: CartOwner<'_>,
    offer_id: &str,
) -> Result<OfferForCart, StoreError> {
    let (column, key) = owner_key(owner);
    OfferForCart::find_by_statement(statement(
        conn.get_database_backend(),
        &format!(
            "SELECT o.price_cents, o.status AS offer_status, s.status AS shop_status, \
             COALESCE((SELECT SUM(sl.quantity - sl.reserved) FROM stock_levels sl \
                 WHERE sl.offer_id = o.id), 0) AS available, \
             c.id AS cart_id, \
             CAST(COALESCE((SELECT ci.quantity FROM cart_items ci \
                 WHERE ci.cart_id = c.id AND ci.offer_id = o.id), 0) AS BIGINT) AS in_cart \
             FROM offers o JOIN shops s ON s.id = o.shop_id \
             LEFT JOIN carts c ON c.{column} = ? \
             WHERE o.id = ?"
        ),
        [Value::from(key), Value::from(offer_id.to_owned())],
    ))
    .one(conn)
    .await?
    .filter(|offer| offer.offer_status == "active" && offer.shop_status == "approved")
    .ok_or(StoreError::Invalid {
        code: "offer_unknown",
        message: "no offer on sale has this id".into(),
        field: Some("offer_id"),
    })
}

fn out_of_stock(available: i64) -> StoreError {
    StoreError::Conflict {
        code: "out_of_stock",
        message: if available <= 0 {
            "this offer is sold out".to_owned()
        } else {
            format!("only {available} left")
        },
        field: Some("quantity"),
    }
}

/// Adds `quantity` units of an offer (summed with a line already there).
pub async fn add_item(
    db: &Db,
    owner: CartOwner<'_>,
    offer_id: &str,
    quantity: u32,
) -> Result<String, StoreError> {
    if !(1..=MAX_LINE_QUANTITY).contains(&quantity) {
        return Err(quantity_error("quantity is 1 to 999"));
    }
    let offer = offer_for_cart(db.conn(), owner, offer_id).await?;
    if i64::from(quantity) > offer.available {
        return Err(out_of_stock(offer.available));
    }
    let wanted = offer.in_cart + i64::from(quantity);
    if wanted > i64::from(MAX_LINE_QUANTITY) {
        return Err(quantity_error("a cart line holds at most 999 units"));
    }
    if wanted > offer.available {
        return Err(out_of_stock(offer.available));
    }
    // Only now, with every check passed: a refused first add leaves no empty cart behind.
    let cart_id = match offer.cart_id {
        Some(id) => id,
        None => cart_id(db.writer(), owner, true)
            .await?
            .ok_or_else(|| StoreError::Internal("no cart".into()))?,
    };
    let backend = db.backend();
    let at = now();
    db.writer()
        .execute_raw(statement(
            backend,
            "INSERT INTO cart_items (id, cart_id, offer_id, quantity, price_cents_seen, added_at) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cart_id, offer_id) DO UPDATE \
         SET quantity = cart_items.quantity + excluded.quantity, \
             price_cents_seen = excluded.price_cents_seen",
            [
                new_id().into(),
                cart_id.clone().into(),
                offer_id.to_owned().into(),
                i32::try_from(quantity).unwrap_or(1).into(),
                offer.price_cents.into(),
                at.into(),
            ],
        ))
        .await?;
    Ok(cart_id)
}

/// Sets a line's quantity (0 removes it) and confirms its current price.
pub async fn set_quantity(
    db: &Db,
    owner: CartOwner<'_>,
    item_id: &str,
    quantity: u32,
) -> Result<(), StoreError> {
    if quantity > MAX_LINE_QUANTITY {
        return Err(quantity_error("quantity is 0 to 999"));
    }
    if quantity == 0 {
        return remove_item(db, owner, item_id).await;
    }
    let conn = db.conn();
    let cart_id = cart_id(conn, owner, false)
        .await?
        .ok_or(StoreError::NotFound)?;
    let backend = db.backend();
    let offer_id: String = conn
        .query_one_raw(statement(
            backend,
            "SELECT offer_id FROM cart_items WHERE id = ? AND cart_id = ?",
            [item_id.to_owned().into(), cart_id.clone().into()],
        ))
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get_by_index(0)?;
    let offer = offer_for_cart(conn, owner, &offer_id).await?;
    if i64::from(quantity) > offer.available {
        return Err(out_of_stock(offer.available));
    }
    db.writer()
        .execute_raw(statement(
            backend,
            "UPDATE cart_items SET quantity = ?, price_cents_seen = ? WHERE id = ? AND cart_id = ?",
            [
                i32::try_from(quantity).unwrap_or(1).into(),
                offer.price_cents.into(),
                item_id.to_owned().into(),
                cart_id.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Removes a line; someone else's line is "not found".
pub async fn remove_item(db: &Db, owner: CartOwner<'_>, item_id: &str) -> Result<(), StoreError> {
    let conn = db.conn();
    let cart_id = cart_id(conn, owner, false)
        .await?
        .ok_or(StoreError::NotFound)?;
    let result = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "DELETE FROM cart_items WHERE id = ? AND cart_id = ?",
            [item_id.to_owned().into(), cart_id.into()],
        ))
        .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// On login: moves a guest's lines into the account's cart, summing quantities but never
/// beyond what is available, and leaves a notice for each line that was capped or dropped.
pub async fn merge_guest_cart(
    db: &Db,
    guest_token: &str,
    user_id: &str,
) -> Result<Vec<String>, StoreError> {
    let txn = db.begin_write().await?;
    let Some(guest_cart) = cart_id(&txn, CartOwner::Guest(guest_token), false).await? else {
        return Ok(Vec::new());
    };
    let user_cart = cart_id(&txn, CartOwner::User(user_id), true)
        .await?
        .ok_or_else(|| StoreError::Internal("no cart".into()))?;
    let guest_lines = lines(&txn, &guest_cart).await?;
    let user_lines = lines(&txn, &user_cart).await?;
    let backend = txn.get_database_backend();
    let mut notices = Vec::new();
    for line in guest_lines {
        let already = user_lines
            .iter()
            .find(|existing| existing.offer_id == line.offer_id)
            .map_or(0, |existing| i64::from(existing.quantity));
        let wanted = already + i64::from(line.quantity);
        let allowed = wanted
            .min(line.available.max(0))
            .min(i64::from(MAX_LINE_QUANTITY));
        if allowed < wanted {
            notices.push(if allowed <= already {
                format!(
                    "“{}” could not be added: not enough stock left.",
                    line.title
                )
            } else {
                format!(
                    "“{}”: {wanted} wanted, {allowed} kept (the stock left).",
                    line.title
                )
            });
        }
        if allowed <= already {
            continue;
        }
        txn.execute_raw(statement(
            backend,
            "INSERT INTO cart_items (id, cart_id, offer_id, quantity, price_cents_seen, added_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cart_id, offer_id) DO UPDATE \
             SET quantity = excluded.quantity",
            [
                new_id().into(),
                user_cart.clone().into(),
                line.offer_id.clone().into(),
                i32::try_from(allowed).unwrap_or(1).into(),
                line.price_cents_seen.into(),
                now().into(),
            ],
        ))
        .await?;
    }
    txn.execute_raw(statement(
        backend,
        "DELETE FROM carts WHERE id = ?",
        [Value::from(guest_cart)],
    ))
    .await?;
    if !notices.is_empty() {
        txn.execute_raw(statement(
            backend,
            "UPDATE carts SET notices = ? WHERE id = ?",
            [notices.join("\n").into(), user_cart.into()],
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(notices)
}
