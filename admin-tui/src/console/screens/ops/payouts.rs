//! Paying a shop its payable balance: a form with an optional reason, a confirmation,
//! then `POST /operator/payouts/{shop_id}`. The server decides the amount (the whole
//! payable balance at that moment), so the dialog names none; the answer's amount goes
//! to the status bar.

use api_types::operating::PayoutResponse;

use super::{DecisionConfirm, Ops, load_audit};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::money::euros;
use crate::console::screens::{Confirm, Confirmed, Out, Overlay};

/// `p` on the shop queue: opens the payout form for the selected shop.
pub fn start(ops: &mut Ops) {
    let Some(shop) = ops.selected_shop() else {
        return;
    };
    let form = Form::new(
        FormKind::Payout {
            shop_id: shop.id.clone(),
            name: shop.name.clone(),
        },
        vec![
            FormField::new("shop", "Shop", Value::Text(shop.name.clone())).locked(true),
            FormField::new("reason", "Reason", Value::Text(String::new()))
                .hint("optional: kept in the audit log"),
        ],
    );
    ops.overlay = Some(Overlay::Form(form));
}

/// Enter on the payout form: asks for confirmation (the reason is optional).
pub fn submit(ops: &mut Ops) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    let FormKind::Payout { name, .. } = form.kind.clone() else {
        return None;
    };
    form.clear_errors();
    let form = Box::new(form.clone());
    ops.overlay = Some(Overlay::Confirm(Confirm {
        title: "Pay out the shop",
        message: format!(
            "Pay out {name}'s payable balance? The server pays all that is payable now; \
             the amount shows once paid."
        ),
        then: Confirmed::Payout(DecisionConfirm { form }),
    }));
    None
}

/// The answer to the dialog (already closed): "no" goes back to the form.
pub fn confirmed(
    ops: &mut Ops,
    confirm: DecisionConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let mut form = *confirm.form;
    if !yes {
        ops.overlay = Some(Overlay::Form(form));
        return None;
    }
    let FormKind::Payout { shop_id, name } = form.kind.clone() else {
        return None;
    };
    out.info(format!("Paying out “{name}”…"));
    let (request, effect) = out.call(ApiCall::PayOut {
        shop_id,
        reason: form.text("reason").trim().to_owned(),
    });
    form.pending = Some(request);
    ops.overlay = Some(Overlay::Form(form));
    Some(effect)
}

/// The server's answer to a payout: the amount paid in the status bar, or why not. A 409
/// closes the form (nothing to correct in it); another failure keeps it for a retry.
pub fn paid_out(
    ops: &mut Ops,
    request: u64,
    result: Result<PayoutResponse, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    let FormKind::Payout { name, .. } = form.kind.clone() else {
        return None;
    };
    match result {
        Ok(paid) => {
            ops.overlay = None;
            out.info(format!(
                "Paid {} to “{name}”: its payable balance is now 0.",
                euros(paid.amount_cents)
            ));
            Some(load_audit(ops, out))
        }
        Err(error) => {
            match error.code() {
                Some("nothing_payable") => out.error(format!(
                    "“{name}” has nothing payable yet (earnings wait out the return window)."
                )),
                Some("payout_in_progress") => out.error(format!(
                    "A payout to “{name}” is already under way; check the audit log in a moment."
                )),
                _ => out.error(format!("“{name}” was not paid out: {error}")),
            }
            if error.status() == Some(409) {
                ops.overlay = None;
            } else {
                form.pending = None;
                form.show_error(&error);
            }
            None
        }
    }
}
