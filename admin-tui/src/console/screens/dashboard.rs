//! The dashboard: the shop's figures from `GET /seller/dashboard`. Asked with the other
//! screens after sign-in, again each time the screen is entered (figures move while the
//! seller works elsewhere), with `r`, and when the orders poll finds the count of paid
//! orders changed while it is on show.

#[cfg(test)]
mod tests;

use api_types::analytics::{SellerDashboard, StateCount};

use super::orders::FILTERS;
use super::{Desk, Out, Tab};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};

/// One row of the open orders: a status and how many orders in it go out by delivery and
/// wait for a pickup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOrders {
    /// The seller order status, as the API names it.
    pub status: String,
    /// Orders to deliver.
    pub delivery: u64,
    /// Orders collected in a store.
    pub pickup: u64,
}

/// Asks for the dashboard.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::SellerDashboard);
    desk.dashboard.start(request);
    effect
}

/// The count of paid orders changed under a poll: while the dashboard is on show, its
/// figures are asked again so that they follow the orders coming in and going out.
pub fn orders_moved(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    (desk.tab == Tab::Dashboard && desk.dashboard.pending.is_none()).then(|| load(desk, out))
}

/// The answer to [`load`] (an answer to an older request is dropped; a failure keeps the
/// last figures beside the error).
pub fn loaded(desk: &mut Desk, request: u64, result: Result<SellerDashboard, ApiError>) {
    desk.dashboard.accept(request, result);
}

/// The open orders by status, in the order an order moves through them (statuses this
/// console does not know come last, as sent), each split by fulfilment.
pub fn open_orders(counts: &[StateCount]) -> Vec<OpenOrders> {
    let mut rows: Vec<OpenOrders> = Vec::new();
    for count in counts {
        let index = rows
            .iter()
            .position(|row| row.status == count.status)
            .unwrap_or_else(|| {
                rows.push(OpenOrders {
                    status: count.status.clone(),
                    delivery: 0,
                    pickup: 0,
                });
                rows.len() - 1
            });
        let row = &mut rows[index];
        match count.fulfilment.as_str() {
            "pickup" => row.pickup += count.count,
            _ => row.delivery += count.count,
        }
    }
    let rank = |status: &str| {
        FILTERS
            .iter()
            .position(|filter| *filter == Some(status))
            .unwrap_or(FILTERS.len())
    };
    // A stable sort keeps unknown statuses in the server's order.
    rows.sort_by_key(|row| rank(&row.status));
    rows.retain(|row| row.delivery + row.pickup > 0);
    rows
}

/// The best day of a series, as (date, amount); `None` when nothing was sold.
pub fn best_day(days: &[api_types::analytics::DailyRevenue]) -> Option<(&str, i64)> {
    days.iter()
        .filter(|day| day.revenue_cents > 0)
        .max_by_key(|day| day.revenue_cents)
        .map(|day| (day.date.as_str(), day.revenue_cents))
}
