//! Selling at the till: what the store holds now (cash or card present), or, through the
//! `aisle` form, what it lacks. Every sale asks the seller first, naming the total; the
//! answer says what happened and clears the till for the next shopper.

use api_types::omnichannel::TillSaleRequest;
use api_types::orders::Order;

use super::lines::{Serve, items, line_count, serving, units_and_cents};
use super::{SaleAttempt, TillVerb, store_id};
use crate::client::{ApiError, idempotency_key};
use crate::console::action::{ApiCall, Effect, HandoffCode};
use crate::console::screens::form::Form;
use crate::console::screens::money::euros;
use crate::console::screens::{Confirm, Confirmed, Desk, Out, Overlay, offers, stock};

/// A sale waiting for the seller's "yes".
#[derive(Debug, Clone, PartialEq)]
pub struct TillConfirm {
    /// The hand-off code.
    pub code: String,
    /// What to ask.
    pub body: TillSaleRequest,
    /// What to say once it is done, e.g. "handed over".
    pub outcome: String,
    /// The endless-aisle form it came from: shown again on "no", and while the sale is
    /// sent, so that a field the server refuses is marked beside it.
    pub form: Option<Box<Form>>,
}

/// `c` or `k`: sell the lines the till's store holds now, asking first.
pub fn start(desk: &mut Desk, verb: TillVerb, out: &mut Out) -> Option<Effect> {
    let cart = ready_cart(desk, out)?;
    let store = desk.till.store(desk.locations.items())?;
    let here = serving(&cart.lines, Some(&store.id), &Serve::Here);
    let elsewhere = serving(&cart.lines, Some(&store.id), &Serve::Elsewhere);
    if here.is_empty() {
        let what = match elsewhere.len() {
            0 => "nothing in this cart can be sold as it is".to_owned(),
            n => format!("press o to order the {} for the shopper", line_count(n)),
        };
        out.error(format!(
            "Nothing here is in stock at {}: {what}.",
            store.name
        ));
        return None;
    }
    let (units, cents) = units_and_cents(&here);
    let payment = payment_of(verb);
    let left = cart.lines.len() - here.len();
    let rest = match left {
        0 => String::new(),
        n => format!(" The other {} stay in the shopper's cart.", line_count(n)),
    };
    let message = format!(
        "Sell {} to {} for {} {}, handed over now at {}?{rest}",
        items(units),
        cart.shopper_name,
        euros(cents),
        paid(payment),
        store.name,
    );
    let confirm = TillConfirm {
        code: cart.code.clone(),
        body: TillSaleRequest {
            store_id: store.id.clone(),
            payment: payment.to_owned(),
            offer_ids: Some(here.iter().map(|line| line.item.offer_id.clone()).collect()),
            fulfilment: None,
        },
        outcome: "handed over".to_owned(),
        form: None,
    };
    desk.overlay = Some(Overlay::Confirm(Confirm {
        title: "Sell now",
        message,
        then: Confirmed::Till(Box::new(confirm)),
    }));
    None
}

/// The cart on show, when it can still be sold (else says why, and `None`).
pub(super) fn ready_cart(desk: &Desk, out: &mut Out) -> Option<api_types::omnichannel::TillCart> {
    let till = &desk.till;
    let Some(cart) = till.shown() else {
        out.error("Type or scan the shopper's code first.");
        return None;
    };
    if till.selling() {
        out.error("Still waiting for the server's answer to the sale.");
        return None;
    }
    if cart.sold_order_id.is_some() {
        out.error(
            "This code was already used for a sale at this shop: press Esc for the next shopper.",
        );
        return None;
    }
    if store_id(desk).is_none() {
        out.error("This shop has no store for the till: add one on 4 Locations (kind store).");
        return None;
    }
    Some(cart.clone())
}

/// `cash` or `card_present`.
pub(super) fn payment_of(verb: TillVerb) -> &'static str {
    match verb {
        TillVerb::Card => "card_present",
        TillVerb::Cash | TillVerb::Aisle => "cash",
    }
}

/// "in cash", "by card".
pub(super) fn paid(payment: &str) -> &'static str {
    match payment {
        "card_present" => "by card",
        _ => "in cash",
    }
}

/// The answer to a sale's confirmation dialog (already closed).
pub fn confirmed(
    desk: &mut Desk,
    confirm: TillConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let TillConfirm {
        code,
        body,
        outcome,
        form,
    } = confirm;
    if !yes {
        desk.overlay = form.map(|form| Overlay::Form(*form));
        return None;
    }
    let till = &mut desk.till;
    let key = match &till.attempt {
        Some(attempt) if attempt.code == code && attempt.body == body => attempt.key.clone(),
        _ => idempotency_key(),
    };
    out.info(format!("Recording the sale, paid {}…", paid(&body.payment)));
    let (request, effect) = out.call(ApiCall::TillSale {
        code: HandoffCode(code.clone()),
        body: body.clone(),
        key: key.clone(),
    });
    till.attempt = Some(SaleAttempt {
        code,
        body,
        key,
        pending: Some(request),
        outcome,
    });
    till.sale_error = None;
    if let Some(mut form) = form {
        form.pending = Some(request);
        desk.overlay = Some(Overlay::Form(*form));
    }
    Some(effect)
}

/// The answer to sale `request`: on success, what happened and a till cleared for the next
/// shopper (the stock grid asks again); on failure, why, and the cart asked again when
/// the stock or the code moved on.
pub fn sold(
    desk: &mut Desk,
    request: u64,
    result: Result<Order, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let till = &mut desk.till;
    let attempt = till
        .attempt
        .as_mut()
        .filter(|a| a.pending == Some(request))?;
    attempt.pending = None;
    let (code, outcome) = (attempt.code.clone(), attempt.outcome.clone());
    let payment = attempt.body.payment.clone();
    // Only an answer that may not have reached the server keeps the key for a retry.
    if !result.as_ref().err().is_some_and(ApiError::is_transient) {
        till.attempt = None;
    }
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(order) => {
            let done = format!(
                "{} · {} paid {} · {outcome}",
                order.number,
                euros(order.total_cents),
                paid(&payment)
            );
            out.info(format!("{done}."));
            let till = &mut desk.till;
            till.clear();
            till.done = Some(done);
            if from_form {
                desk.overlay = None;
            }
            Some(Effect::Batch(vec![
                offers::load(desk, out),
                stock::low::load(desk, out),
            ]))
        }
        Err(error) => {
            out.error(format!("Not sold: {error}"));
            if let Some(Overlay::Form(form)) = &mut desk.overlay
                && from_form
            {
                form.pending = None;
                if error.field().is_some_and(|name| form.field(name).is_some()) {
                    form.show_error(&error);
                    return None;
                }
                desk.overlay = None;
            }
            let till = &mut desk.till;
            till.sale_error = Some(if error.is_transient() {
                format!(
                    "{error} — the sale may not have gone through: sell again, it is sent \
                     as the same sale and recorded only once."
                )
            } else {
                error.to_string()
            });
            // The stock or the code moved on: the cart shows where it stands now.
            let stale = matches!(error.status(), Some(404 | 409));
            stale.then(|| {
                let (request, effect) = out.call(ApiCall::TillCart {
                    code: HandoffCode(code),
                });
                desk.till.cart.start(request);
                effect
            })
        }
    }
}
