//! Applying the answers about orders: a page, the count to handle, an order after a step.
//!
//! Answers may arrive in another order than they were asked. A page or a count asked
//! before a step's answer arrived may show the order as it was before the step: the rows
//! and the figure the step changed are kept over it (see [`Orders::changed`]).

use api_types::ListResponse;
use api_types::orders::SellerOrder;

use super::{LocalChange, Orders, TO_HANDLE, status_label};
use crate::client::{ApiError, OrderStep};
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::money::euros;
use crate::console::screens::{Desk, Out, Overlay, offers, stock};

/// The answer to a page of orders.
pub fn loaded(
    desk: &mut Desk,
    request: u64,
    mut result: Result<ListResponse<SellerOrder>, ApiError>,
) {
    let orders = &mut desk.orders;
    if orders.list.pending == Some(request)
        && let Ok(page) = &mut result
    {
        orders.keep_changes(request, &mut page.items);
    }
    if orders.list.accept(request, result) {
        orders.clamp();
        orders.note_newest();
    }
}

/// The answer to the count of orders to handle.
pub fn counted(desk: &mut Desk, request: u64, result: Result<u64, ApiError>) {
    let result = desk.orders.fresher_count(request, result);
    desk.orders.to_handle.accept(request, result);
}

/// A fresh copy of one order (asked after a conflict): replaces its row; a failure is
/// not worth a message of its own, the conflict already had one.
pub fn refreshed(desk: &mut Desk, result: Result<SellerOrder, ApiError>, out: &Out) {
    if let Ok(order) = result {
        replace(desk, order, out);
    }
}

impl Orders {
    /// Lays the orders changed here after request `request` was asked over `rows`, its
    /// answer: they are newer than what it shows. Forgets the changes this answer is newer
    /// than: every later page is asked later still.
    pub(super) fn keep_changes(&mut self, request: u64, rows: &mut [SellerOrder]) {
        self.changed.retain(|_, change| change.after >= request);
        for row in rows {
            if let Some(change) = self.changed.get(&row.id) {
                *row = change.order.clone();
            }
        }
    }

    /// `result`, the count asked by request `request`, unless a step moved an order in or
    /// out of the count after it was asked: then the figure shown, which counts that move,
    /// stays until the next count.
    pub(super) fn fresher_count(
        &self,
        request: u64,
        result: Result<u64, ApiError>,
    ) -> Result<u64, ApiError> {
        match self.to_handle.data {
            Some(shown) if request <= self.count_moved_after => Ok(shown),
            _ => result,
        }
    }
}

/// The answer to a step (`request`) on order `id`. A conflict (the order moved on
/// elsewhere) asks for the order again, so that the screen shows where it stands.
pub fn changed(
    desk: &mut Desk,
    request: u64,
    id: &str,
    result: Result<SellerOrder, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let orders = &mut desk.orders;
    let returned_in_store = orders.attempt.as_ref().is_some_and(|attempt| {
        attempt.pending == Some(request) && matches!(attempt.step, OrderStep::ReturnInStore(_))
    });
    if let Some(attempt) = orders.attempt.as_mut()
        && attempt.pending == Some(request)
    {
        attempt.pending = None;
        // Only an answer that may not have reached the server keeps the key for a retry.
        if !result.as_ref().err().is_some_and(ApiError::is_transient) {
            orders.attempt = None;
        }
    }
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(order) => {
            if returned_in_store {
                out.info(format!(
                    "{}: return recorded, {} refunded in all; the units are back in store.",
                    order.order_number,
                    euros(order.refunded_cents)
                ));
            } else {
                out.info(format!(
                    "{} is now {}.",
                    order.order_number,
                    status_label(&order.status)
                ));
            }
            replace(desk, order, out);
            if from_form {
                desk.overlay = None;
            }
            // The units went onto a store's shelf: the stock grid asks again.
            returned_in_store
                .then(|| Effect::Batch(vec![offers::load(desk, out), stock::low::load(desk, out)]))
        }
        Err(error) => {
            let number = desk
                .orders
                .items()
                .iter()
                .find(|order| order.id == id)
                .map_or_else(|| "The order".to_owned(), |o| o.order_number.clone());
            out.error(format!("{number} was not changed: {error}"));
            if let Some(Overlay::Form(form)) = &mut desk.overlay
                && from_form
            {
                form.pending = None;
                form.show_error(&error);
            }
            (error.status() == Some(409))
                .then(|| out.call(ApiCall::GetOrder { id: id.to_owned() }).1)
        }
    }
}

/// Puts `order` in place of its row (a row on another page is left alone), and keeps the
/// dashboard's count in step when it leaves or enters [`TO_HANDLE`]. Remembers the change
/// for the pages and counts asked before it and still to come.
fn replace(desk: &mut Desk, order: SellerOrder, out: &Out) {
    let orders = &mut desk.orders;
    let after = out.issued();
    orders.changed.insert(
        order.id.clone(),
        LocalChange {
            order: order.clone(),
            after,
        },
    );
    let Some(row) = orders
        .list
        .data
        .as_mut()
        .and_then(|page| page.items.iter_mut().find(|row| row.id == order.id))
    else {
        return;
    };
    let was = row.status == TO_HANDLE;
    let is = order.status == TO_HANDLE;
    *row = order;
    if let Some(count) = orders.to_handle.data.as_mut()
        && was != is
    {
        *count = if is {
            *count + 1
        } else {
            count.saturating_sub(1)
        };
        orders.count_moved_after = after;
    }
}
