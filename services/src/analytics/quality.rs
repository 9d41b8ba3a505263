//! How well each shop serves its buyers over a period, from its seller orders paid in it:
//! late shipments, slow pickups, time to ready, disputes. Shops are listed worst first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::funnel::rate_bps;
use super::period::Period;
use super::sql::{minutes_between, whole};
use crate::StoreError;
use crate::db::statement;

/// A delivery seller order must be shipped within 48 hours of its payment. It is a late
/// shipment when it was shipped after that, or is still unshipped (`paid` or `accepted`)
/// once that has passed. Parts cancelled before shipping are not shipments at all.
pub const SHIPPING_DEADLINE_MINUTES: i64 = 48 * 60;

/// A pickup must be ready within its store's preparation time (what the product page
/// promised the shopper) plus this grace for a busy moment at the till. It is a slow
/// pickup when it became ready after that, or is still not ready (`paid` or `accepted`)
/// once that has passed.
pub const PICKUP_GRACE_MINUTES: i64 = 60;

/// One shop's quality figures over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopQuality {
    pub shop_id: String,
    pub shop_name: String,
    /// Its seller orders paid in the period.
    pub orders: u64,
    /// Their items and delivery, before commission and refunds.
    pub gmv_cents: i64,
    pub deliveries: u64,
    pub late_shipments: u64,
    pub pickups: u64,
    pub slow_pickups: u64,
    /// From payment to ready, over its pickups made ready.
    pub average_minutes_to_ready: Option<i64>,
    /// Disputes opened on its seller orders in the period.
    pub disputes: u64,
}

impl ShopQuality {
    /// Late shipments among its deliveries.
    pub fn late_shipment_rate_bps(&self) -> Option<u32> {
        rate_bps(self.late_shipments, self.deliveries)
    }

    /// Slow pickups among its pickups.
    pub fn slow_pickup_rate_bps(&self) -> Option<u32> {
        rate_bps(self.slow_pickups, self.pickups)
    }
}

/// Worst first: most late shipments and slow pickups together, then most orders (a
/// bigger shop's problems touch more buyers), then by name so the order is stable.
pub fn sort_worst_first(shops: &mut [ShopQuality]) {
    shops.sort_by(|a, b| {
        (b.late_shipments + b.slow_pickups)
            .cmp(&(a.late_shipments + a.slow_pickups))
            .then_with(|| b.orders.cmp(&a.orders))
            .then_with(|| a.shop_name.cmp(&b.shop_name))
            .then_with(|| a.shop_id.cmp(&b.shop_id))
    });
}

#[derive(FromQueryResult)]
struct QualityRow {
    shop_id: String,
    shop_name: String,
    orders: i64,
    gmv_cents: i64,
    deliveries: i64,
    late_shipments: i64,
    pickups: i64,
    slow_pickups: i64,
    average_minutes_to_ready: Option<i64>,
}

#[derive(FromQueryResult)]
struct DisputeCount {
    shop_id: String,
    disputes: i64,
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Every shop with a seller order paid in `period`, worst first, as of `now`.
pub(super) async fn shop_quality(
    conn: &impl ConnectionTrait,
    period: &Period,
    now: DateTime<Utc>,
) -> Result<Vec<ShopQuality>, StoreError> {
    let backend = conn.get_database_backend();
    let since_paid = |until: &str| minutes_between(backend, "o.paid_at", until);
    let pickup_deadline = format!("COALESCE(l.preparation_minutes, 0) + {PICKUP_GRACE_MINUTES}");
    let late = format!(
        "(so.shipped_at IS NOT NULL AND {shipped} > {SHIPPING_DEADLINE_MINUTES}) \
         OR (so.shipped_at IS NULL AND so.status IN ('paid', 'accepted') \
             AND {still} > {SHIPPING_DEADLINE_MINUTES})",
        shipped = since_paid("so.shipped_at"),
        still = since_paid("?"),
    );
    let slow = format!(
        "(so.ready_at IS NOT NULL AND {ready} > {pickup_deadline}) \
         OR (so.ready_at IS NULL AND so.status IN ('paid', 'accepted') \
             AND {still} > {pickup_deadline})",
        ready = since_paid("so.ready_at"),
        still = since_paid("?"),
    );
    let to_ready = whole(&format!(
        "AVG(CASE WHEN so.ready_at IS NOT NULL THEN {} END)",
        since_paid("so.ready_at")
    ));
    let sql = format!(
        "SELECT so.shop_id, s.name AS shop_name, CAST(COUNT(*) AS BIGINT) AS orders, \
         CAST(SUM(so.items_cents + so.shipping_cents) AS BIGINT) AS gmv_cents, \
         CAST(SUM(CASE WHEN so.fulfilment = 'delivery' THEN 1 ELSE 0 END) AS BIGINT) AS deliveries, \
         CAST(SUM(CASE WHEN so.fulfilment = 'delivery' AND ({late}) THEN 1 ELSE 0 END) AS BIGINT) \
             AS late_shipments, \
         CAST(SUM(CASE WHEN so.fulfilment = 'pickup' THEN 1 ELSE 0 END) AS BIGINT) AS pickups, \
         CAST(SUM(CASE WHEN so.fulfilment = 'pickup' AND ({slow}) THEN 1 ELSE 0 END) AS BIGINT) \
             AS slow_pickups, \
         {to_ready} AS average_minutes_to_ready \
         FROM seller_orders so JOIN orders o ON o.id = so.order_id \
         JOIN shops s ON s.id = so.shop_id LEFT JOIN locations l ON l.id = so.store_id \
         WHERE o.paid_at >= ? GROUP BY so.shop_id, s.name"
    );
    let rows = QualityRow::find_by_statement(statement(
        backend,
        &sql,
        [now.into(), now.into(), period.start().into()],
    ))
    .all(conn)
    .await?;
    let disputes: HashMap<String, u64> = DisputeCount::find_by_statement(statement(
        backend,
        "SELECT shop_id, CAST(COUNT(*) AS BIGINT) AS disputes FROM disputes \
         WHERE created_at >= ? GROUP BY shop_id",
        [Value::from(period.start())],
    ))
    .all(conn)
    .await?
    .into_iter()
    .map(|row| (row.shop_id, count(row.disputes)))
    .collect();
    let mut shops: Vec<ShopQuality> = rows
        .into_iter()
        .map(|row| ShopQuality {
            disputes: disputes.get(&row.shop_id).copied().unwrap_or(0),
            shop_id: row.shop_id,
            shop_name: row.shop_name,
            orders: count(row.orders),
            gmv_cents: row.gmv_cents,
            deliveries: count(row.deliveries),
            late_shipments: count(row.late_shipments),
            pickups: count(row.pickups),
            slow_pickups: count(row.slow_pickups),
            average_minutes_to_ready: row.average_minutes_to_ready,
        })
        .collect();
    sort_worst_first(&mut shops);
    Ok(shops)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop(name: &str, orders: u64, late: u64, slow: u64) -> ShopQuality {
        ShopQuality {
            shop_id: name.to_owned(),
            shop_name: name.to_owned(),
            orders,
            gmv_cents: 0,
            deliveries: orders,
            late_shipments: late,
            pickups: orders,
            slow_pickups: slow,
            average_minutes_to_ready: None,
            disputes: 0,
        }
    }

    #[test]
    fn the_worst_shop_comes_first_then_the_busiest() {
        let mut shops = vec![
            shop("calme", 50, 0, 0),
            shop("lente", 3, 0, 2),
            shop("tardive", 10, 1, 0),
            shop("petite", 2, 0, 0),
            shop("débordée", 20, 1, 1),
        ];
        sort_worst_first(&mut shops);
        let names: Vec<&str> = shops.iter().map(|s| s.shop_name.as_str()).collect();
        assert_eq!(names, ["débordée", "lente", "tardive", "calme", "petite"]);
    }

    #[test]
    fn rates_are_over_their_own_kind_of_order() {
        let mut quality = shop("mixte", 0, 1, 0);
        quality.deliveries = 4;
        quality.pickups = 0;
        assert_eq!(quality.late_shipment_rate_bps(), Some(2_500));
        assert_eq!(quality.slow_pickup_rate_bps(), None);
    }
}
