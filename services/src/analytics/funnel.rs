//! The funnel: distinct visitors at each step over a period, all channels together and
//! per channel, and the rates between steps in basis points.
//!
//! Each step counts on its own (a visitor who added an offer without a recorded view still
//! counts as having added). A shopper who browsed anonymously and then paid signed in is
//! two visitors, so a rate can exceed what nested steps would allow: rates are capped at
//! 100 % and the abandonment rate floored at 0 %.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::StoreError;
use crate::db::statement;

/// Every channel a figure is broken down by, in the order figures list them.
pub const CHANNELS: [&str; 3] = ["web", "api", "store"];

/// Distinct visitors at each step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FunnelCounts {
    pub visitors: u64,
    pub added_to_cart: u64,
    pub checkouts_started: u64,
    pub buyers: u64,
}

impl FunnelCounts {
    /// `buyers / visitors`; `None` without visitors.
    pub fn conversion_rate_bps(&self) -> Option<u32> {
        rate_bps(self.buyers, self.visitors)
    }

    /// The share of those who added to a cart and did not pay: `1 - buyers / added`;
    /// `None` when nobody added anything.
    pub fn cart_abandonment_rate_bps(&self) -> Option<u32> {
        rate_bps(self.buyers, self.added_to_cart).map(|paid| 10_000 - paid)
    }

    fn count(&mut self, kind: &str, visitors: u64) {
        match kind {
            "view" => self.visitors = visitors,
            "add_to_cart" => self.added_to_cart = visitors,
            "checkout_started" => self.checkouts_started = visitors,
            "paid" => self.buyers = visitors,
            _ => {}
        }
    }
}

/// `part / whole` in basis points, rounded to the nearest and capped at 10,000; `None`
/// when `whole` is 0.
pub fn rate_bps(part: u64, whole: u64) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let part = u128::from(part.min(whole));
    let whole = u128::from(whole);
    u32::try_from((part * 10_000 + whole / 2) / whole).ok()
}

/// One channel's funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelFunnel {
    /// One of [`CHANNELS`].
    pub channel: &'static str,
    pub counts: FunnelCounts,
}

/// The funnel of every channel together, and of each of [`CHANNELS`] (zero when unseen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    pub all: FunnelCounts,
    pub by_channel: Vec<ChannelFunnel>,
}

#[derive(FromQueryResult)]
struct StepCount {
    channel: String,
    kind: String,
    visitors: i64,
}

/// Counts the funnel of the events `source` selects: a `SELECT kind, channel,
/// visitor_key …` bound to `values`.
pub(super) async fn count(
    conn: &impl ConnectionTrait,
    source: &str,
    values: Vec<Value>,
) -> Result<Funnel, StoreError> {
    let backend = conn.get_database_backend();
    // Distinct visitors do not add up across channels: the totals are their own count.
    let sql = format!(
        "SELECT channel, kind, CAST(COUNT(DISTINCT visitor_key) AS BIGINT) AS visitors \
         FROM ({source}) steps GROUP BY channel, kind \
         UNION ALL \
         SELECT '' AS channel, kind, CAST(COUNT(DISTINCT visitor_key) AS BIGINT) AS visitors \
         FROM ({source}) steps GROUP BY kind"
    );
    let mut twice = values.clone();
    twice.extend(values);
    let rows = StepCount::find_by_statement(statement(backend, &sql, twice))
        .all(conn)
        .await?;
    let mut all = FunnelCounts::default();
    let mut by_channel: Vec<ChannelFunnel> = CHANNELS
        .iter()
        .map(|channel| ChannelFunnel {
            channel,
            counts: FunnelCounts::default(),
        })
        .collect();
    for row in rows {
        let visitors = u64::try_from(row.visitors).unwrap_or(0);
        if row.channel.is_empty() {
            all.count(&row.kind, visitors);
        } else if let Some(funnel) = by_channel.iter_mut().find(|f| f.channel == row.channel) {
            funnel.counts.count(&row.kind, visitors);
        }
    }
    Ok(Funnel { all, by_channel })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_basis_points_rounded_to_the_nearest() {
        assert_eq!(rate_bps(1, 3), Some(3_333));
        assert_eq!(rate_bps(2, 3), Some(6_667));
        assert_eq!(rate_bps(1, 2), Some(5_000));
        assert_eq!(rate_bps(0, 7), Some(0));
        assert_eq!(rate_bps(7, 7), Some(10_000));
    }

    #[test]
    fn no_denominator_means_no_rate_rather_than_zero() {
        assert_eq!(rate_bps(0, 0), None);
        let empty = FunnelCounts::default();
        assert_eq!(empty.conversion_rate_bps(), None);
        assert_eq!(empty.cart_abandonment_rate_bps(), None);
    }

    #[test]
    fn conversion_and_abandonment_follow_the_steps() {
        let funnel = FunnelCounts {
            visitors: 4,
            added_to_cart: 3,
            checkouts_started: 2,
            buyers: 1,
        };
        assert_eq!(funnel.conversion_rate_bps(), Some(2_500));
        assert_eq!(funnel.cart_abandonment_rate_bps(), Some(6_667));
    }

    #[test]
    fn more_buyers_than_visitors_caps_at_one_hundred_percent() {
        let funnel = FunnelCounts {
            visitors: 1,
            added_to_cart: 1,
            checkouts_started: 2,
            buyers: 2,
        };
        assert_eq!(funnel.conversion_rate_bps(), Some(10_000));
        assert_eq!(funnel.cart_abandonment_rate_bps(), Some(0));
    }
}
