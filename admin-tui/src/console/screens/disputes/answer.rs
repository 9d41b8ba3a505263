//! The seller's answer to a dispute: a form (the claim shown, the answer typed), checked
//! here for shape, a confirmation (the server takes one answer per dispute), then the
//! request. The form stays open, locked, while it runs, so that a refusal is marked beside
//! the answer; success closes it and updates the row.

use api_types::operating::{Dispute, DisputeAnswerRequest};

use super::{ANSWER_MAX, kind_label, load};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::ops::DecisionConfirm;
use crate::console::screens::{Confirm, Confirmed, Desk, Out, Overlay};

/// `a`: opens the answer form for the selected dispute, or says why not.
pub(super) fn start(desk: &mut Desk, out: &mut Out) {
    let Some(dispute) = desk.disputes.selected_dispute() else {
        return;
    };
    let number = &dispute.order_number;
    if dispute.status != "open" {
        out.error(format!(
            "The dispute on {number} is {}: an operator decided it.",
            dispute.status
        ));
        return;
    }
    if dispute.seller_answer.is_some() {
        out.error(format!(
            "You answered the dispute on {number}: an answer is final."
        ));
        return;
    }
    desk.overlay = Some(Overlay::Form(form(dispute)));
}

fn form(dispute: &Dispute) -> Form {
    let locked = |name, label, text| FormField::new(name, label, Value::Text(text)).locked(true);
    Form::new(
        FormKind::DisputeAnswer {
            id: dispute.id.clone(),
            number: dispute.order_number.clone(),
        },
        vec![
            locked(
                "dispute",
                "Dispute",
                format!(
                    "{} · {} · {}",
                    dispute.order_number,
                    kind_label(&dispute.kind),
                    dispute.shopper_name
                ),
            ),
            locked("claim", "Shopper says", dispute.message.clone()),
            FormField::new("message", "Your answer", Value::Text(String::new()))
                .hint("what happened, for the operator who decides"),
        ],
    )
}

/// Enter on the form: the answer must be there and at most [`ANSWER_MAX`] characters;
/// then the confirmation.
pub fn submit(desk: &mut Desk) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    let FormKind::DisputeAnswer { number, .. } = form.kind.clone() else {
        return None;
    };
    form.clear_errors();
    let typed = form.text("message").chars().count();
    if typed == 0 {
        form.refuse("message", "Write your answer: the operator reads it");
        return None;
    }
    if typed > ANSWER_MAX {
        form.refuse(
            "message",
            format!("At most {ANSWER_MAX} characters ({typed} typed)"),
        );
        return None;
    }
    let form = Box::new(form.clone());
    desk.overlay = Some(Overlay::Confirm(Confirm {
        title: "Send the answer",
        message: format!(
            "Send your answer on {number}? A dispute takes one answer: it cannot be changed."
        ),
        then: Confirmed::AnswerDispute(DecisionConfirm { form }),
    }));
    None
}

/// The answer to the dialog (already closed): "no" goes back to the form.
pub fn confirmed(
    desk: &mut Desk,
    confirm: DecisionConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let mut form = *confirm.form;
    if !yes {
        desk.overlay = Some(Overlay::Form(form));
        return None;
    }
    let FormKind::DisputeAnswer { id, number } = form.kind.clone() else {
        return None;
    };
    out.info(format!("Sending your answer on {number}…"));
    let (request, effect) = out.call(ApiCall::AnswerDispute {
        id,
        body: DisputeAnswerRequest {
            message: form.text("message").to_owned(),
        },
    });
    form.pending = Some(request);
    desk.overlay = Some(Overlay::Form(form));
    Some(effect)
}

/// The server's answer: closes the form and updates the row, or shows the refusal beside
/// the answer (and, when the dispute moved on elsewhere, asks for the list again).
pub fn answered(
    desk: &mut Desk,
    request: u64,
    result: Result<Dispute, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    let FormKind::DisputeAnswer { number, .. } = form.kind.clone() else {
        return None;
    };
    match result {
        Ok(dispute) => {
            out.info(format!(
                "{number}: your answer is sent; an operator decides."
            ));
            desk.overlay = None;
            desk.disputes.replace(dispute);
            None
        }
        Err(error) => {
            out.error(format!("{number}: the answer was not sent: {error}"));
            form.pending = None;
            form.show_error(&error);
            matches!(error.status(), Some(404 | 409)).then(|| load(desk, out))
        }
    }
}
