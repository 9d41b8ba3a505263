//! The offer form: new and edit, euros to cents, and errors beside their fields.

use api_types::selling::OfferRequest;

use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{
    answer, api_call, desk, desk_state, invalid, offers, open_form, type_text,
};
use crate::console::screens::Tab;
use crate::console::screens::form::Value;
use crate::console::update::update;

#[test]
fn n_opens_a_form_whose_euros_become_exact_cents() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::New);
    type_text(&mut state, "4006381333931");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Perceuse");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Bosch");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "1 234,56");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Right);
    update(&mut state, Action::Down);
    type_text(&mut state, "0,5");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    let expected = OfferRequest {
        gtin: "4006381333931".into(),
        title: "Perceuse".into(),
        price_cents: 123_456,
        condition: "like_new".into(),
        description: String::new(),
        category: "bricolage".into(),
        brand: "Bosch".into(),
        delivery_price_cents: 50,
        delivery_days: Some(3),
        status: None,
    };
    assert_eq!(call, ApiCall::CreateOffer(expected));
    assert_eq!(open_form(&state).pending, Some(request));
    update(&mut state, Action::Input('x'));
    assert_eq!(
        open_form(&state).text("delivery_price_cents"),
        "0,5",
        "no edits while saving"
    );

    let mut created = offers().remove(0);
    created.id = "new".into();
    answer(&mut state, request, Answer::OfferSaved(Ok(created)));
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(desk(&state).offers.total(), Some(6));
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Listed “Perceuse à percussion PSB 500”.")
    );
}

#[test]
fn a_bad_price_is_refused_here_beside_its_field() {
    for (typed, message) in [
        ("12,345", "At most two digits after the comma"),
        ("-4", "An amount cannot be negative"),
        ("", "Enter an amount, e.g. 104,90"),
        ("0", "A price is more than 0,00 €"),
    ] {
        let mut state = desk_state(Tab::Offers);
        update(&mut state, Action::New);
        for _ in 0..4 {
            update(&mut state, Action::FocusNext);
        }
        type_text(&mut state, typed);
        update(&mut state, Action::FocusNext);
        assert_eq!(
            update(&mut state, Action::Submit),
            None,
            "{typed:?} is not sent"
        );
        let form = open_form(&state);
        assert_eq!(form.fields[form.focus].name, "price_cents");
        assert_eq!(form.fields[form.focus].error.as_deref(), Some(message));
    }
}

#[test]
fn the_servers_422_lands_beside_the_named_field_and_a_409_under_the_form() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::New);
    for _ in 0..4 {
        update(&mut state, Action::FocusNext);
    }
    type_text(&mut state, "10");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let unknown = invalid(
        "category",
        "no category has this slug (see GET /categories)",
    );
    answer(&mut state, request, Answer::OfferSaved(Err(unknown)));
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(form.fields[form.focus].name, "category");
    assert!(form.fields[form.focus].error.is_some());

    let (request, _) = api_call(update(&mut state, Action::Submit));
    let conflict = ApiError::Api {
        status: 409,
        body: api_types::ErrorBody::new("gtin_conflict", "this GTIN was just listed; retry", None),
    };
    answer(&mut state, request, Answer::OfferSaved(Err(conflict)));
    assert_eq!(
        open_form(&state).error.as_deref(),
        Some("this GTIN was just listed; retry")
    );
    update(&mut state, Action::Cancel);
    assert_eq!(desk(&state).overlay, None);
}

#[test]
fn e_edits_the_selected_offer_with_the_product_fields_locked() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Edit);
    let form = open_form(&state);
    assert_eq!(form.text("price_cents"), "104,90");
    assert!(form.field("gtin").is_some_and(|f| f.locked));
    assert_eq!(form.fields[form.focus].name, "price_cents");
    update(&mut state, Action::ClearField);
    type_text(&mut state, "99.9");
    let (_, call) = api_call(update(&mut state, Action::Submit));
    let ApiCall::UpdateOffer { id, body } = call else {
        panic!("expected a PATCH, got {call:?}");
    };
    assert_eq!(
        (id.as_str(), body.price_cents, body.status),
        ("o1", 9_990, None)
    );
    assert_eq!(
        open_form(&state).fields[5].value,
        Value::Choice {
            options: super::offer_form::CONDITIONS,
            selected: 0
        }
    );
}
