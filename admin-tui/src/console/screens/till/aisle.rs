//! The endless aisle: the till's store lacks some lines, so the seller orders them for
//! the shopper, delivered home or waiting at another store of the shop, paid at the till
//! now. A form asks where and how it is paid, then a confirmation names the total.
//!
//! The form shows the fields of the method chosen; the other method's fields wait in
//! [`FormKind::TillAisle`] with what was typed in them, and come back when the method
//! does.

use api_types::buying::Address;
use api_types::omnichannel::{TillFulfilment, TillSaleRequest};

use super::lines::{Serve, line_count, pickup_stores, serving, units_and_cents};
use super::sale::{TillConfirm, paid, ready_cart};
use crate::console::action::Effect;
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::money::euros;
use crate::console::screens::{Confirm, Confirmed, Desk, Out, Overlay};

/// Delivery, or pickup at another store.
const METHODS: &[(&str, &str)] = &[
    ("delivery", "home delivery"),
    ("pickup", "pickup at another store"),
];
/// Delivery only: no other store holds the lines.
const DELIVERY_ONLY: &[(&str, &str)] = &[("delivery", "home delivery (no other store has it)")];
/// How the shopper pays at the till.
const PAYMENTS: &[(&str, &str)] = &[("cash", "cash"), ("card_present", "card")];

/// `o`: the form ordering the lines the till's store lacks.
pub fn open(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let cart = ready_cart(desk, out)?;
    let store = desk.till.store(desk.locations.items())?;
    let missing = serving(&cart.lines, Some(&store.id), &Serve::Elsewhere);
    if missing.is_empty() {
        let here = serving(&cart.lines, Some(&store.id), &Serve::Here);
        out.error(if here.is_empty() {
            "Nothing in this cart can be ordered as it is.".to_owned()
        } else {
            format!(
                "Everything sellable is in stock at {}: sell it now with c (cash) or k (card).",
                store.name
            )
        });
        return None;
    }
    let (_, cents) = units_and_cents(&missing);
    let what = match missing.as_slice() {
        [line] => format!("{} × {}", line.item.quantity, line.item.title),
        lines => format!("{} · {}", line_count(lines.len()), euros(cents)),
    };
    let stores = pickup_stores(desk.locations.items(), Some(&store.id), &missing);
    let methods = if stores.is_empty() {
        DELIVERY_ONLY
    } else {
        METHODS
    };
    let text = |name, label, value: &str| FormField::new(name, label, Value::Text(value.into()));
    let delivery = vec![
        text("address.name", "Deliver to", &cart.shopper_name),
        text("address.line1", "Address", "").hint("street and number"),
        text("address.postcode", "Postcode", "").hint("5 digits"),
        text("address.city", "City", ""),
    ];
    let pickup = vec![FormField::new(
        "fulfilment.store_id",
        "Pickup store",
        Value::Pick {
            options: stores,
            selected: 0,
        },
    )];
    let mut fields = vec![
        text("lines", "To order", &what).locked(true),
        FormField::new(
            "method",
            "How",
            Value::Choice {
                options: methods,
                selected: 0,
            },
        ),
    ];
    fields.extend(delivery);
    fields.push(FormField::new(
        "payment",
        "Paid at the till",
        Value::Choice {
            options: PAYMENTS,
            selected: 0,
        },
    ));
    let kind = FormKind::TillAisle {
        offer_ids: missing.iter().map(|l| l.item.offer_id.clone()).collect(),
        other: pickup,
    };
    desk.overlay = Some(Overlay::Form(Form::new(kind, fields)));
    None
}

/// After an edit: when the method changed, its fields replace the other method's.
pub fn reshape(form: &mut Form) {
    let method = form.text("method").to_owned();
    let FormKind::TillAisle { other, .. } = &mut form.kind else {
        return;
    };
    let showing_delivery = form.fields.iter().any(|f| f.name == "address.line1");
    if (method == "delivery") == showing_delivery {
        return;
    }
    // The method's own fields sit between "How" and "Paid at the till".
    let start = form
        .fields
        .iter()
        .position(|f| f.name == "method")
        .map_or(0, |i| i + 1);
    let end = form
        .fields
        .iter()
        .position(|f| f.name == "payment")
        .unwrap_or(form.fields.len());
    let shown: Vec<FormField> = form.fields.drain(start..end).collect();
    let coming = std::mem::replace(other, shown);
    form.fields.splice(start..start, coming);
}

/// Enter on the form: checked here, then the confirmation naming what is ordered, where
/// it goes and how it is paid.
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let cart = ready_cart(desk, out)?;
    let store = desk.till.store(desk.locations.items())?.clone();
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    let FormKind::TillAisle { offer_ids, .. } = form.kind.clone() else {
        return None;
    };
    let fulfilment = fulfilment_from(form)?;
    let payment = form.text("payment").to_owned();
    let ordered: Vec<_> = cart
        .lines
        .iter()
        .filter(|line| offer_ids.contains(&line.item.offer_id))
        .collect();
    let (units, cents) = units_and_cents(&ordered);
    let (outcome, price, place) = match (&fulfilment.address, fulfilment.method.as_str()) {
        (Some(address), _) => (
            format!("ordered for delivery to {}", address.city),
            format!("{} plus delivery", euros(cents)),
            format!(
                "delivered to {}, {} {}",
                address.line1, address.postcode, address.city
            ),
        ),
        _ => {
            let at = form.field("fulfilment.store_id").map_or("", |f| f.shown());
            let name = at.split(" (").next().unwrap_or(at).to_owned();
            (
                format!("ordered for pickup at {name}"),
                euros(cents),
                format!("waiting at {at}"),
            )
        }
    };
    let message = format!(
        "Order {} for {} for {price}, paid {} now, {place}?",
        super::lines::items(units),
        cart.shopper_name,
        paid(&payment),
    );
    let confirm = TillConfirm {
        code: cart.code.clone(),
        body: TillSaleRequest {
            store_id: store.id.clone(),
            payment,
            offer_ids: Some(offer_ids),
            fulfilment: Some(fulfilment),
        },
        outcome,
        form: Some(Box::new(form.clone())),
    };
    desk.overlay = Some(Overlay::Confirm(Confirm {
        title: "Order for the shopper",
        message,
        then: Confirmed::Till(Box::new(confirm)),
    }));
    None
}

/// Where the order goes, from the form; `None` (errors beside the fields) when something
/// is missing.
fn fulfilment_from(form: &mut Form) -> Option<TillFulfilment> {
    form.clear_errors();
    let fulfilment = if form.text("method") == "pickup" {
        let store = form.text("fulfilment.store_id").to_owned();
        if store.is_empty() {
            form.refuse(
                "fulfilment.store_id",
                "No other store holds it: choose home delivery",
            );
        }
        TillFulfilment {
            method: "pickup".into(),
            address: None,
            store_id: Some(store),
        }
    } else {
        let required = [
            ("address.name", "Who receives it"),
            ("address.line1", "The street and number"),
            ("address.city", "The city"),
        ];
        for (name, message) in required {
            if form.text(name).is_empty() {
                form.refuse(name, message);
            }
        }
        let postcode = form.text("address.postcode");
        if postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()) {
            form.refuse("address.postcode", "A French postcode has 5 digits");
        }
        TillFulfilment {
            method: "delivery".into(),
            address: Some(Address {
                name: form.text("address.name").to_owned(),
                line1: form.text("address.line1").to_owned(),
                line2: String::new(),
                postcode: form.text("address.postcode").to_owned(),
                city: form.text("address.city").to_owned(),
                country: "FR".into(),
            }),
            store_id: None,
        }
    };
    if form.has_errors() {
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    Some(fulfilment)
}
