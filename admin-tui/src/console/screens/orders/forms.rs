//! The forms asking the body of a step (ship, collect, cancel, refund, a return in
//! store), and the step they describe, checked here before the server sees it.

use api_types::orders::{
    CancelRequest, CollectRequest, RefundRequest, ReturnInStoreRequest, SellerOrder, ShipRequest,
};
use api_types::selling::Location;

use super::Verb;
use crate::client::OrderStep;
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::money::{euros, parse_euros, plain_euros};

/// What can still be refunded on `order`.
pub(super) fn refundable(order: &SellerOrder) -> i64 {
    order
        .total_cents
        .saturating_sub(order.refunded_cents)
        .max(0)
}

/// The form asking the body of `verb` (ship, collect, cancel, refund).
pub(super) fn form(order: &SellerOrder, verb: Verb) -> Form {
    let number =
        FormField::new("order", "Order", Value::Text(order.order_number.clone())).locked(true);
    let text =
        |name, label, hint| FormField::new(name, label, Value::Text(String::new())).hint(hint);
    let fields = match verb {
        Verb::Ship => vec![
            number,
            text("carrier", "Carrier", "e.g. Colissimo"),
            text("tracking", "Tracking number", "as the carrier gave it"),
        ],
        Verb::Collect => vec![
            number,
            text("code", "Pickup code", "the code the shopper shows"),
        ],
        Verb::Refund => vec![
            number,
            FormField::new(
                "amount_cents",
                "Amount (€)",
                Value::Text(plain_euros(refundable(order))),
            )
            .hint("e.g. 12,50"),
            text("reason", "Reason", "told to the shopper"),
        ],
        _ => vec![
            number,
            text("reason", "Reason", "told to the shopper, e.g. out of stock"),
        ],
    };
    Form::new(
        FormKind::Order {
            id: order.id.clone(),
            number: order.order_number.clone(),
            verb,
        },
        fields,
    )
}

/// The form recording a return in one of `stores` (the shop's locations of kind store,
/// at least one): the store that took it back (the order's pickup store first when it is
/// one of them), the refund it makes, and why.
pub(super) fn return_form(order: &SellerOrder, stores: &[&Location]) -> Form {
    let options: Vec<(String, String)> = stores
        .iter()
        .map(|store| (store.id.clone(), format!("{} ({})", store.name, store.city)))
        .collect();
    let selected = order
        .fulfilment
        .store_id
        .as_ref()
        .and_then(|id| stores.iter().position(|store| &store.id == id))
        .unwrap_or(0);
    let locked = |name, label, text| FormField::new(name, label, Value::Text(text)).locked(true);
    let fields = vec![
        locked("order", "Order", order.order_number.clone()),
        locked("refund", "Refunds", euros(refundable(order))),
        FormField::new("store_id", "Store", Value::Pick { options, selected }),
        FormField::new("reason", "Reason", Value::Text(String::new()))
            .hint("why it came back, e.g. does not fit"),
    ];
    Form::new(
        FormKind::Order {
            id: order.id.clone(),
            number: order.order_number.clone(),
            verb: Verb::ReturnInStore,
        },
        fields,
    )
}

/// The step the form describes; `None` (with errors beside the fields) when something is
/// missing or the amount does not parse. At most `refundable` cents can be refunded.
pub(super) fn step_from(form: &mut Form, verb: Verb, refundable: i64) -> Option<OrderStep> {
    form.clear_errors();
    let amount = match parse_euros(form.text("amount_cents")) {
        Ok(0) => Err("A refund is more than 0,00 €".to_owned()),
        Ok(cents) if cents > refundable => {
            Err(format!("At most {} can be refunded", euros(refundable)))
        }
        Ok(cents) => Ok(cents),
        Err(error) => Err(error.to_string()),
    };
    let text = |name| form.text(name).to_owned();
    let step = match verb {
        Verb::Ship => OrderStep::Ship(ShipRequest {
            carrier: text("carrier"),
            tracking: text("tracking"),
        }),
        Verb::Collect => OrderStep::Collect(CollectRequest { code: text("code") }),
        Verb::Cancel => OrderStep::Cancel(CancelRequest {
            reason: text("reason"),
        }),
        Verb::Refund => OrderStep::Refund(RefundRequest {
            amount_cents: amount.clone().unwrap_or(0),
            reason: text("reason"),
        }),
        Verb::ReturnInStore => OrderStep::ReturnInStore(ReturnInStoreRequest {
            store_id: text("store_id"),
            reason: text("reason"),
        }),
        Verb::Accept | Verb::Ready | Verb::AcceptReturn | Verb::RefuseReturn => return None,
    };
    if let (Verb::Refund, Err(message)) = (verb, amount) {
        form.refuse("amount_cents", message);
    }
    let required: &[(&str, &str)] = match verb {
        Verb::Ship => &[
            ("carrier", "Name the carrier"),
            ("tracking", "Enter the tracking number"),
        ],
        Verb::Collect => &[("code", "Enter the code the shopper shows")],
        Verb::ReturnInStore => &[
            ("store_id", "Pick the store that took it back"),
            ("reason", "Say why it came back"),
        ],
        _ => &[("reason", "Say why, for the shopper")],
    };
    for (name, message) in required {
        if form.text(name).is_empty() {
            form.refuse(name, *message);
        }
    }
    if form.has_errors() {
        // Focus the first field at fault.
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    Some(step)
}
