//! Typing into forms, focus, choices, toggles, and where errors go.

use super::{Edit, Form, FormField, FormKind, Value};
use crate::console::fixtures::{categories, invalid};

const KINDS: &[(&str, &str)] = &[("warehouse", "Warehouse"), ("store", "Store")];

fn sample() -> Form {
    Form::new(
        FormKind::NewLocation,
        vec![
            FormField::new("gtin", "GTIN", Value::Digits(String::new())).locked(true),
            FormField::new("name", "Name", Value::Text(String::new())),
            FormField::new("postcode", "Postcode", Value::Digits(String::new())),
            FormField::new(
                "kind",
                "Kind",
                Value::Choice {
                    options: KINDS,
                    selected: 0,
                },
            ),
            FormField::new("pickup", "Pickup", Value::Toggle(false)),
            FormField::new("category", "Category", Value::Category(String::new())),
        ],
    )
}

fn type_in(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.edit(Edit::Char(c), &[]);
    }
}

#[test]
fn focus_starts_on_the_first_editable_field_and_skips_locked_ones() {
    let mut form = sample();
    assert_eq!(form.focus, 1);
    form.move_focus(true);
    assert_eq!(form.focus, 5, "wraps backwards past the locked GTIN");
    form.move_focus(false);
    assert_eq!(form.focus, 1);
}

#[test]
fn text_takes_anything_digits_only_digits() {
    let mut form = sample();
    type_in(&mut form, "Rivoli 2");
    form.edit(Edit::Backspace, &[]);
    form.move_focus(false);
    type_in(&mut form, "75a0 01");
    form.edit(Edit::Paste("x2".into()), &[]);
    assert_eq!(form.text("name"), "Rivoli");
    assert_eq!(form.text("postcode"), "750012");
    form.edit(Edit::Clear, &[]);
    assert_eq!(form.text("postcode"), "");
}

#[test]
fn arrows_cycle_choices_space_flips_toggles_and_picks_categories() {
    let mut form = sample();
    form.focus = 3;
    form.edit(Edit::Right, &[]);
    assert_eq!(form.text("kind"), "store");
    form.edit(Edit::Right, &[]);
    assert_eq!(form.text("kind"), "warehouse", "wraps");
    form.edit(Edit::Left, &[]);
    assert_eq!(form.text("kind"), "store");
    form.focus = 4;
    form.edit(Edit::Char(' '), &[]);
    assert!(form.toggled("pickup"));
    form.edit(Edit::Char('x'), &[]);
    assert!(form.toggled("pickup"), "only Space flips a toggle");
    form.focus = 5;
    let list = categories();
    form.edit(Edit::Right, &list);
    assert_eq!(form.text("category"), "bricolage");
    form.edit(Edit::Right, &list);
    assert_eq!(form.text("category"), "jardin");
    form.edit(Edit::Left, &list);
    assert_eq!(form.text("category"), "bricolage");
    form.edit(Edit::Right, &[]);
    assert_eq!(form.text("category"), "bricolage", "nothing to pick from");
}

#[test]
fn a_server_error_goes_beside_the_field_it_names_and_focuses_it() {
    let mut form = sample();
    form.show_error(&invalid("postcode", "a French postcode has 5 digits"));
    assert_eq!(form.focus, 2);
    assert_eq!(
        form.field("postcode").and_then(|f| f.error.as_deref()),
        Some("a French postcode has 5 digits")
    );
    assert_eq!(form.error, None);
    // Typing into the field clears its error.
    form.edit(Edit::Char('7'), &[]);
    assert_eq!(form.field("postcode").and_then(|f| f.error.as_ref()), None);

    form.show_error(&invalid("latitude", "latitude is between -90 and 90"));
    assert_eq!(
        form.error.as_deref(),
        Some("latitude is between -90 and 90")
    );
    assert_eq!(
        form.focus, 2,
        "an error about no field of the form moves nothing"
    );
}

#[test]
fn locked_fields_ignore_keys_but_show_their_errors() {
    let mut form = sample();
    form.focus = 0;
    form.edit(Edit::Char('4'), &[]);
    assert_eq!(form.text("gtin"), "");
    form.focus = 1;
    form.show_error(&invalid("gtin", "GTIN is taken"));
    assert_eq!(form.focus, 1, "a locked field is not focused");
    assert!(form.has_errors());
    form.clear_errors();
    assert!(!form.has_errors());
}
