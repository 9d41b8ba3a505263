//! The reason form after a quantity: the default by sign, picking with arrows or letters,
//! the note, and the server's refusals placed beside their field.

use api_types::selling::StockRequest;

use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{api_call, desk, desk_state, invalid, open_form, type_text};
use crate::console::keymap::Context;
use crate::console::screens::Tab;
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

/// The stock grid with `typed` typed into the drill's Boutique Rivoli cell (3 units), and
/// Enter pressed: the reason form is open.
fn reason_form(typed: &str) -> State {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    update(&mut state, Action::Edit);
    type_text(&mut state, typed);
    update(&mut state, Action::Submit);
    state
}

fn sent(state: &mut State) -> (u64, StockRequest) {
    match api_call(update(state, Action::Submit)) {
        (request, ApiCall::SetStock { offer_id, body }) if offer_id == "o1" => (request, body),
        (_, other) => panic!("expected the drill's stock to be set, got {other:?}"),
    }
}

#[test]
fn the_form_shows_the_change_and_focuses_the_reason() {
    let state = reason_form("7");
    let form = open_form(&state);
    assert_eq!(form.kind.title(), "Set the stock");
    assert_eq!(form.text("quantity"), "3 → 7 (+4)");
    assert_eq!(form.text("location_id"), "Boutique Rivoli");
    assert_eq!(form.fields[form.focus].name, "reason");
    assert_eq!(Context::of(&state), Context::Form);
    let state = reason_form("3");
    assert_eq!(
        open_form(&state).text("reason"),
        "adjustment",
        "no change is no receipt"
    );
}

#[test]
fn arrows_or_the_first_letter_pick_the_reason() {
    let mut state = reason_form("7");
    update(&mut state, Action::Right);
    assert_eq!(open_form(&state).text("reason"), "adjustment");
    update(&mut state, Action::Left);
    assert_eq!(open_form(&state).text("reason"), "receipt");
    type_text(&mut state, "a");
    assert_eq!(open_form(&state).text("reason"), "adjustment");
    type_text(&mut state, "r");
    assert_eq!(open_form(&state).text("reason"), "receipt");
    type_text(&mut state, "z");
    assert_eq!(
        open_form(&state).text("reason"),
        "receipt",
        "no option starts with z"
    );
}

#[test]
fn the_note_is_sent_trimmed_and_left_out_when_empty() {
    let mut state = reason_form("1");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, " casse en rayon ");
    let (_, body) = sent(&mut state);
    assert_eq!(
        body,
        StockRequest {
            reason: Some("adjustment".into()),
            note: Some("casse en rayon".into()),
            ..StockRequest::level("l2", 1)
        }
    );
    let mut state = reason_form("9");
    let (_, body) = sent(&mut state);
    assert_eq!(body.note, None);
    assert_eq!(body.reason.as_deref(), Some("receipt"));
}

#[test]
fn a_note_over_150_characters_is_refused_before_sending() {
    let mut state = reason_form("9");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, &"x".repeat(151));
    assert_eq!(update(&mut state, Action::Submit), None);
    let form = open_form(&state);
    assert_eq!(form.fields[form.focus].name, "note");
    assert_eq!(
        form.fields[form.focus].error.as_deref(),
        Some("A note is at most 150 characters (151 typed)")
    );
}

#[test]
fn a_refused_reason_or_note_is_marked_beside_it_and_in_the_status_bar() {
    let mut state = reason_form("9");
    let (request, _) = sent(&mut state);
    assert!(open_form(&state).pending.is_some(), "the form waits");
    assert_eq!(
        update(&mut state, Action::Input('x')),
        None,
        "no typing while saving"
    );
    let refused = invalid("note", "note is at most 150 characters");
    let answer = Answer::Stock {
        offer_id: "o1".into(),
        result: Err(refused),
    };
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(form.fields[form.focus].name, "note");
    assert!(form.fields[form.focus].error.is_some());
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(
        notice.text,
        "Stock not changed: note is at most 150 characters"
    );
    assert_eq!(desk(&state).stock.pending, None, "Enter may try again");
    let (_, body) = sent(&mut state);
    assert_eq!(body.quantity, 9);
}

#[test]
fn esc_in_the_form_goes_back_to_the_quantity_as_typed() {
    let mut state = reason_form("42");
    update(&mut state, Action::Cancel);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(desk(&state).stock.editing.as_deref(), Some("42"));
    assert_eq!(Context::of(&state), Context::CellEdit);
}
