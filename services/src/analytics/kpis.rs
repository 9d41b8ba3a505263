//! The platform's figures over the last `days` days: what was sold (GMV, orders, daily),
//! how many shops sold, the funnel, and each shop's quality.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Value};

use super::funnel::{self, Funnel};
use super::period::{self, DayTotal, Period};
use super::quality::{self, ShopQuality};
use super::sql::utc_day;
use crate::db::statement;
use crate::{Db, StoreError};

/// What operators see of the whole marketplace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformFigures {
    pub period_days: u32,
    /// Items and delivery of the orders paid in the period, before discounts, commission
    /// and refunds.
    pub gmv_cents: i64,
    /// Orders (checkouts) paid in the period.
    pub orders: u64,
    /// Approved shops with a seller order paid in the period.
    pub active_shops: u64,
    pub approved_shops: u64,
    /// One entry per day of the period, oldest first.
    pub gmv_daily: Vec<DayTotal>,
    pub funnel: Funnel,
    /// Every shop with a seller order paid in the period, worst first.
    pub shops: Vec<ShopQuality>,
}

/// The figures of the `days` days ending today, as of `now`.
pub async fn platform_figures(
    db: &Db,
    days: u32,
    now: DateTime<Utc>,
) -> Result<PlatformFigures, StoreError> {
    let conn = db.conn();
    let period = Period::ending_at(now, days);
    let gmv_daily = period.zero_filled(&daily_gmv(conn, &period).await?);
    Ok(PlatformFigures {
        period_days: period.days(),
        gmv_cents: gmv_daily.iter().map(|day| day.revenue_cents).sum(),
        orders: gmv_daily.iter().map(|day| day.orders).sum(),
        active_shops: count(
            conn,
            "SELECT CAST(COUNT(DISTINCT so.shop_id) AS BIGINT) FROM seller_orders so \
             JOIN orders o ON o.id = so.order_id JOIN shops s ON s.id = so.shop_id \
             WHERE o.paid_at >= ? AND s.status = 'approved'",
            vec![period.start().into()],
        )
        .await?,
        approved_shops: count(
            conn,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM shops WHERE status = 'approved'",
            Vec::new(),
        )
        .await?,
        gmv_daily,
        funnel: funnel::count(
            conn,
            "SELECT kind, channel, visitor_key FROM events WHERE occurred_at >= ?",
            vec![period.start().into()],
        )
        .await?,
        shops: quality::shop_quality(conn, &period, now).await?,
    })
}

async fn daily_gmv(
    conn: &impl ConnectionTrait,
    period: &Period,
) -> Result<Vec<DayTotal>, StoreError> {
    let day = utc_day(conn.get_database_backend(), "paid_at");
    period::day_totals(
        conn,
        &format!(
            "SELECT {day} AS day, CAST(COUNT(*) AS BIGINT) AS orders, \
             CAST(SUM(items_cents + shipping_cents) AS BIGINT) AS revenue_cents \
             FROM orders WHERE paid_at >= ? GROUP BY {day}"
        ),
        vec![period.start().into()],
    )
    .await
}

async fn count(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<u64, StoreError> {
    let row = conn
        .query_one_raw(statement(conn.get_database_backend(), sql, values))
        .await?;
    match row {
        Some(row) => Ok(u64::try_from(row.try_get_by_index::<i64>(0)?).unwrap_or(0)),
        None => Ok(0),
    }
}
