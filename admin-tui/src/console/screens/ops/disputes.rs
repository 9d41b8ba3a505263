//! The operator's disputes screen: every shop's disputes (open, decided or all), and a
//! decision on an open one — a refund (the amount prefilled with what is left, in euros)
//! or a rejection, each with a reason and a confirmation naming the shop, the order and
//! the amount. Like a decision on a shop, the form stays open (locked) while the request
//! runs, so that a field the server refuses is marked beside it.

use api_types::ListResponse;
use api_types::operating::{Dispute, DisputeDecisionRequest};

use super::{Ops, OpsTab, load_audit};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::screens::disputes::{DisputeVerb, refundable};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::money::{euros, parse_euros, plain_euros};
use crate::console::screens::{Confirm, Confirmed, Out, Overlay};

/// A decision waiting for the operator's "yes": the form it came from and what it sends.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeConfirm {
    /// The form, shown again on "no" and while the request runs.
    pub form: Box<Form>,
    /// The body confirmed.
    pub body: DisputeDecisionRequest,
}

/// Asks for the disputes with the current filter.
pub fn load(ops: &mut Ops, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::Disputes {
        status: ops.disputes.filter.status().map(str::to_owned),
    });
    ops.disputes.list.start(request);
    effect
}

/// The answer to the disputes list.
pub fn loaded(ops: &mut Ops, request: u64, result: Result<ListResponse<Dispute>, ApiError>) {
    ops.disputes.accept(request, result);
}

/// Moving in the list and changing its filter.
pub fn list_key(ops: &mut Ops, action: Action, out: &mut Out) -> Option<Effect> {
    match action {
        Action::Down | Action::Up => ops.disputes.step(action == Action::Down),
        Action::NextFilter | Action::PrevFilter => {
            let disputes = &mut ops.disputes;
            disputes.filter = disputes.filter.cycle(action == Action::NextFilter);
            disputes.selected = 0;
            out.clear_notice();
            return Some(load(ops, out));
        }
        _ => {}
    }
    None
}

/// `R` or `x`: opens the refund or rejection form for the selected dispute, or says why not.
pub fn start(ops: &mut Ops, verb: DisputeVerb, out: &mut Out) -> Option<Effect> {
    if ops.tab != OpsTab::Disputes || verb == DisputeVerb::Answer {
        return None;
    }
    let dispute = ops.disputes.selected_dispute()?;
    let number = &dispute.order_number;
    if dispute.status != "open" {
        out.error(format!(
            "The dispute on {number} is {} already: nothing to decide.",
            dispute.status
        ));
        return None;
    }
    let left = refundable(dispute);
    if verb == DisputeVerb::Refund && left == 0 {
        out.error(format!(
            "Nothing is left to refund on {number} ({} refunded already).",
            euros(dispute.part_refunded_cents)
        ));
        return None;
    }
    let locked = |name, label, text| FormField::new(name, label, Value::Text(text)).locked(true);
    let mut fields = vec![locked(
        "dispute",
        "Dispute",
        format!("{number} · {}", dispute.shop_name),
    )];
    if verb == DisputeVerb::Refund {
        fields.extend([
            locked(
                "left",
                "Refundable",
                format!("{} of {}", euros(left), euros(dispute.part_total_cents)),
            ),
            FormField::new("amount_cents", "Amount (€)", Value::Text(plain_euros(left)))
                .hint("e.g. 12,50"),
        ]);
    }
    fields.push(
        FormField::new("reason", "Reason", Value::Text(String::new()))
            .hint("required: the shopper and the shop are told"),
    );
    let form = Form::new(
        FormKind::DisputeDecision {
            id: dispute.id.clone(),
            number: number.clone(),
            shop: dispute.shop_name.clone(),
            verb,
            refundable: left,
        },
        fields,
    );
    ops.overlay = Some(Overlay::Form(form));
    None
}

/// Enter on the form: checks the amount (a refund) and the reason, then asks for
/// confirmation.
pub fn submit(ops: &mut Ops) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    let FormKind::DisputeDecision {
        number,
        shop,
        verb,
        refundable,
        ..
    } = form.kind.clone()
    else {
        return None;
    };
    form.clear_errors();
    let amount = if verb == DisputeVerb::Refund {
        match parse_euros(form.text("amount_cents")) {
            Ok(0) => Err("A refund is more than 0,00 €".to_owned()),
            Ok(cents) if cents > refundable => {
                Err(format!("At most {} can be refunded", euros(refundable)))
            }
            Ok(cents) => Ok(Some(cents)),
            Err(error) => Err(error.to_string()),
        }
    } else {
        Ok(None)
    };
    if let Err(message) = &amount {
        form.refuse("amount_cents", message.clone());
    }
    if form.text("reason").is_empty() {
        form.refuse("reason", "Say why: the shopper and the shop are told");
    }
    if form.has_errors() {
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    let amount_cents = amount.ok().flatten();
    let (title, message) = match amount_cents {
        Some(cents) => (
            "Refund the shopper",
            format!(
                "Refund {} on {number} ({shop})? It is clawed back from the shop's payable; both sides are told.",
                euros(cents)
            ),
        ),
        None => (
            "Reject the dispute",
            format!(
                "Reject the dispute on {number} ({shop})? Nothing is refunded; both sides are told why."
            ),
        ),
    };
    let body = DisputeDecisionRequest {
        decision: verb.label().to_owned(),
        amount_cents,
        reason: form.text("reason").to_owned(),
    };
    let form = Box::new(form.clone());
    ops.overlay = Some(Overlay::Confirm(Confirm {
        title,
        message,
        then: Confirmed::DecideDispute(DisputeConfirm { form, body }),
    }));
    None
}

/// The answer to the dialog (already closed): "no" goes back to the form.
pub fn confirmed(
    ops: &mut Ops,
    confirm: DisputeConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let DisputeConfirm { form, body } = confirm;
    let mut form = *form;
    if !yes {
        ops.overlay = Some(Overlay::Form(form));
        return None;
    }
    let FormKind::DisputeDecision { id, number, .. } = form.kind.clone() else {
        return None;
    };
    out.info(match body.amount_cents {
        Some(cents) => format!("Refunding {} on {number}…", euros(cents)),
        None => format!("Rejecting the dispute on {number}…"),
    });
    let (request, effect) = out.call(ApiCall::DecideDispute { id, body });
    form.pending = Some(request);
    ops.overlay = Some(Overlay::Form(form));
    Some(effect)
}

/// The server's answer to a decision: closes the form and reloads the list (and the audit
/// log), or marks the refused field; a dispute decided elsewhere reloads the list too.
pub fn decided(
    ops: &mut Ops,
    request: u64,
    result: Result<Dispute, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    let FormKind::DisputeDecision { number, shop, .. } = form.kind.clone() else {
        return None;
    };
    match result {
        Ok(dispute) => {
            out.info(match (dispute.status.as_str(), dispute.refund_cents) {
                ("refunded", Some(cents)) => format!(
                    "{number}: {} refunded to the shopper, clawed back from {shop}.",
                    euros(cents)
                ),
                (status, _) => format!("{number}: the dispute is {status}; both sides are told."),
            });
            ops.overlay = None;
            ops.disputes.replace(dispute);
            Some(Effect::Batch(vec![load(ops, out), load_audit(ops, out)]))
        }
        Err(error) => {
            out.error(format!("{number} was not decided: {error}"));
            form.pending = None;
            form.show_error(&error);
            matches!(error.status(), Some(404 | 409)).then(|| load(ops, out))
        }
    }
}
