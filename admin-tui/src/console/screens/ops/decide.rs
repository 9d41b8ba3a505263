//! A decision on a shop or offer: a form asking the reason, a confirmation, then the
//! request. The form stays open (locked) while the request runs, so that a field the
//! server refuses is marked beside it; success closes it and reloads the lists.

use super::{Ops, OpsTab, load_audit, load_reports, load_shops};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::{Confirm, Confirmed, Out, Overlay};

/// A decision an operator takes on a shop or an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Open a pending shop.
    Approve,
    /// Turn a pending shop down (asks why).
    Reject,
    /// Hide an approved shop's offers (asks why).
    Suspend,
    /// Bring a suspended shop back (asks why).
    Reinstate,
    /// Take an offer down (asks why).
    Takedown,
    /// Dismiss an offer's reports, or publish an offer held for review.
    Clear,
}

impl Decision {
    /// The action in the URL.
    pub fn action(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
            Self::Takedown => "takedown",
            Self::Clear => "clear",
        }
    }

    /// `shop` or `offer`.
    pub fn target(self) -> &'static str {
        match self {
            Self::Takedown | Self::Clear => "offer",
            _ => "shop",
        }
    }

    /// What it is called on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Takedown => "take down",
            other => other.action(),
        }
    }

    /// The form's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Approve => "Approve the shop",
            Self::Reject => "Reject the application",
            Self::Suspend => "Suspend the shop",
            Self::Reinstate => "Reinstate the shop",
            Self::Takedown => "Take the offer down",
            Self::Clear => "Clear the offer",
        }
    }

    /// Whether the operator must say why (the seller is told).
    pub fn needs_reason(self) -> bool {
        !matches!(self, Self::Approve | Self::Clear)
    }

    /// The statuses it applies to (the server decides; this spares a useless request).
    pub fn applies_to(self, status: &str) -> bool {
        match self {
            Self::Approve | Self::Reject => status == "pending",
            Self::Suspend => status == "approved",
            Self::Reinstate => status == "suspended",
            Self::Takedown => matches!(status, "active" | "inactive" | "review"),
            Self::Clear => true,
        }
    }
}

/// A decision waiting for the operator's "yes", and the form it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionConfirm {
    /// The reason form, shown again on "no" and while the request runs.
    pub form: Box<Form>,
}

/// A decision key: opens the reason form for the selected shop or offer, or says why not.
pub fn start(ops: &mut Ops, decision: Decision, out: &mut Out) -> Option<Effect> {
    let (id, name, status) = match (ops.tab, decision.target()) {
        (OpsTab::Shops, "shop") => {
            let shop = ops.selected_shop()?;
            let status = format!("{:?}", shop.status).to_lowercase();
            (shop.id.clone(), shop.name.clone(), status)
        }
        (OpsTab::Reports, "offer") => {
            let case = ops.selected_report()?;
            (
                case.offer_id.clone(),
                case.title.clone(),
                case.status.clone(),
            )
        }
        _ => return None,
    };
    if !decision.applies_to(&status) {
        out.error(format!(
            "Cannot {} “{name}”: it is {status}.",
            decision.label()
        ));
        return None;
    }
    let hint = if decision.needs_reason() {
        "required: the seller is told"
    } else {
        "optional: the seller is told"
    };
    let form = Form::new(
        FormKind::Decision {
            id,
            name: name.clone(),
            decision,
        },
        vec![
            FormField::new(decision.target(), "For", Value::Text(name)).locked(true),
            FormField::new("reason", "Reason", Value::Text(String::new())).hint(hint),
        ],
    );
    ops.overlay = Some(Overlay::Form(form));
    None
}

/// Enter on the reason form: checks the reason, then asks for confirmation.
pub fn submit(ops: &mut Ops) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    let FormKind::Decision { name, decision, .. } = form.kind.clone() else {
        return None;
    };
    form.clear_errors();
    if decision.needs_reason() && form.text("reason").is_empty() {
        form.refuse("reason", "Say why: the seller is told");
        return None;
    }
    let message = match decision {
        Decision::Approve => format!("Approve “{name}”? Its offers go live for shoppers."),
        Decision::Reject => format!("Reject “{name}”? The applicant is told why."),
        Decision::Suspend => format!(
            "Suspend “{name}”? Its offers vanish from the storefront; paid orders carry on."
        ),
        Decision::Reinstate => format!("Reinstate “{name}”? Its offers are shown again."),
        Decision::Takedown => format!("Take “{name}” down? The seller sees your reason."),
        Decision::Clear => format!("Clear “{name}”? Its reports are dismissed and it goes live."),
    };
    let form = Box::new(form.clone());
    ops.overlay = Some(Overlay::Confirm(Confirm {
        title: decision.title(),
        message,
        then: Confirmed::Decision(DecisionConfirm { form }),
    }));
    None
}

/// A key in the confirmation dialog.
pub fn confirm_key(ops: &mut Ops, action: Action, out: &mut Out) -> Option<Effect> {
    let yes = match action {
        Action::Confirm(yes) => yes,
        Action::Cancel => false,
        _ => return None,
    };
    match ops.overlay.take() {
        Some(Overlay::Confirm(Confirm {
            then: Confirmed::Decision(confirm),
            ..
        })) => confirmed(ops, confirm, yes, out),
        Some(Overlay::Confirm(Confirm {
            then: Confirmed::EndCampaign(confirm),
            ..
        })) => super::campaigns::confirmed(ops, confirm, yes, out),
        Some(Overlay::Confirm(Confirm {
            then: Confirmed::DecideDispute(confirm),
            ..
        })) => super::disputes::confirmed(ops, confirm, yes, out),
        Some(Overlay::Confirm(Confirm {
            then: Confirmed::Payout(confirm),
            ..
        })) => super::payouts::confirmed(ops, confirm, yes, out),
        other => {
            ops.overlay = other;
            None
        }
    }
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
    let FormKind::Decision { id, name, decision } = form.kind.clone() else {
        return None;
    };
    out.info(format!("Asking to {} “{name}”…", decision.label()));
    let (request, effect) = out.call(ApiCall::Decide {
        target: decision.target(),
        id,
        action: decision.action(),
        reason: form.text("reason").to_owned(),
    });
    form.pending = Some(request);
    ops.overlay = Some(Overlay::Form(form));
    Some(effect)
}

/// The server's answer to a decision.
pub fn decided(
    ops: &mut Ops,
    request: u64,
    result: Result<String, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    let FormKind::Decision { name, .. } = form.kind.clone() else {
        return None;
    };
    match result {
        Ok(status) => {
            out.info(format!("“{name}” is now {}.", status.replace('_', " ")));
            ops.overlay = None;
            Some(Effect::Batch(vec![
                load_shops(ops, out),
                load_reports(ops, out),
                load_audit(ops, out),
            ]))
        }
        Err(error) => {
            out.error(format!("“{name}” was not changed: {error}"));
            form.pending = None;
            form.show_error(&error);
            None
        }
    }
}
