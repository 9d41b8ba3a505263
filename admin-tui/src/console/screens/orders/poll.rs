//! Asking for the orders again in the background, so that new ones appear without a
//! restart: the page on show (same filter, same page) and the count to handle.
//!
//! The main loop sends [`Action::Tick`](crate::console::action::Action::Tick) every few
//! seconds; [`poll`] asks what is not already being asked. The answers are merged into
//! the screen without moving the selection (kept by order id), the filter, the page or
//! the form or dialog open over it. New orders are marked on their rows, counted on the
//! Orders tab until the seller opens it, and announced once in the status bar. A failed
//! poll says so once; the next answer says the server is back.
//!
//! A poll asked before a step's answer arrived may show the order as it was before the
//! step (accepted, then a poll's `paid`): the rows and the count the step changed are
//! kept over it (see `answers`), so that the next step's key is not refused.

use std::collections::BTreeSet;

use api_types::ListResponse;
use api_types::orders::SellerOrder;

use super::{Orders, PER_PAGE, TO_HANDLE};
use crate::client::{ApiError, OrderQuery};
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::{Desk, Out, Tab};
use crate::console::state::Loading;

/// Where the background polling of the orders stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Poll {
    /// The poll of the page awaiting an answer: its request, and the filter index and
    /// page it asked for (an answer for another filter or page is dropped).
    pub list: Option<(u64, usize, u64)>,
    /// The poll of the count to handle awaiting an answer.
    pub count: Option<u64>,
    /// Whether the last poll of the page failed (its message was shown once).
    pub failing: bool,
}

/// The newest `created_at` among `orders` (RFC 3339 UTC strings sort by time).
fn newest(orders: &[SellerOrder]) -> Option<&str> {
    orders.iter().map(|order| order.created_at.as_str()).max()
}

impl Orders {
    /// Remembers the newest order of a loaded page: orders a poll finds later than it
    /// are new.
    pub(super) fn note_newest(&mut self) {
        let page_newest = newest(self.items()).map(str::to_owned);
        if page_newest > self.newest {
            self.newest = page_newest;
        }
    }

    /// The selected row has been seen: it loses its "new" mark.
    pub(super) fn see_selected(&mut self) {
        if let Some(id) = self.selected_order().map(|order| order.id.clone()) {
            self.fresh.remove(&id);
        }
    }

    /// Whether the row of order `id` is marked new.
    pub fn is_fresh(&self, id: &str) -> bool {
        self.fresh.contains(id)
    }
}

/// The poll timer fired: asks for the page on show and the count to handle, each unless
/// a request for it is already under way (a poll or a reload).
pub fn poll(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let orders = &mut desk.orders;
    let mut effects = Vec::new();
    if orders.poll.list.is_none() && orders.list.pending.is_none() {
        let page = orders.page.max(1);
        let (request, effect) = out.call(ApiCall::ListOrders(OrderQuery {
            status: orders.status_filter().map(str::to_owned),
            page,
            per_page: PER_PAGE,
        }));
        orders.poll.list = Some((request, orders.filter, page));
        effects.push(effect);
    }
    if orders.poll.count.is_none() && orders.to_handle.pending.is_none() {
        let (request, effect) = out.call(ApiCall::CountOrders {
            status: TO_HANDLE.to_owned(),
        });
        orders.poll.count = Some(request);
        effects.push(effect);
    }
    match effects.len() {
        0 => None,
        1 => effects.pop(),
        _ => Some(Effect::Batch(effects)),
    }
}

/// Whether `request` is the poll of the page.
pub fn is_list_poll(desk: &Desk, request: u64) -> bool {
    desk.orders
        .poll
        .list
        .is_some_and(|(pending, ..)| pending == request)
}

/// Whether `request` is the poll of the count to handle.
pub fn is_count_poll(desk: &Desk, request: u64) -> bool {
    desk.orders.poll.count == Some(request)
}

/// The answer to a poll of the page.
pub fn polled(desk: &mut Desk, result: Result<ListResponse<SellerOrder>, ApiError>, out: &mut Out) {
    let on_orders = desk.tab == Tab::Orders;
    let orders = &mut desk.orders;
    let Some((request, filter, page)) = orders.poll.list.take() else {
        return;
    };
    let fresh_page = match result {
        Ok(fresh_page) => fresh_page,
        Err(error) => {
            if !orders.poll.failing {
                orders.poll.failing = true;
                let error = error.to_string();
                out.error(format!(
                    "Cannot check for new orders: {}. Trying again in the background.",
                    error.trim_end_matches('.')
                ));
            }
            return;
        }
    };
    let recovered = std::mem::take(&mut orders.poll.failing);
    // The seller moved to another filter or page, or reloads: that answer wins.
    let moved =
        filter != orders.filter || page != orders.page.max(1) || orders.list.pending.is_some();
    let arrived = if moved {
        BTreeSet::new()
    } else {
        merge(orders, request, fresh_page)
    };
    if !arrived.is_empty() {
        if !on_orders {
            orders.badge += arrived.len();
        }
        orders.fresh.extend(arrived.iter().cloned());
        let noun = if arrived.len() == 1 {
            "order"
        } else {
            "orders"
        };
        let mut text = format!("{} new {noun}.", arrived.len());
        if !on_orders {
            let them = if arrived.len() == 1 { "it" } else { "them" };
            text.push_str(&format!(" Press 6 to see {them}."));
        }
        out.info(text);
    } else if recovered {
        out.info("The server answers again; the orders are up to date.");
    }
}

/// Puts `fresh_page` (the answer to request `request`) in place of the page shown, the
/// selection kept on the same order and the orders changed here since it was asked kept
/// as they are; returns the ids of the orders newer than any seen before.
fn merge(
    orders: &mut Orders,
    request: u64,
    mut fresh_page: ListResponse<SellerOrder>,
) -> BTreeSet<String> {
    orders.keep_changes(request, &mut fresh_page.items);
    let selected = orders.selected_order().map(|order| order.id.clone());
    orders.note_newest();
    let known: BTreeSet<&str> = orders.items().iter().map(|o| o.id.as_str()).collect();
    let arrived: BTreeSet<String> = match orders.newest.as_deref() {
        // Nothing was shown yet: nothing to call new.
        None => BTreeSet::new(),
        Some(newest) => fresh_page
            .items
            .iter()
            .filter(|order| order.created_at.as_str() >= newest && !known.contains(&*order.id))
            .map(|order| order.id.clone())
            .collect(),
    };
    orders.list.data = Some(fresh_page);
    orders.list.load = Loading::Loaded;
    if let Some(index) = selected.and_then(|id| orders.items().iter().position(|o| o.id == id)) {
        orders.selected = index;
    }
    orders.clamp();
    orders.note_newest();
    arrived
}

/// The answer to a poll of the count to handle: a failure keeps the last figure (the
/// page's poll tells about it).
pub fn count_polled(desk: &mut Desk, result: Result<u64, ApiError>) {
    let orders = &mut desk.orders;
    let Some(request) = orders.poll.count.take() else {
        return;
    };
    if let Ok(count) = orders.fresher_count(request, result) {
        orders.to_handle.data = Some(count);
        orders.to_handle.load = Loading::Loaded;
    }
}
