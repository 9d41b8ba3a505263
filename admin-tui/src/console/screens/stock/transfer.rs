//! Moving free units of the selected cell's offer to another location: a form (where to,
//! how many, a note), a confirmation, then both cells from the server's answer.

use api_types::selling::{StockTransferRequest, StockTransferResponse};

use super::change::{checked_note, locked, note_field};
use super::{cell, free, location_name, low, put_line};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::{Confirm, Confirmed, Desk, Out, Overlay, offers};

/// A transfer waiting for the seller's "yes", and the form it came from (shown again on
/// "no", and while the transfer is sent).
#[derive(Debug, Clone, PartialEq)]
pub struct TransferConfirm {
    /// The offer.
    pub offer_id: String,
    /// What to move.
    pub body: StockTransferRequest,
    /// The form, as filled in.
    pub form: Box<Form>,
}

/// `t` on a cell: the transfer form, from the cell's location to another one.
pub fn open(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let offer = desk.offers.visible().get(desk.stock.row).copied()?;
    let locations = desk.locations.items();
    let from = locations.get(desk.stock.col)?;
    let others: Vec<(String, String)> = locations
        .iter()
        .filter(|location| location.id != from.id)
        .map(|location| (location.id.clone(), location.name.clone()))
        .collect();
    if others.is_empty() {
        out.error("Nowhere to move stock to: add another location first (4, then n).");
        return None;
    }
    let free = free(cell(offer, &from.id));
    let fields = vec![
        locked("offer", "Offer", offer.title.clone()),
        locked(
            "from_location_id",
            "From",
            format!("{} · {free} free", from.name),
        ),
        FormField::new(
            "to_location_id",
            "To",
            Value::Pick {
                options: others,
                selected: 0,
            },
        ),
        FormField::new("quantity", "Units to move", Value::Digits(String::new()))
            .hint("only free (unreserved) units move"),
        note_field(),
    ];
    let form = Form::new(
        FormKind::StockTransfer {
            offer_id: offer.id.clone(),
            from_location_id: from.id.clone(),
        },
        fields,
    );
    desk.overlay = Some(Overlay::Form(form));
    None
}

/// Enter on the transfer form: checks it here, then asks for confirmation.
pub fn submit(desk: &mut Desk) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &desk.overlay else {
        return None;
    };
    let FormKind::StockTransfer {
        offer_id,
        from_location_id,
    } = form.kind.clone()
    else {
        return None;
    };
    let from = location_name(desk, &from_location_id);
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    form.clear_errors();
    let to_location_id = form.text("to_location_id").to_owned();
    if to_location_id.is_empty() {
        form.refuse("to_location_id", "Pick where the units go");
    }
    let quantity = form
        .text("quantity")
        .parse::<i64>()
        .ok()
        .filter(|quantity| *quantity > 0);
    if quantity.is_none() {
        form.refuse("quantity", "Type how many units to move: 1 or more");
    }
    let note = checked_note(form);
    let (Some(quantity), false) = (quantity, form.has_errors()) else {
        // Focus the first field at fault.
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    };
    let to = form
        .field("to_location_id")
        .map_or_else(String::new, |field| field.shown().to_owned());
    let message = format!(
        "Move {quantity} × {} from {from} to {to}?",
        form.text("offer")
    );
    let body = StockTransferRequest {
        from_location_id,
        to_location_id,
        quantity,
        note,
    };
    let form = Box::new(form.clone());
    desk.overlay = Some(Overlay::Confirm(Confirm {
        title: "Transfer stock",
        message,
        then: Confirmed::Transfer(TransferConfirm {
            offer_id,
            body,
            form,
        }),
    }));
    None
}

/// The answer to the transfer's confirmation dialog (already closed): "no" goes back to
/// the form; "yes" sends the transfer, the form waiting for the answer.
pub fn confirmed(
    desk: &mut Desk,
    confirm: TransferConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let TransferConfirm {
        offer_id,
        body,
        mut form,
    } = confirm;
    if !yes || desk.stock.pending.is_some() {
        if yes {
            out.error("Still waiting for the server's answer to the last stock change.");
        }
        desk.overlay = Some(Overlay::Form(*form));
        return None;
    }
    out.info("Moving the units…");
    let (request, effect) = out.call(ApiCall::TransferStock { offer_id, body });
    form.pending = Some(request);
    desk.stock.pending = Some(request);
    desk.overlay = Some(Overlay::Form(*form));
    Some(effect)
}

/// The answer to a transfer: both cells from the answer, and the low rows asked again. A
/// refusal stays in the form; a conflict (fewer units free than the grid shows) reloads
/// the offers too.
pub fn transferred(
    desk: &mut Desk,
    request: u64,
    offer_id: &str,
    result: Result<StockTransferResponse, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    if desk.stock.pending != Some(request) {
        return None;
    }
    desk.stock.pending = None;
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(StockTransferResponse { from, to }) => {
            if from_form {
                desk.overlay = None;
            }
            let from_name = location_name(desk, &from.location_id);
            let to_name = location_name(desk, &to.location_id);
            let (left, now) = (from.quantity, to.quantity);
            put_line(desk, offer_id, from);
            if let Some(title) = put_line(desk, offer_id, to) {
                out.info(format!(
                    "{title}: {from_name} now {left}, {to_name} now {now}."
                ));
            }
            Some(low::load(desk, out))
        }
        Err(error) => {
            out.error(format!("Stock not moved: {error}"));
            if let Some(Overlay::Form(form)) = &mut desk.overlay
                && from_form
            {
                form.pending = None;
                form.show_error(&error);
            }
            (error.status() == Some(409)).then(|| offers::load(desk, out))
        }
    }
}
