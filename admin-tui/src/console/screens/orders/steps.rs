//! Starting a step on the selected order: at once (accept, ready), through a form (ship,
//! collect), through a form then a confirmation (cancel, refund, a return in store), or
//! through a confirmation alone (a return asked for).

use api_types::orders::SellerOrder;

use super::forms::{form, refundable, return_form, step_from};
use super::{Attempt, Orders, Verb, status_label, verbs};
use crate::client::{OrderStep, idempotency_key};
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormKind};
use crate::console::screens::money::euros;
use crate::console::screens::{Confirm, Confirmed, Desk, Out, Overlay};

/// A step waiting for the seller's "yes", and the form its body came from.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderConfirm {
    /// The seller order.
    pub id: String,
    /// Its number, for notices.
    pub number: String,
    /// The step, with its body.
    pub step: OrderStep,
    /// Shown again on "no"; shown while the step is sent, so that a field the server
    /// refuses is marked beside it.
    pub form: Option<Box<Form>>,
}

/// A step key on the orders screen: refused with a reason when the selected order's
/// status does not allow it.
pub fn start(desk: &mut Desk, verb: Verb, out: &mut Out) -> Option<Effect> {
    let orders = &mut desk.orders;
    let order = orders.selected_order()?;
    let allowed = verbs(order);
    if !allowed.contains(&verb) {
        out.error(refusal(order, verb, &allowed));
        return None;
    }
    if orders.attempt.as_ref().is_some_and(|a| a.pending.is_some()) {
        out.error("Still waiting for the server's answer to the last step.");
        return None;
    }
    let (id, number) = (order.id.clone(), order.order_number.clone());
    let ask = |title, message| Confirm {
        title,
        message,
        then: Confirmed::Order(OrderConfirm {
            id: id.clone(),
            number: number.clone(),
            step: if verb == Verb::AcceptReturn {
                OrderStep::AcceptReturn
            } else {
                OrderStep::RefuseReturn
            },
            form: None,
        }),
    };
    let overlay = match verb {
        Verb::Accept => return Some(send(orders, &id, &number, OrderStep::Accept, out).1),
        Verb::Ready => return Some(send(orders, &id, &number, OrderStep::Ready, out).1),
        Verb::Ship | Verb::Collect | Verb::Cancel | Verb::Refund => {
            Overlay::Form(form(order, verb))
        }
        Verb::ReturnInStore => {
            let stores: Vec<_> = desk
                .locations
                .items()
                .iter()
                .filter(|location| location.kind == "store")
                .collect();
            if stores.is_empty() {
                out.error("No store to take it back in: add a location of kind store (4, then n).");
                return None;
            }
            Overlay::Form(return_form(order, &stores))
        }
        Verb::AcceptReturn => {
            let reason = order.return_reason.as_deref().unwrap_or("none given");
            Overlay::Confirm(ask(
                "Accept the return",
                format!("Accept the return of order {number}? The shopper's reason: “{reason}”."),
            ))
        }
        Verb::RefuseReturn => Overlay::Confirm(ask(
            "Refuse the return",
            format!("Refuse the return of order {number}? The shopper keeps the items."),
        )),
    };
    desk.overlay = Some(overlay);
    None
}

/// Enter on an order's form: checks it here, then sends the step (ship, collect) or asks
/// for confirmation first (cancel, refund).
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let Desk {
        overlay, orders, ..
    } = desk;
    let Some(Overlay::Form(form)) = overlay else {
        return None;
    };
    let FormKind::Order { id, number, verb } = form.kind.clone() else {
        return None;
    };
    let refundable = orders
        .items()
        .iter()
        .find(|order| order.id == id)
        .map_or(i64::MAX, refundable);
    let step = step_from(form, verb, refundable)?;
    let store = form
        .field("store_id")
        .map_or_else(String::new, |field| field.shown().to_owned());
    let (title, message) = match &step {
        OrderStep::Cancel(_) => (
            "Cancel the order",
            format!("Cancel order {number}? The shopper is told why. This cannot be undone."),
        ),
        OrderStep::Refund(body) => (
            "Refund",
            format!(
                "Refund {} on order {number}? This cannot be undone.",
                euros(body.amount_cents)
            ),
        ),
        OrderStep::ReturnInStore(_) => (
            "Return in store",
            format!(
                "Take order {number} back at {store} and refund {} to the shopper? The units \
                 go onto that store's shelf. This cannot be undone.",
                euros(refundable)
            ),
        ),
        _ => {
            let (request, effect) = send(orders, &id, &number, step, out);
            form.pending = Some(request);
            return Some(effect);
        }
    };
    let form = Box::new(form.clone());
    *overlay = Some(Overlay::Confirm(Confirm {
        title,
        message,
        then: Confirmed::Order(OrderConfirm {
            id,
            number,
            step,
            form: Some(form),
        }),
    }));
    None
}

/// The answer to an order's confirmation dialog (already closed).
pub fn confirmed(
    desk: &mut Desk,
    confirm: OrderConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let OrderConfirm {
        id,
        number,
        step,
        form,
    } = confirm;
    if !yes {
        desk.overlay = form.map(|form| Overlay::Form(*form));
        return None;
    }
    let (request, effect) = send(&mut desk.orders, &id, &number, step, out);
    if let Some(mut form) = form {
        form.pending = Some(request);
        desk.overlay = Some(Overlay::Form(*form));
    }
    Some(effect)
}

/// Sends `step`, reusing the last attempt's key when it is the same step on the same order
/// (a retry), a fresh key otherwise.
fn send(
    orders: &mut Orders,
    id: &str,
    number: &str,
    step: OrderStep,
    out: &mut Out,
) -> (u64, Effect) {
    let key = match &orders.attempt {
        Some(attempt) if attempt.id == id && attempt.step == step => attempt.key.clone(),
        _ => idempotency_key(),
    };
    out.info(progress(&step, number));
    let (request, effect) = out.call(ApiCall::OrderStep {
        id: id.to_owned(),
        step: step.clone(),
        key: key.clone(),
    });
    orders.attempt = Some(Attempt {
        id: id.to_owned(),
        step,
        key,
        pending: Some(request),
    });
    (request, effect)
}

/// What the status bar says while `step` is sent.
fn progress(step: &OrderStep, number: &str) -> String {
    match step {
        OrderStep::Accept => format!("Accepting {number}…"),
        OrderStep::Ship(body) => format!("Shipping {number} with {}…", body.carrier),
        OrderStep::Ready => format!("Marking {number} ready for pickup…"),
        OrderStep::Collect(_) => format!("Handing {number} over…"),
        OrderStep::Cancel(_) => format!("Cancelling {number}…"),
        OrderStep::Refund(body) => format!("Refunding {} on {number}…", euros(body.amount_cents)),
        OrderStep::AcceptReturn => format!("Accepting the return of {number}…"),
        OrderStep::RefuseReturn => format!("Refusing the return of {number}…"),
        OrderStep::ReturnInStore(_) => format!("Recording the return of {number} in store…"),
    }
}

/// Why `verb` is not offered for `order`, and what is.
fn refusal(order: &SellerOrder, verb: Verb, allowed: &[Verb]) -> String {
    let status = status_label(&order.status);
    let number = &order.order_number;
    let instead = match allowed {
        [] => "nothing is left to do on it".to_owned(),
        _ => {
            let labels: Vec<&str> = allowed.iter().map(|verb| verb.label()).collect();
            format!("you can {}", labels.join(" or "))
        }
    };
    format!(
        "Cannot {} {number}: it is {status}; {instead}.",
        verb.label()
    )
}
