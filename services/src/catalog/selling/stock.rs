//! Units of an offer per location, never below what checkouts reserved. Every change the
//! seller makes is a stock movement with its reason, written in the same transaction.

use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect, Value};

use super::locations::own_location;
use super::offers::own_offer;
use crate::buying::movements::{self, Movement, Reason};
use crate::catalog::listings::{self, Listed};
use crate::db::entity::{locations, stock_levels};
use crate::db::statement;
use crate::{Db, StoreError};

/// The most units one stock row may hold.
const MAX_UNITS: i64 = 1_000_000;

/// Why the seller sets a level, and a note for the movement.
#[derive(Debug, Clone, Default)]
pub struct StockChange {
    /// `receipt` or `adjustment`; `None` picks receipt for a rise, adjustment otherwise.
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// Sets how many units of an offer a location holds. Never below what is reserved. The
/// difference is recorded as a movement (a receipt or an adjustment).
pub async fn set_stock(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    location_id: &str,
    quantity: i64,
    change: StockChange,
) -> Result<stock_levels::Model, StoreError> {
    let offer = own_offer(db, shop_id, offer_id).await?;
    own_location(db, shop_id, location_id)
        .await
        .map_err(|_| unknown_location("location_id"))?;
    let quantity = units(quantity, "quantity", 0)?;
    let reason = match change.reason.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            Reason::parse(text)
                .filter(|reason| matches!(reason, Reason::Receipt | Reason::Adjustment))
                .ok_or_else(|| StoreError::Invalid {
                    code: "reason_invalid",
                    message: "reason is receipt or adjustment".into(),
                    field: Some("reason"),
                })?,
        ),
    };
    let note = checked_note(change.note.as_deref())?;
    let txn = db.begin_write().await?;
    let existing = stock_levels::Entity::find_by_id((offer_id.to_owned(), location_id.to_owned()))
        .lock_exclusive()
        .one(&txn)
        .await?;
    let before = match &existing {
        Some(level) if i64::from(level.reserved) > quantity => {
            return Err(StoreError::Conflict {
                code: "below_reserved",
                message: format!("{} unit(s) are reserved by checkouts here", level.reserved),
                field: Some("quantity"),
            });
        }
        Some(level) => i64::from(level.quantity),
        None => 0,
    };
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "INSERT INTO stock_levels (offer_id, location_id, quantity, reserved) VALUES (?, ?, ?, 0) \
         ON CONFLICT (offer_id, location_id) DO UPDATE SET quantity = excluded.quantity",
        [
            offer_id.to_owned().into(),
            location_id.to_owned().into(),
            quantity.into(),
        ],
    ))
    .await?;
    let difference = quantity - before;
    movements::record(
        &txn,
        Movement {
            offer_id,
            location_id,
            reason: reason.unwrap_or(if difference > 0 {
                Reason::Receipt
            } else {
                Reason::Adjustment
            }),
            quantity_change: difference,
            reserved_change: 0,
            order_id: None,
            note: &note,
        },
    )
    .await?;
    listings::refresh(&txn, Listed::Product(&offer.product_id)).await?;
    let level = level(&txn, offer_id, location_id).await?;
    txn.commit().await?;
    Ok(level)
}

/// Moves `quantity` free units of an offer from one location of the shop to another;
/// answers both rows, from then to.
pub async fn transfer_stock(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    from_id: &str,
    to_id: &str,
    quantity: i64,
    note: Option<&str>,
) -> Result<(stock_levels::Model, stock_levels::Model), StoreError> {
    let offer = own_offer(db, shop_id, offer_id).await?;
    let from = own_location(db, shop_id, from_id)
        .await
        .map_err(|_| unknown_location("from_location_id"))?;
    let to = own_location(db, shop_id, to_id)
        .await
        .map_err(|_| unknown_location("to_location_id"))?;
    if from.id == to.id {
        return Err(StoreError::Invalid {
            code: "same_location",
            message: "choose two different locations".into(),
            field: Some("to_location_id"),
        });
    }
    let quantity = units(quantity, "quantity", 1)?;
    let note = checked_note(note)?;
    let txn = db.begin_write().await?;
    let backend = txn.get_database_backend();
    // Only free units move: what checkouts reserved stays where they will take it from.
    let taken = txn
        .execute_raw(statement(
            backend,
            "UPDATE stock_levels SET quantity = quantity - ? \
             WHERE offer_id = ? AND location_id = ? AND quantity - reserved >= ?",
            [
                quantity.into(),
                offer_id.to_owned().into(),
                from.id.clone().into(),
                quantity.into(),
            ],
        ))
        .await?;
    if taken.rows_affected() != 1 {
        let free = stock_levels::Entity::find_by_id((offer_id.to_owned(), from.id.clone()))
            .one(&txn)
            .await?
            .map_or(0, |level| level.quantity - level.reserved);
        return Err(StoreError::Conflict {
            code: "not_enough_stock",
            message: format!("{} has {free} free unit(s) of this offer", from.name),
            field: Some("quantity"),
        });
    }
    let put = txn
        .execute_raw(statement(
            backend,
            "INSERT INTO stock_levels (offer_id, location_id, quantity, reserved) VALUES (?, ?, ?, 0) \
             ON CONFLICT (offer_id, location_id) DO UPDATE SET quantity = stock_levels.quantity + excluded.quantity \
             WHERE stock_levels.quantity + excluded.quantity <= ?",
            [
                offer_id.to_owned().into(),
                to.id.clone().into(),
                quantity.into(),
                MAX_UNITS.into(),
            ],
        ))
        .await?;
    if put.rows_affected() != 1 {
        return Err(StoreError::Invalid {
            code: "quantity_invalid",
            message: format!("{} would hold more than {MAX_UNITS} units", to.name),
            field: Some("quantity"),
        });
    }
    let mut moved = movements::Movements::default();
    let (to_note, from_note) = transfer_notes(&from, &to, &note);
    moved.push(Movement {
        offer_id,
        location_id: &from.id,
        reason: Reason::Transfer,
        quantity_change: -quantity,
        reserved_change: 0,
        order_id: None,
        note: &to_note,
    });
    moved.push(Movement {
        offer_id,
        location_id: &to.id,
        reason: Reason::Transfer,
        quantity_change: quantity,
        reserved_change: 0,
        order_id: None,
        note: &from_note,
    });
    moved.execute(&txn).await?;
    // Free units only move, so nothing the search shows changes today; refreshing anyway
    // keeps the rule simple (every seller stock write refreshes) for one product's rows.
    listings::refresh(&txn, Listed::Product(&offer.product_id)).await?;
    let rows = (
        level(&txn, offer_id, &from.id).await?,
        level(&txn, offer_id, &to.id).await?,
    );
    txn.commit().await?;
    Ok(rows)
}

/// "to Entrepôt Lyon — note" for the source, "from Boutique Marais — note" for the target.
fn transfer_notes(from: &locations::Model, to: &locations::Model, note: &str) -> (String, String) {
    let with = |text: String| {
        if note.is_empty() {
            text
        } else {
            format!("{text} — {note}")
        }
    };
    (
        with(format!("to {}", to.name)),
        with(format!("from {}", from.name)),
    )
}

async fn level(
    conn: &impl ConnectionTrait,
    offer_id: &str,
    location_id: &str,
) -> Result<stock_levels::Model, StoreError> {
    stock_levels::Entity::find_by_id((offer_id.to_owned(), location_id.to_owned()))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

fn units(quantity: i64, field: &'static str, at_least: i64) -> Result<i64, StoreError> {
    if (at_least..=MAX_UNITS).contains(&quantity) {
        Ok(quantity)
    } else {
        Err(StoreError::Invalid {
            code: "quantity_invalid",
            message: format!("{field} is {at_least} to 1,000,000"),
            field: Some(field),
        })
    }
}

fn checked_note(note: Option<&str>) -> Result<String, StoreError> {
    let note = note.map(str::trim).unwrap_or_default();
    if note.chars().count() > 150 {
        return Err(StoreError::Invalid {
            code: "note_too_long",
            message: "note is at most 150 characters".into(),
            field: Some("note"),
        });
    }
    Ok(note.to_owned())
}

fn unknown_location(field: &'static str) -> StoreError {
    StoreError::Invalid {
        code: "location_unknown",
        message: "no location of your shop has this id".into(),
        field: Some(field),
    }
}

/// The movements of one of the shop's offers (at one location when given), newest first.
pub async fn stock_movements(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    location_id: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<movements::MovementRow>, u64), StoreError> {
    own_offer(db, shop_id, offer_id).await?;
    if let Some(location) = location_id {
        own_location(db, shop_id, location)
            .await
            .map_err(|_| unknown_location("location_id"))?;
    }
    movements::history(
        db.conn(),
        offer_id,
        location_id,
        per_page,
        page.saturating_sub(1) * per_page,
    )
    .await
}

/// Sets the offer's low-stock threshold (0 to 10,000 free units).
pub async fn set_low_stock_threshold(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    threshold: i64,
) -> Result<i64, StoreError> {
    own_offer(db, shop_id, offer_id).await?;
    if !(0..=10_000).contains(&threshold) {
        return Err(StoreError::Invalid {
            code: "threshold_invalid",
            message: "low_stock_threshold is 0 to 10,000".into(),
            field: Some("low_stock_threshold"),
        });
    }
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE offers SET low_stock_threshold = ? WHERE id = ? AND shop_id = ?",
            [
                Value::from(threshold),
                offer_id.to_owned().into(),
                shop_id.to_owned().into(),
            ],
        ))
        .await?;
    Ok(threshold)
}
