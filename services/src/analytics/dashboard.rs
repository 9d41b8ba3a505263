//! A shop's dashboard: today's takings, the orders still to handle, the pickups waiting in
//! store, low stock, the last 30 days, and the shop's funnel.
//!
//! The shop's funnel over the period:
//! - visitors: distinct visitors who viewed a product the shop has (or had) an offer on;
//! - added to cart: distinct visitors who added one of the shop's offers;
//! - checkouts started: distinct visitors who began a checkout of a cart holding them;
//! - buyers: distinct buyers of one of the shop's seller orders that was paid.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::funnel::{self, Funnel};
use super::period::{self, DASHBOARD_DAYS, DayTotal, Period};
use super::sql::{minutes_between, utc_day, whole};
use crate::catalog::selling::low_stock;
use crate::db::statement;
use crate::{Db, StoreError};
use domain::orders::SellerOrderStatus;

/// Seller orders in one state and fulfilment.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct OpenOrders {
    pub status: String,
    pub fulfilment: String,
    pub count: i64,
}

/// The statuses of orders the seller still has to handle (paid, neither handed over,
/// cancelled nor refunded), in the order the dashboard lists them.
pub const OPEN_STATUSES: [SellerOrderStatus; 4] = [
    SellerOrderStatus::Paid,
    SellerOrderStatus::Accepted,
    SellerOrderStatus::ReadyForPickup,
    SellerOrderStatus::Shipped,
];

/// Pickups ready in store and not collected yet, and how long they have waited.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct PickupsWaiting {
    pub count: i64,
    pub oldest_wait_minutes: Option<i64>,
    pub average_wait_minutes: Option<i64>,
}

/// What a seller sees first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopDashboard {
    /// Seller orders paid today (UTC): the last day of `revenue_30d`.
    pub today: DayTotal,
    pub open_orders: Vec<OpenOrders>,
    pub pickups_waiting: PickupsWaiting,
    /// Offer × location rows at or under their low-stock threshold.
    pub low_stock: u64,
    /// One entry per day of the last [`DASHBOARD_DAYS`], oldest first.
    pub revenue_30d: Vec<DayTotal>,
    pub funnel: Funnel,
    /// From payment to "ready for pickup", over the pickups paid in the period.
    pub average_minutes_to_ready: Option<i64>,
}

/// The dashboard of `shop_id` as of `now`.
pub async fn shop_dashboard(
    db: &Db,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<ShopDashboard, StoreError> {
    let conn = db.conn();
    let period = Period::ending_at(now, DASHBOARD_DAYS);
    let revenue_30d = period.zero_filled(&daily_revenue(conn, shop_id, &period).await?);
    let today = revenue_30d
        .last()
        .copied()
        .ok_or_else(|| StoreError::Internal("a period has at least one day".into()))?;
    Ok(ShopDashboard {
        today,
        open_orders: open_orders(conn, shop_id).await?,
        pickups_waiting: pickups_waiting(conn, shop_id, now).await?,
        low_stock: low_stock(db, shop_id).await?.len() as u64,
        revenue_30d,
        funnel: shop_funnel(conn, shop_id, &period).await?,
        average_minutes_to_ready: average_minutes_to_ready(conn, shop_id, &period).await?,
    })
}

/// Paid seller orders per day: items and delivery, before commission and refunds.
async fn daily_revenue(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    period: &Period,
) -> Result<Vec<DayTotal>, StoreError> {
    let day = utc_day(conn.get_database_backend(), "o.paid_at");
    period::day_totals(
        conn,
        &format!(
            "SELECT {day} AS day, CAST(COUNT(*) AS BIGINT) AS orders, \
             CAST(SUM(so.items_cents + so.shipping_cents) AS BIGINT) AS revenue_cents \
             FROM seller_orders so JOIN orders o ON o.id = so.order_id \
             WHERE so.shop_id = ? AND o.paid_at >= ? GROUP BY {day}"
        ),
        vec![shop_id.to_owned().into(), period.start().into()],
    )
    .await
}

async fn open_orders(
    conn: &impl ConnectionTrait,
    shop_id: &str,
) -> Result<Vec<OpenOrders>, StoreError> {
    let statuses = OPEN_STATUSES
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = OpenOrders::find_by_statement(statement(
        conn.get_database_backend(),
        &format!(
            "SELECT status, fulfilment, CAST(COUNT(*) AS BIGINT) AS count FROM seller_orders \
             WHERE shop_id = ? AND status IN ({statuses}) GROUP BY status, fulfilment"
        ),
        [Value::from(shop_id.to_owned())],
    ))
    .all(conn)
    .await?;
    let rank = |row: &OpenOrders| {
        OPEN_STATUSES
            .iter()
            .position(|status| status.as_str() == row.status)
            .unwrap_or(OPEN_STATUSES.len())
    };
    rows.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.fulfilment.cmp(&b.fulfilment))
    });
    Ok(rows)
}

async fn pickups_waiting(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    now: DateTime<Utc>,
) -> Result<PickupsWaiting, StoreError> {
    let backend = conn.get_database_backend();
    let waited = minutes_between(backend, "so.ready_at", "?");
    let oldest = whole(&format!("MAX({waited})"));
    let average = whole(&format!("AVG({waited})"));
    PickupsWaiting::find_by_statement(statement(
        backend,
        &format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS count, {oldest} AS oldest_wait_minutes, \
             {average} AS average_wait_minutes FROM seller_orders so \
             WHERE so.shop_id = ? AND so.status = 'ready_for_pickup' AND so.ready_at IS NOT NULL"
        ),
        [now.into(), now.into(), Value::from(shop_id.to_owned())],
    ))
    .one(conn)
    .await?
    .ok_or_else(|| StoreError::Internal("an aggregate answers one row".into()))
}

async fn average_minutes_to_ready(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    period: &Period,
) -> Result<Option<i64>, StoreError> {
    let backend = conn.get_database_backend();
    let average = whole(&format!(
        "AVG({})",
        minutes_between(backend, "o.paid_at", "so.ready_at")
    ));
    let row = conn
        .query_one_raw(statement(
            backend,
            &format!(
                "SELECT {average} FROM seller_orders so JOIN orders o ON o.id = so.order_id \
                 WHERE so.shop_id = ? AND so.fulfilment = 'pickup' AND so.ready_at IS NOT NULL \
                 AND o.paid_at >= ?"
            ),
            [Value::from(shop_id.to_owned()), period.start().into()],
        ))
        .await?;
    match row {
        Some(row) => Ok(row.try_get_by_index::<Option<i64>>(0)?),
        None => Ok(None),
    }
}

async fn shop_funnel(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    period: &Period,
) -> Result<Funnel, StoreError> {
    let source = "SELECT kind, channel, visitor_key FROM events \
         WHERE kind = 'view' AND occurred_at >= ? \
         AND product_id IN (SELECT product_id FROM offers WHERE shop_id = ?) \
         UNION ALL \
         SELECT kind, channel, visitor_key FROM events \
         WHERE shop_id = ? AND kind IN ('add_to_cart', 'checkout_started', 'paid') \
         AND occurred_at >= ?";
    funnel::count(
        conn,
        source,
        vec![
            period.start().into(),
            shop_id.to_owned().into(),
            shop_id.to_owned().into(),
            period.start().into(),
        ],
    )
    .await
}
