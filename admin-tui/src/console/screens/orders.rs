//! The orders screen: one page of the shop's seller orders, filtered by status on the
//! server, the selected order's detail, and keys for the steps its status allows.
//!
//! - `verb`: the steps a seller takes ([`Verb`]) and which a status allows.
//! - `steps`: starting a step: straight away, through a form, or after a confirmation.
//! - `forms`: the forms asking a step's body (a return in store picks one of the shop's
//!   stores), and checking it.
//! - `answers`: applying what the server answered.
//! - `poll`: asking again in the background, so that new orders appear by themselves.

mod answers;
mod forms;
mod poll;
#[cfg(test)]
mod poll_tests;
#[cfg(test)]
mod return_tests;
#[cfg(test)]
mod step_tests;
mod steps;
#[cfg(test)]
mod tests;
mod verb;

use std::collections::{BTreeMap, BTreeSet};

use api_types::ListResponse;
use api_types::orders::SellerOrder;

pub use answers::{changed, counted, loaded, refreshed};
pub use poll::{Poll, count_polled, is_count_poll, is_list_poll, poll, polled};
pub use steps::{OrderConfirm, confirmed, submit};
pub use verb::{Verb, verbs};

use super::{Desk, Out, Remote};
use crate::client::{OrderQuery, OrderStep};
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::state::Loading;

/// Orders asked per page.
pub const PER_PAGE: u64 = 20;

/// The status whose orders wait for the seller (the dashboard counts them).
pub const TO_HANDLE: &str = "paid";

/// What `f` cycles through: every order, then one status at a time, in the order an
/// order moves through them (the ones waiting for the seller first).
pub const FILTERS: [Option<&str>; 10] = [
    None,
    Some("paid"),
    Some("accepted"),
    Some("ready_for_pickup"),
    Some("shipped"),
    Some("delivered"),
    Some("collected"),
    Some("refunded"),
    Some("cancelled"),
    Some("pending_payment"),
];

/// The orders screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Orders {
    /// The page shown.
    pub list: Remote<ListResponse<SellerOrder>>,
    /// The page shown or being loaded (from 1; 0 before the first load).
    pub page: u64,
    /// The index of the selected row.
    pub selected: usize,
    /// The index of the status filter in [`FILTERS`].
    pub filter: usize,
    /// How many orders are [`TO_HANDLE`], for the dashboard.
    pub to_handle: Remote<u64>,
    /// The last step sent, until it has a final answer.
    pub attempt: Option<Attempt>,
    /// The background polling of the page and the count.
    pub poll: Poll,
    /// The newest `created_at` loaded so far: a poll calls later orders new.
    pub newest: Option<String>,
    /// The orders a poll found, marked on their rows until selected or the screen is left.
    pub fresh: BTreeSet<String>,
    /// How many new orders arrived since the seller last opened the Orders screen (shown
    /// on its tab).
    pub badge: usize,
    /// The orders changed here (by a step's answer, or a fresh copy after a conflict), by
    /// id, while a page asked before the change may still arrive: that page would put the
    /// row back the way it was (a poll answered after the step, say), so the change is
    /// laid over it.
    pub changed: BTreeMap<String, LocalChange>,
    /// The newest request id when a step last moved an order in or out of the count to
    /// handle: a count asked up to that request is older than the figure shown.
    pub count_moved_after: u64,
}

/// An order as changed here, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalChange {
    /// The order as the server last answered it.
    pub order: SellerOrder,
    /// The newest request id when the change arrived: a page asked by a request up to it
    /// may show the order as it was before.
    pub after: u64,
}

/// A step sent to the server. Kept after a network failure or a 5xx, so that trying the
/// same step again sends the same idempotency key and cannot apply it twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The seller order.
    pub id: String,
    /// The step, with its body.
    pub step: OrderStep,
    /// Its `Idempotency-Key`.
    pub key: String,
    /// The request awaiting an answer, if any.
    pub pending: Option<u64>,
}

impl Orders {
    /// The loaded orders (none before the first answer).
    pub fn items(&self) -> &[SellerOrder] {
        self.list
            .data
            .as_ref()
            .map_or(&[], |page| page.items.as_slice())
    }

    /// The selected order, if any.
    pub fn selected_order(&self) -> Option<&SellerOrder> {
        self.items().get(self.selected)
    }

    /// How many orders match the filter (all pages).
    pub fn total(&self) -> Option<u64> {
        self.list.data.as_ref().map(|page| page.total)
    }

    /// How many pages there are (at least 1).
    pub fn pages(&self) -> u64 {
        self.total().unwrap_or(0).div_ceil(PER_PAGE).max(1)
    }

    /// The status shown, or `None` for every order.
    pub fn status_filter(&self) -> Option<&'static str> {
        FILTERS.get(self.filter).copied().flatten()
    }

    /// Keeps the selection on a row.
    pub fn clamp(&mut self) {
        self.selected = self.selected.min(self.items().len().saturating_sub(1));
    }
}

/// How a seller order status reads on screen.
pub fn status_label(status: &str) -> &str {
    match status {
        "pending_payment" => "awaiting payment",
        "ready_for_pickup" => "ready for pickup",
        other => other,
    }
}

/// Loads the page the screen is on (page 1 at first) with the current filter.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let orders = &mut desk.orders;
    orders.page = orders.page.max(1);
    let (request, effect) = out.call(ApiCall::ListOrders(OrderQuery {
        status: orders.status_filter().map(str::to_owned),
        page: orders.page,
        per_page: PER_PAGE,
    }));
    orders.list.start(request);
    // This answer is the fresher one: a poll still under way is dropped.
    orders.poll.list = None;
    effect
}

/// Counts the orders waiting for the seller.
pub fn count(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::CountOrders {
        status: TO_HANDLE.to_owned(),
    });
    desk.orders.to_handle.start(request);
    effect
}

/// A key on the orders screen.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let orders = &mut desk.orders;
    match action {
        Action::Down => {
            orders.selected = (orders.selected + 1).min(orders.items().len().saturating_sub(1));
            orders.see_selected();
        }
        Action::Up => {
            orders.selected = orders.selected.saturating_sub(1);
            orders.see_selected();
        }
        Action::PageDown | Action::PageUp => {
            return turn_page(desk, action == Action::PageDown, out);
        }
        Action::NextFilter | Action::PrevFilter => {
            let count = FILTERS.len();
            orders.filter = match action {
                Action::NextFilter => (orders.filter + 1) % count,
                _ => (orders.filter + count - 1) % count,
            };
            orders.page = 1;
            orders.selected = 0;
            out.clear_notice();
            return Some(load(desk, out));
        }
        Action::Order(verb) => return steps::start(desk, verb, out),
        _ => {}
    }
    None
}

fn turn_page(desk: &mut Desk, forward: bool, out: &mut Out) -> Option<Effect> {
    let orders = &mut desk.orders;
    let page = orders.page.max(1);
    let target = if forward {
        page + 1
    } else {
        page.saturating_sub(1)
    };
    if target < 1 || target > orders.pages() || orders.list.load == Loading::Loading {
        return None;
    }
    orders.page = target;
    orders.selected = 0;
    Some(load(desk, out))
}
