//! Saving a typed level: the reason (receipt or adjustment, preselected by the sign of the
//! change as the server would pick it) and an optional note, asked in a small form, then
//! the answer.

use api_types::selling::{Location, SellerOffer, StockLine, StockRequest};

use super::{cell, location_name, low, put_line};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::{Desk, Out, Overlay};

/// The reasons a seller gives for a new level, as (API value, label).
pub const REASONS: &[(&str, &str)] = &[
    ("receipt", "receipt: goods came in"),
    ("adjustment", "adjustment: count, loss, damage"),
];

/// The longest note the server keeps.
pub const NOTE_MAX: usize = 150;

/// The form asking why `offer` at `location` goes to `quantity`: a rise reads as a
/// receipt, anything else as an adjustment, until the seller picks otherwise.
pub fn form(offer: &SellerOffer, location: &Location, quantity: i64) -> Form {
    let was = i64::from(cell(offer, &location.id).map_or(0, |line| line.quantity));
    let difference = quantity - was;
    let fields = vec![
        locked("offer", "Offer", offer.title.clone()),
        locked("location_id", "Location", location.name.clone()),
        locked(
            "quantity",
            "Quantity",
            format!("{was} → {quantity} ({difference:+})"),
        ),
        FormField::new(
            "reason",
            "Reason",
            Value::Choice {
                options: REASONS,
                selected: usize::from(difference <= 0),
            },
        ),
        note_field(),
    ];
    Form::new(
        FormKind::StockLevel {
            offer_id: offer.id.clone(),
            location_id: location.id.clone(),
            quantity,
        },
        fields,
    )
}

/// A field shown, not edited.
pub(super) fn locked(name: &'static str, label: &'static str, text: String) -> FormField {
    FormField::new(name, label, Value::Text(text)).locked(true)
}

/// The optional note of a movement.
pub(super) fn note_field() -> FormField {
    FormField::new("note", "Note", Value::Text(String::new()))
        .hint("optional, e.g. inventaire, casse")
}

/// The note typed, `None` when empty; when too long, refused beside its field (the form
/// then has errors).
pub(super) fn checked_note(form: &mut Form) -> Option<String> {
    let note = form.text("note").to_owned();
    let length = note.chars().count();
    if length > NOTE_MAX {
        form.refuse(
            "note",
            format!("A note is at most {NOTE_MAX} characters ({length} typed)"),
        );
    }
    (!note.is_empty()).then_some(note)
}

/// Enter on the reason form: saves the level with its reason and note.
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let Desk {
        overlay: Some(Overlay::Form(form)),
        stock,
        ..
    } = desk
    else {
        return None;
    };
    let FormKind::StockLevel {
        offer_id,
        location_id,
        quantity,
    } = form.kind.clone()
    else {
        return None;
    };
    form.clear_errors();
    let note = checked_note(form);
    if form.has_errors() {
        return None;
    }
    let body = StockRequest {
        location_id,
        quantity,
        reason: Some(form.text("reason").to_owned()),
        note,
    };
    let (request, effect) = out.call(ApiCall::SetStock { offer_id, body });
    form.pending = Some(request);
    stock.pending = Some(request);
    Some(effect)
}

/// The answer to a level saved: the cell shows it and the low rows are asked again; a
/// refusal stays in the form (the field it names marked) and in the status bar.
pub fn saved(
    desk: &mut Desk,
    request: u64,
    offer_id: &str,
    result: Result<StockLine, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    if desk.stock.pending != Some(request) {
        return None;
    }
    desk.stock.pending = None;
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(line) => {
            desk.stock.editing = None;
            if from_form {
                desk.overlay = None;
            }
            let location = location_name(desk, &line.location_id);
            let quantity = line.quantity;
            if let Some(title) = put_line(desk, offer_id, line) {
                out.info(format!("{title} at {location}: {quantity} in stock."));
            }
            Some(low::load(desk, out))
        }
        Err(error) => {
            out.error(format!("Stock not changed: {error}"));
            if let Some(Overlay::Form(form)) = &mut desk.overlay
                && from_form
            {
                form.pending = None;
                form.show_error(&error);
            }
            None
        }
    }
}
