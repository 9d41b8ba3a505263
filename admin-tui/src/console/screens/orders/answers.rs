//! Applying the answers about orders: a page, the count to handle, an order after a step.

use api_types::ListResponse;
use api_types::orders::SellerOrder;

use super::{TO_HANDLE, status_label};
use crate::client::{ApiError, OrderStep};
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::money::euros;
use crate::console::screens::{Desk, Out, Overlay, offers, stock};

/// The answer to a page of orders.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<ListResponse<SellerOrder>, ApiError>) {
    if desk.orders.list.accept(request, result) {
        desk.orders.clamp();
        desk.orders.note_newest();
    }
}

/// The answer to the count of orders to handle.
pub fn counted(desk: &mut Desk, request: u64, result: Result<u64, ApiError>) {
    desk.orders.to_handle.accept(request, result);
}

/// A fresh copy of one order (asked after a conflict): replaces its row; a failure is
/// not worth a message of its own, the conflict already had one.
pub fn refreshed(desk: &mut Desk, result: Result<SellerOrder, ApiError>) {
    if let Ok(order) = result {
        replace(desk, order);
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
            replace(desk, order);
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
/// dashboard's count in step when it leaves or enters [`TO_HANDLE`].
fn replace(desk: &mut Desk, order: SellerOrder) {
    let orders = &mut desk.orders;
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
    if let Some(count) = orders.to_handle.data.as_mut() {
        match (was, is) {
            (true, false) => *count = count.saturating_sub(1),
            (false, true) => *count += 1,
            _ => {}
        }
    }
}
