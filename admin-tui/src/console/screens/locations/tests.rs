//! The locations screen: selection, the form, the pickup toggle, errors beside fields.

use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{
    api_call, desk, desk_state, invalid, locations, open_form, type_text,
};
use crate::console::screens::Tab;
use crate::console::update::update;

#[test]
fn n_adds_a_store_with_pickup() {
    let mut state = desk_state(Tab::Locations);
    update(&mut state, Action::New);
    type_text(&mut state, "Rivoli");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "12 rue de Rivoli");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "75001");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Paris");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Input(' '));
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Mon–Sat 10–19");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "45");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    let ApiCall::CreateLocation(body) = call else {
        panic!("expected a POST, got {call:?}");
    };
    assert_eq!(body.kind, "store");
    assert!(body.pickup);
    assert_eq!(body.preparation_minutes, Some(45));
    assert_eq!(body.postcode, "75001");

    let answer = Answer::LocationSaved(Err(invalid("postcode", "a French postcode has 5 digits")));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    let form = open_form(&state);
    assert_eq!(form.fields[form.focus].name, "postcode");
    assert_eq!(
        form.fields[form.focus].error.as_deref(),
        Some("a French postcode has 5 digits")
    );

    let (request, _) = api_call(update(&mut state, Action::Submit));
    let mut saved = locations().remove(1);
    saved.id = "l9".into();
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::LocationSaved(Ok(saved))),
        },
    );
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(desk(&state).locations.count(), 4);
    assert_eq!(desk(&state).locations.selected, 3);
}

#[test]
fn e_edits_the_selected_location_and_keeps_its_coordinates() {
    let mut state = desk_state(Tab::Locations);
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    assert_eq!(desk(&state).locations.selected, 2);
    update(&mut state, Action::Up);
    update(&mut state, Action::Edit);
    assert_eq!(open_form(&state).text("name"), "Boutique Rivoli");
    assert!(open_form(&state).toggled("pickup"));
    let (_, call) = api_call(update(&mut state, Action::Submit));
    let ApiCall::UpdateLocation { id, body } = call else {
        panic!("expected a PATCH, got {call:?}");
    };
    assert_eq!(id, "l2");
    assert_eq!((body.latitude, body.longitude), (Some(48.86), Some(2.35)));
    assert_eq!(body.preparation_minutes, Some(90));
}
