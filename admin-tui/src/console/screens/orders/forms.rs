//! The forms asking the body of a step (ship, collect, cancel, refund), and the step
//! they describe, checked here before the server sees it.

use api_types::orders::{CancelRequest, CollectRequest, RefundRequest, SellerOrder, ShipRequest};

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
