//! The offer form: fields from an offer, and an [`OfferRequest`] from the fields.

use api_types::selling::{OfferRequest, SellerOffer};

use super::Out;
use super::form::{Form, FormField, FormKind, Value};
use super::money::{parse_euros, plain_euros};
use crate::console::action::{ApiCall, Effect};

/// The conditions an offer can be in, as (API value, label), best first.
pub const CONDITIONS: &[(&str, &str)] = &[
    ("new", "New"),
    ("like_new", "Like new"),
    ("very_good", "Very good"),
    ("good", "Good"),
    ("acceptable", "Acceptable"),
];

/// The label of a condition's API value (the value itself when unknown).
pub fn condition_label(value: &str) -> &str {
    CONDITIONS
        .iter()
        .find(|(api, _)| *api == value)
        .map_or(value, |(_, label)| label)
}

/// The form's fields, filled with `offer`'s values when editing.
fn fields(offer: Option<&SellerOffer>) -> Vec<FormField> {
    let text = |pick: fn(&SellerOffer) -> String| offer.map(pick).unwrap_or_default();
    let condition = offer
        .and_then(|o| CONDITIONS.iter().position(|(api, _)| *api == o.condition))
        .unwrap_or(0);
    // The product's own fields are fixed once listed: the server keeps them.
    let product = offer.is_some();
    vec![
        FormField::new("gtin", "GTIN", Value::Digits(text(|o| o.gtin.clone())))
            .hint("8, 12, 13 or 14 digits")
            .locked(product),
        FormField::new("title", "Title", Value::Text(text(|o| o.title.clone()))).locked(product),
        FormField::new("brand", "Brand", Value::Text(text(|o| o.brand.clone()))).locked(product),
        FormField::new(
            "category",
            "Category",
            Value::Category(text(|o| o.category.clone())),
        )
        .hint("←/→ to pick, or type a slug")
        .locked(product),
        FormField::new(
            "price_cents",
            "Price (€)",
            Value::Text(text(|o| plain_euros(o.price_cents))),
        )
        .hint("e.g. 104,90"),
        FormField::new(
            "condition",
            "Condition",
            Value::Choice {
                options: CONDITIONS,
                selected: condition,
            },
        ),
        FormField::new(
            "delivery_price_cents",
            "Delivery (€)",
            Value::Text(text(|o| plain_euros(o.delivery_price_cents))),
        )
        .hint("0,00 for free delivery"),
        FormField::new(
            "delivery_days",
            "Delivery days",
            Value::Digits(offer.map_or_else(|| "3".to_owned(), |o| o.delivery_days.to_string())),
        ),
        FormField::new(
            "description",
            "Description",
            Value::Text(text(|o| o.description.clone())),
        )
        .hint("what a buyer should know"),
    ]
}

/// An empty form for a new offer.
pub fn new_offer() -> Form {
    Form::new(FormKind::NewOffer, fields(None))
}

/// A form to edit `offer`.
pub fn edit_offer(offer: &SellerOffer) -> Form {
    Form::new(
        FormKind::EditOffer {
            id: offer.id.clone(),
        },
        fields(Some(offer)),
    )
}

/// The request that keeps `offer` as it is, except its `status`.
pub fn request_from(offer: &SellerOffer, status: Option<String>) -> OfferRequest {
    OfferRequest {
        gtin: offer.gtin.clone(),
        title: offer.title.clone(),
        price_cents: offer.price_cents,
        condition: offer.condition.clone(),
        description: offer.description.clone(),
        category: offer.category.clone(),
        brand: offer.brand.clone(),
        delivery_price_cents: offer.delivery_price_cents,
        delivery_days: Some(offer.delivery_days),
        status,
    }
}

/// The request the form describes; `None` (with errors beside the fields) when the
/// amounts or days do not parse. Everything else is checked by the server.
pub fn request(form: &mut Form) -> Option<OfferRequest> {
    form.clear_errors();
    let price = parse_euros(form.text("price_cents"));
    let delivery = match form.text("delivery_price_cents") {
        "" => Ok(0),
        text => parse_euros(text),
    };
    let days = match form.text("delivery_days") {
        "" => Ok(None),
        text => text.parse::<u32>().map(Some),
    };
    match &price {
        Err(error) => form.refuse("price_cents", error.to_string()),
        Ok(0) => form.refuse("price_cents", "A price is more than 0,00 €"),
        Ok(_) => {}
    }
    if let Err(error) = &delivery {
        form.refuse("delivery_price_cents", error.to_string());
    }
    if days.is_err() {
        form.refuse("delivery_days", "Delivery takes 0 to 60 days");
    }
    if form.has_errors() {
        // Focus the first field at fault.
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    Some(OfferRequest {
        gtin: form.text("gtin").to_owned(),
        title: form.text("title").to_owned(),
        price_cents: price.ok()?,
        condition: form.text("condition").to_owned(),
        description: form.text("description").to_owned(),
        category: form.text("category").to_owned(),
        brand: form.text("brand").to_owned(),
        delivery_price_cents: delivery.ok()?,
        delivery_days: days.ok()?,
        status: None,
    })
}

/// Enter on the offer form: checks it, then creates or updates the offer.
pub fn submit(form: &mut Form, out: &mut Out) -> Option<Effect> {
    let body = request(form)?;
    let call = match &form.kind {
        FormKind::EditOffer { id } => ApiCall::UpdateOffer {
            id: id.clone(),
            body,
        },
        _ => ApiCall::CreateOffer(body),
    };
    let (request, effect) = out.call(call);
    form.pending = Some(request);
    Some(effect)
}
