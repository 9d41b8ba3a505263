//! The settings form: four whole numbers, checked here for shape and by the server for
//! range; a field the server refuses is marked beside it.

use api_types::operating::{PlatformSettings, SettingsResponse};

use super::Ops;
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::{Out, Overlay};

/// The fields: name (as the API spells it), label, hint.
pub const FIELDS: [(&str, &str, &str); 4] = [
    (
        "commission_rate_bps",
        "Commission (bp)",
        "basis points: 1200 = 12 %",
    ),
    (
        "cashback_rate_bps",
        "Cashback (bp)",
        "basis points: 300 = 3 %",
    ),
    ("return_window_days", "Returns (days)", "14 to 365"),
    ("pickup_hold_days", "Pickup (days)", "1 to 60"),
];

fn values(settings: &PlatformSettings) -> [i64; 4] {
    [
        settings.commission_rate_bps,
        settings.cashback_rate_bps,
        settings.return_window_days,
        settings.pickup_hold_days,
    ]
}

/// Opens the form with the settings in force (nothing before they are loaded).
pub fn open(ops: &mut Ops, out: &mut Out) {
    let Some(current) = ops.settings.data.as_ref() else {
        out.error("The settings are not loaded yet; press r to retry.");
        return;
    };
    let fields = FIELDS
        .iter()
        .zip(values(&current.settings))
        .map(|((name, label, hint), value)| {
            FormField::new(name, label, Value::Text(value.to_string())).hint(hint)
        })
        .collect();
    ops.overlay = Some(Overlay::Form(Form::new(FormKind::Settings, fields)));
}

/// Enter on the form: every field must be a whole number; then `PUT /operator/settings`.
pub fn submit(ops: &mut Ops, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    form.clear_errors();
    let mut numbers = [0i64; 4];
    for (i, (name, ..)) in FIELDS.iter().enumerate() {
        match form.text(name).parse::<i64>() {
            Ok(value) => numbers[i] = value,
            Err(_) => form.refuse(name, "A whole number"),
        }
    }
    if form.has_errors() {
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    let body = PlatformSettings {
        commission_rate_bps: numbers[0],
        cashback_rate_bps: numbers[1],
        return_window_days: numbers[2],
        pickup_hold_days: numbers[3],
    };
    out.info("Saving the settings…");
    let (request, effect) = out.call(ApiCall::SaveSettings(body));
    form.pending = Some(request);
    Some(effect)
}

/// The answer to a save: closes the form, or marks the field the server refused.
pub fn saved(
    ops: &mut Ops,
    request: u64,
    result: Result<SettingsResponse, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    match result {
        Ok(settings) => {
            ops.overlay = None;
            ops.settings.data = Some(settings);
            out.info("Settings saved; they apply to orders placed from now on.");
            Some(super::load_audit(ops, out))
        }
        Err(error) => {
            form.pending = None;
            form.show_error(&error);
            out.error(format!("The settings were not saved: {error}"));
            None
        }
    }
}
