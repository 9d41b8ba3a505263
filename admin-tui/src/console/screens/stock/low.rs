//! Low stock: the rows at or below their offer's threshold (asked with the grid, and
//! again after every change), and the form setting an offer's threshold.

use api_types::ListResponse;
use api_types::selling::LowStockLine;

use super::change::locked;
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::{Desk, Out, Overlay};

/// Asks which rows are low.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::LowStock);
    desk.stock.low.start(request);
    effect
}

/// The answer to the low rows. A failure shows in the grid's legend, not as a notice:
/// the grid itself is fine.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<ListResponse<LowStockLine>, ApiError>) {
    desk.stock
        .low
        .accept(request, result.map(|page| page.items));
}

/// The threshold of `offer_id` as far as the console knows: saved from here, or read
/// from one of its low rows.
pub fn known_threshold(desk: &Desk, offer_id: &str) -> Option<i64> {
    let stock = &desk.stock;
    stock.thresholds.get(offer_id).copied().or_else(|| {
        stock
            .low
            .data
            .as_deref()?
            .iter()
            .find(|line| line.offer_id == offer_id)
            .map(|line| i64::from(line.low_stock_threshold))
    })
}

/// `T` on the grid: the form setting the selected offer's threshold.
pub fn open(desk: &mut Desk) {
    let Some(offer) = desk.offers.visible().get(desk.stock.row).copied() else {
        return;
    };
    let known = known_threshold(desk, &offer.id).map_or_else(String::new, |n| n.to_string());
    let fields = vec![
        locked("offer", "Offer", offer.title.clone()),
        FormField::new(
            "low_stock_threshold",
            "Low when free ≤",
            Value::Digits(known),
        )
        .hint("0 to 10,000"),
    ];
    let form = Form::new(
        FormKind::LowStockThreshold {
            offer_id: offer.id.clone(),
        },
        fields,
    );
    desk.overlay = Some(Overlay::Form(form));
}

/// Enter on the threshold form: saves it.
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    let FormKind::LowStockThreshold { offer_id } = form.kind.clone() else {
        return None;
    };
    form.clear_errors();
    let Ok(threshold) = form.text("low_stock_threshold").parse::<i64>() else {
        form.refuse(
            "low_stock_threshold",
            "Type a number of free units: 0 to 10,000",
        );
        return None;
    };
    let (request, effect) = out.call(ApiCall::SetLowStockThreshold {
        offer_id,
        threshold,
    });
    form.pending = Some(request);
    Some(effect)
}

/// The answer to a threshold saved: remembered, the form closed and the low rows asked
/// again; a refusal is marked beside the field and in the status bar.
pub fn saved(
    desk: &mut Desk,
    request: u64,
    offer_id: &str,
    result: Result<i64, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(threshold) => {
            desk.stock.thresholds.insert(offer_id.to_owned(), threshold);
            if from_form {
                desk.overlay = None;
            }
            let title = desk
                .offers
                .list
                .data
                .iter()
                .flat_map(|page| page.items.iter())
                .find(|offer| offer.id == offer_id)
                .map_or_else(|| "The offer".to_owned(), |offer| offer.title.clone());
            out.info(format!(
                "{title}: low at {threshold} free unit(s) or fewer."
            ));
            Some(load(desk, out))
        }
        Err(error) => {
            out.error(format!("Threshold not saved: {error}"));
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
