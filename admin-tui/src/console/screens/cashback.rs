//! The shop's cashback: the boosts it funds on top of the platform's rate (on the whole
//! shop, or per offer), what they have cost so far, and the platform's campaigns on the
//! shop. The boost forms are checked here for shape, then by the server.

#[cfg(test)]
mod tests;

use api_types::selling::SellerCashback;

use super::form::{Form, FormField, FormKind, Value};
use super::percent::{extra_percent, parse_percent, plain_percent};
use super::{Desk, Out, Overlay};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::state::Loading;

/// Asks for the shop's cashback.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::GetCashback);
    desk.cashback.start(request);
    effect
}

/// The answer to [`load`].
pub fn loaded(desk: &mut Desk, request: u64, result: Result<SellerCashback, ApiError>) {
    desk.cashback.accept(request, result);
}

/// A key on the cashback screen: `b` sets the shop's boost.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    if action == Action::Boost {
        open_shop_boost(desk, out);
    }
    None
}

/// The boost `offer_id` has of its own, if the cashback is loaded and it has one.
pub fn offer_boost(desk: &Desk, offer_id: &str) -> Option<i64> {
    desk.cashback.data.as_ref().and_then(|cashback| {
        cashback
            .boosted_offers
            .iter()
            .find(|offer| offer.offer_id == offer_id)
            .map(|offer| i64::from(offer.boost_bps))
    })
}

fn boost_field(name: &'static str, current: Option<i64>, hint: &'static str) -> FormField {
    FormField::new(
        name,
        "Boost (%)",
        Value::Text(current.map(plain_percent).unwrap_or_default()),
    )
    .hint(hint)
}

/// Opens the shop boost form with the boost in force (nothing before it is loaded).
pub fn open_shop_boost(desk: &mut Desk, out: &mut Out) {
    let Some(cashback) = desk.cashback.data.as_ref() else {
        out.error("The cashback is not loaded yet; press r to retry.");
        return;
    };
    let current = cashback.shop_boost_bps.map(i64::from);
    let form = Form::new(
        FormKind::ShopBoost,
        vec![boost_field(
            "shop_boost_bps",
            current,
            "extra cashback you fund on every item, e.g. 1 or 2,5",
        )],
    );
    desk.overlay = Some(Overlay::Form(form));
}

/// `b` on the offers screen: opens the boost form of the selected offer.
pub fn open_offer_boost(desk: &mut Desk, out: &mut Out) {
    let Some(offer) = desk.offers.selected_offer() else {
        return;
    };
    // Without the boosts in force the field would start empty, and saving would remove one.
    if desk.cashback.data.is_none() {
        out.error("The cashback is not loaded yet; press r on 7 Cashback.");
        return;
    }
    let (id, title) = (offer.id.clone(), offer.title.clone());
    let current = offer_boost(desk, &id);
    let form = Form::new(
        FormKind::OfferBoost {
            id,
            title: title.clone(),
        },
        vec![
            FormField::new("offer", "Offer", Value::Text(title)).locked(true),
            boost_field(
                "boost_bps",
                current,
                "e.g. 3; empty: the shop's boost applies",
            ),
        ],
    );
    desk.overlay = Some(Overlay::Form(form));
}

/// Enter on a boost form: empty removes the boost, else a percent; then the `PUT`.
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    let name = match &form.kind {
        FormKind::ShopBoost => "shop_boost_bps",
        FormKind::OfferBoost { .. } => "boost_bps",
        _ => return None,
    };
    form.clear_errors();
    let boost_bps = match form.text(name) {
        "" => None,
        typed => match parse_percent(typed) {
            Ok(bps) => Some(bps),
            Err(error) => {
                form.refuse(name, error.to_string());
                return None;
            }
        },
    };
    let call = match &form.kind {
        FormKind::OfferBoost { id, .. } => ApiCall::SetOfferBoost {
            id: id.clone(),
            boost_bps,
        },
        _ => ApiCall::SetShopBoost(boost_bps),
    };
    out.info("Saving the boost…");
    let (request, effect) = out.call(call);
    form.pending = Some(request);
    Some(effect)
}

/// The answer to a boost: closes the form with the cashback as it now stands, or marks
/// the field the server refused.
pub fn saved(
    desk: &mut Desk,
    request: u64,
    result: Result<SellerCashback, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    match result {
        Ok(cashback) => {
            let text = match &form.kind {
                FormKind::OfferBoost { id, title } => {
                    match cashback.boosted_offers.iter().find(|o| o.offer_id == *id) {
                        Some(offer) => format!(
                            "Boost {} on “{}”, from the next order.",
                            extra_percent(i64::from(offer.boost_bps)),
                            short_title(title)
                        ),
                        None => {
                            format!("“{}” has no boost of its own any more.", short_title(title))
                        }
                    }
                }
                _ => match cashback.shop_boost_bps {
                    Some(bps) => format!(
                        "Your shop now adds {} cashback, from the next order.",
                        extra_percent(i64::from(bps))
                    ),
                    None => "The shop boost is removed.".to_owned(),
                },
            };
            out.info(text);
            desk.overlay = None;
            desk.cashback.data = Some(cashback);
            desk.cashback.load = Loading::Loaded;
            None
        }
        Err(error) => {
            form.pending = None;
            form.show_error(&error);
            out.error(format!("The boost was not saved: {error}"));
            None
        }
    }
}

/// A title short enough for the status bar.
fn short_title(title: &str) -> String {
    const MOST: usize = 40;
    if title.chars().count() <= MOST {
        return title.to_owned();
    }
    let kept: String = title.chars().take(MOST - 1).collect();
    format!("{kept}…")
}
