//! The location form: fields from a location, and a [`LocationRequest`] from the fields.

use api_types::selling::{Location, LocationRequest};

use super::Out;
use super::form::{Form, FormField, FormKind, Value};
use crate::console::action::{ApiCall, Effect};

/// The kinds of location, as (API value, label).
pub const KINDS: &[(&str, &str)] = &[("warehouse", "Warehouse"), ("store", "Store")];

/// How long a pickup takes to prepare when nothing is typed.
pub const DEFAULT_PREPARATION: u32 = 120;

fn fields(location: Option<&Location>) -> Vec<FormField> {
    let text = |pick: fn(&Location) -> String| location.map(pick).unwrap_or_default();
    let kind = location
        .and_then(|l| KINDS.iter().position(|(api, _)| *api == l.kind))
        .unwrap_or(0);
    let minutes = location.map_or(DEFAULT_PREPARATION, |l| l.preparation_minutes);
    vec![
        FormField::new("name", "Name", Value::Text(text(|l| l.name.clone())))
            .hint("e.g. Rivoli store"),
        FormField::new(
            "kind",
            "Kind",
            Value::Choice {
                options: KINDS,
                selected: kind,
            },
        ),
        FormField::new(
            "address",
            "Address",
            Value::Text(text(|l| l.address.clone())),
        )
        .hint("e.g. 12 rue de Rivoli"),
        FormField::new(
            "postcode",
            "Postcode",
            Value::Digits(text(|l| l.postcode.clone())),
        )
        .hint("e.g. 75001"),
        FormField::new("city", "City", Value::Text(text(|l| l.city.clone()))).hint("e.g. Paris"),
        FormField::new(
            "pickup",
            "Click & collect",
            Value::Toggle(location.is_some_and(|l| l.pickup)),
        ),
        FormField::new(
            "opening_hours",
            "Opening hours",
            Value::Text(text(|l| l.opening_hours.clone())),
        )
        .hint("e.g. Mon–Sat 10:00–19:00"),
        FormField::new(
            "preparation_minutes",
            "Preparation (min)",
            Value::Digits(minutes.to_string()),
        ),
    ]
}

/// An empty form for a new location.
pub fn new_location() -> Form {
    Form::new(FormKind::NewLocation, fields(None))
}

/// A form to edit `location` (its coordinates are kept).
pub fn edit_location(location: &Location) -> Form {
    Form::new(
        FormKind::EditLocation {
            id: location.id.clone(),
            latitude: location.latitude,
            longitude: location.longitude,
        },
        fields(Some(location)),
    )
}

/// The request the form describes; `None` (with the error beside the field) when the
/// preparation time does not parse.
pub fn request(form: &mut Form) -> Option<LocationRequest> {
    form.clear_errors();
    let preparation = match form.text("preparation_minutes") {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(minutes) => Some(minutes),
            Err(_) => {
                form.refuse(
                    "preparation_minutes",
                    "preparation time is 0 to 10,080 minutes",
                );
                return None;
            }
        },
    };
    let (latitude, longitude) = match form.kind {
        FormKind::EditLocation {
            latitude,
            longitude,
            ..
        } => (latitude, longitude),
        _ => (None, None),
    };
    Some(LocationRequest {
        name: form.text("name").to_owned(),
        kind: form.text("kind").to_owned(),
        address: form.text("address").to_owned(),
        postcode: form.text("postcode").to_owned(),
        city: form.text("city").to_owned(),
        pickup: form.toggled("pickup"),
        latitude,
        longitude,
        opening_hours: form.text("opening_hours").to_owned(),
        preparation_minutes: preparation,
    })
}

/// Enter on the location form: creates or updates the location.
pub fn submit(form: &mut Form, out: &mut Out) -> Option<Effect> {
    let body = request(form)?;
    let call = match &form.kind {
        FormKind::EditLocation { id, .. } => ApiCall::UpdateLocation {
            id: id.clone(),
            body,
        },
        _ => ApiCall::CreateLocation(body),
    };
    let (request, effect) = out.call(call);
    form.pending = Some(request);
    Some(effect)
}
