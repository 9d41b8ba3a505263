//! Click & collect once a part is ready: the store holds it for the platform's
//! `pickup_hold_days` from `ready_at`, the shopper shows the pickup code (as text or as a
//! QR code, in the "ready" e-mail and on the order page), and a job cancels and refunds
//! the parts nobody came for.
//!
//! The job is decided by rows, like every job: it picks the parts still
//! `ready_for_pickup` past their hold and cancels each through [`orders::cancel`], whose
//! conditional updates let only one cancel win, so several servers (or a retry) running
//! it at once refund each part once; the loser's refusal is not an error. The "not
//! collected" message is then written for every part the job cancelled that has none yet
//! (its dedupe key decides), so a crash between the cancel and the message only delays it.

use chrono::{DateTime, Duration, Utc};
use qrcode::QrCode;
use qrcode::render::{svg, unicode};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Value,
};

use super::payments::PaymentProvider;
use super::{notifications, orders};
use crate::db::entity::{locations, orders as order_rows, seller_orders};
use crate::db::statement;
use crate::{Db, StoreError, now, settings};
use domain::orders::SellerOrderStatus;

/// The reason the job gives its cancellations (the refund's `reason`); it also tells the
/// job's cancellations from the seller's when the "not collected" messages are written.
pub const NOT_COLLECTED: &str = "pickup not collected in time";

/// How many parts one run cancels at most; the next run takes the rest.
const BATCH: u64 = 200;

/// Until when a part that became ready at `ready_at` waits in store.
pub fn held_until(ready_at: DateTime<Utc>, hold_days: i32) -> DateTime<Utc> {
    ready_at + Duration::days(i64::from(hold_days.max(0)))
}

/// The pickup code as a QR code drawn in text (two rows of modules per line, with half
/// and full blocks, dark on light with its quiet zone), for plain-text e-mails: it scans
/// off a screen in a monospaced font. `None` only for a code too long for a QR code.
pub fn qr_text(code: &str) -> Option<String> {
    let qr = QrCode::new(code.as_bytes()).ok()?;
    Some(
        qr.render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Dark)
            .light_color(unicode::Dense1x2::Light)
            .quiet_zone(true)
            .build(),
    )
}

/// The pickup code as an SVG QR code (black on white, 8 px a module, with its quiet zone).
pub fn qr_svg(code: &str) -> Option<String> {
    let qr = QrCode::new(code.as_bytes()).ok()?;
    Some(
        qr.render::<svg::Color<'_>>()
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .module_dimensions(8, 8)
            .quiet_zone(true)
            .build(),
    )
}

/// What the shopper's order page shows of one pickup part beyond the order itself.
#[derive(Debug, Clone)]
pub struct PickupDetails {
    pub seller_order_id: String,
    /// The store it is collected from (`None` if it was removed since).
    pub store: Option<locations::Model>,
    /// Until when it waits in store, while `ready_for_pickup`.
    pub held_until: Option<DateTime<Utc>>,
}

async fn shoppers_order(
    conn: &impl ConnectionTrait,
    user_id: &str,
    order_id: &str,
) -> Result<order_rows::Model, StoreError> {
    order_rows::Entity::find_by_id(order_id)
        .one(conn)
        .await?
        .filter(|order| order.user_id == user_id)
        .ok_or(StoreError::NotFound)
}

/// The pickup parts of one of the shopper's orders, with their store and hold; someone
/// else's order is "not found".
pub async fn for_shopper(
    db: &Db,
    user_id: &str,
    order_id: &str,
) -> Result<Vec<PickupDetails>, StoreError> {
    let conn = db.conn();
    let order = shoppers_order(conn, user_id, order_id).await?;
    let parts = seller_orders::Entity::find()
        .filter(seller_orders::Column::OrderId.eq(&order.id))
        .filter(seller_orders::Column::Fulfilment.eq("pickup"))
        .order_by_asc(seller_orders::Column::CreatedAt)
        .order_by_asc(seller_orders::Column::Id)
        .all(conn)
        .await?;
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let store_ids: Vec<&str> = parts
        .iter()
        .filter_map(|part| part.store_id.as_deref())
        .collect();
    let stores = locations::Entity::find()
        .filter(locations::Column::Id.is_in(store_ids))
        .all(conn)
        .await?;
    let hold_days = settings::load(conn).await?.pickup_hold_days;
    Ok(parts
        .into_iter()
        .map(|part| PickupDetails {
            store: stores
                .iter()
                .find(|store| Some(&store.id) == part.store_id.as_ref())
                .cloned(),
            held_until: part
                .ready_at
                .filter(|_| part.status == SellerOrderStatus::ReadyForPickup.as_str())
                .map(|at| held_until(at, hold_days)),
            seller_order_id: part.id,
        })
        .collect())
}

/// The QR code (SVG) of a part of the shopper's order waiting in store. Anything else —
/// someone else's order, a delivery, a part not ready or already collected — is "not
/// found": the code is only worth showing while the store holds the part.
pub async fn qr_svg_for_shopper(
    db: &Db,
    user_id: &str,
    order_id: &str,
    seller_order_id: &str,
) -> Result<String, StoreError> {
    let conn = db.conn();
    let order = shoppers_order(conn, user_id, order_id).await?;
    let code = seller_orders::Entity::find_by_id(seller_order_id)
        .one(conn)
        .await?
        .filter(|part| {
            part.order_id == order.id && part.status == SellerOrderStatus::ReadyForPickup.as_str()
        })
        .and_then(|part| part.pickup_code)
        .ok_or(StoreError::NotFound)?;
    qr_svg(&code).ok_or_else(|| StoreError::Internal("a pickup code too long for a QR code".into()))
}

/// Background job: cancels and refunds in full (restocking the store) every part still
/// waiting in store past its hold, and tells its shopper. Answers how many it cancelled.
pub async fn expire_uncollected(
    db: &Db,
    provider: &dyn PaymentProvider,
) -> Result<u64, StoreError> {
    // The setting in force: an operator lengthening the hold spares parts at once.
    let hold_days = settings::load(db.conn()).await?.pickup_hold_days;
    let cutoff = now() - Duration::days(i64::from(hold_days.max(0)));
    let due = seller_orders::Entity::find()
        .filter(seller_orders::Column::Status.eq(SellerOrderStatus::ReadyForPickup.as_str()))
        .filter(seller_orders::Column::ReadyAt.lte(cutoff))
        .order_by_asc(seller_orders::Column::ReadyAt)
        .limit(BATCH)
        .all(db.conn())
        .await?;
    let mut cancelled = 0;
    for part in due {
        match orders::cancel(db, provider, &part.shop_id, &part.id, NOT_COLLECTED).await {
            Ok(_) => cancelled += 1,
            // Collected at the till, cancelled by the seller, or cancelled by another
            // server running this job, since it was read: nothing left to do here.
            Err(StoreError::Conflict { .. } | StoreError::NotFound) => {
                tracing::debug!(seller_order = %part.id, "pickup hold: changed meanwhile");
            }
            Err(err @ StoreError::Db(_)) => return Err(err),
            // The provider failing on one refund must not hold up the others: the part is
            // still ready for pickup, so the next run tries it again.
            Err(err) => {
                tracing::warn!(seller_order = %part.id, error = %err, "pickup hold: not cancelled");
            }
        }
    }
    tell_not_collected(db).await?;
    Ok(cancelled)
}

#[derive(Debug, FromQueryResult)]
struct Untold {
    id: String,
    order_id: String,
    refunded_cents: i64,
    shop_name: String,
    store_name: String,
}

/// Writes the "not collected in time" message of every part this job cancelled (in the
/// last 30 days) that has none yet.
async fn tell_not_collected(db: &Db) -> Result<(), StoreError> {
    let untold = Untold::find_by_statement(statement(
        db.backend(),
        "SELECT s.id, s.order_id, s.refunded_cents, sh.name AS shop_name, \
         COALESCE(l.name, '') AS store_name \
         FROM seller_orders s JOIN shops sh ON sh.id = s.shop_id \
         LEFT JOIN locations l ON l.id = s.store_id \
         WHERE s.status = 'cancelled' AND s.fulfilment = 'pickup' AND s.ready_at IS NOT NULL \
         AND s.updated_at >= ? \
         AND EXISTS (SELECT 1 FROM refunds r WHERE r.seller_order_id = s.id AND r.reason = ?) \
         AND NOT EXISTS (SELECT 1 FROM notifications n \
             WHERE n.dedupe_key = 'pickup_not_collected:' || s.id) \
         ORDER BY s.updated_at LIMIT 200",
        [
            Value::from(now() - Duration::days(30)),
            NOT_COLLECTED.to_owned().into(),
        ],
    ))
    .all(db.conn())
    .await?;
    for part in untold {
        notifications::not_collected(
            db.writer(),
            &part.order_id,
            &part.id,
            &part.shop_name,
            &part.store_name,
            part.refunded_cents,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_qr_code_is_square_blocks_with_a_quiet_zone() {
        let text = qr_text("K7M2P9QX").expect("an 8-character code fits");
        let lines: Vec<&str> = text.lines().collect();
        // Version 1: 21 modules, and 4 of quiet zone each side: 29 wide, 15 lines of two.
        assert_eq!(lines.len(), 15);
        assert!(lines.iter().all(|line| line.chars().count() == 29));
        assert!(text.contains('█') && lines[0].trim().is_empty());
    }

    #[test]
    fn the_svg_qr_code_is_an_svg_document() {
        let svg = qr_svg("K7M2P9QX").expect("an 8-character code fits");
        assert!(svg.contains("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("width=\"232\""), "29 modules of 8 px: {svg}");
    }

    #[test]
    fn a_part_is_held_for_the_days_set() {
        let at = DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .expect("a date")
            .with_timezone(&Utc);
        assert_eq!(held_until(at, 5).to_rfc3339(), "2026-03-06T10:00:00+00:00");
        assert_eq!(held_until(at, -1), at, "never before it is ready");
    }
}
