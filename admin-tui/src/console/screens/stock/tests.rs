//! The stock grid: moving, typing a quantity, saving it with its reason, and the server
//! refusing it.

use api_types::selling::{StockLine, StockRequest};

use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, open_form, type_text};
use crate::console::screens::Tab;
use crate::console::screens::stock::cell;
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn cursor(state: &State) -> (usize, usize) {
    (desk(state).stock.row, desk(state).stock.col)
}

#[test]
fn arrows_and_hjkl_move_inside_the_grid() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Left);
    update(&mut state, Action::Up);
    assert_eq!(cursor(&state), (0, 0));
    for _ in 0..9 {
        update(&mut state, Action::Right);
        update(&mut state, Action::Down);
    }
    assert_eq!(cursor(&state), (4, 2), "5 offers × 3 locations");
}

#[test]
fn enter_types_a_quantity_and_saves_it() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    update(&mut state, Action::Edit);
    assert_eq!(
        desk(&state).stock.editing.as_deref(),
        Some("3"),
        "starts from the quantity"
    );
    update(&mut state, Action::Backspace);
    type_text(&mut state, "1x5");
    assert_eq!(
        desk(&state).stock.editing.as_deref(),
        Some("15"),
        "digits only"
    );
    assert_eq!(
        update(&mut state, Action::Submit),
        None,
        "asks the reason first"
    );
    assert_eq!(open_form(&state).text("reason"), "receipt", "3 → 15 rises");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    let body = StockRequest {
        reason: Some("receipt".into()),
        ..StockRequest::level("l2", 15)
    };
    assert_eq!(
        call,
        ApiCall::SetStock {
            offer_id: "o1".into(),
            body
        }
    );

    let line = StockLine {
        location_id: "l2".into(),
        quantity: 15,
        reserved: 0,
    };
    let answer = Answer::Stock {
        offer_id: "o1".into(),
        result: Ok(line.clone()),
    };
    let effect = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    assert_eq!(
        api_call(effect).1,
        ApiCall::LowStock,
        "the low rows may have changed"
    );
    assert_eq!(desk(&state).stock.editing, None);
    assert_eq!(desk(&state).overlay, None, "the reason form closed");
    let offer = desk(&state).offers.visible()[0];
    assert_eq!(cell(offer, "l2"), Some(&line));
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Perceuse à percussion PSB 500 at Boutique Rivoli: 15 in stock.")
    );
}

#[test]
fn a_cell_never_stocked_starts_at_zero_and_gets_a_line() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Down);
    update(&mut state, Action::Right);
    update(&mut state, Action::Edit);
    assert_eq!(desk(&state).stock.editing.as_deref(), Some("0"));
    type_text(&mut state, "4");
    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let line = StockLine {
        location_id: "l2".into(),
        quantity: 4,
        reserved: 0,
    };
    let answer = Answer::Stock {
        offer_id: "o2".into(),
        result: Ok(line),
    };
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    assert_eq!(desk(&state).offers.visible()[1].stock.len(), 2);
}

#[test]
fn below_reserved_is_shown_in_the_status_bar_and_beside_the_quantity() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Edit);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "1");
    update(&mut state, Action::Submit);
    assert_eq!(
        open_form(&state).text("reason"),
        "adjustment",
        "12 → 1 falls"
    );
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let refused = ApiError::Api {
        status: 409,
        body: api_types::ErrorBody::new(
            "below_reserved",
            "2 unit(s) are reserved by checkouts here",
            Some("quantity"),
        ),
    };
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
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(
        notice.text,
        "Stock not changed: 2 unit(s) are reserved by checkouts here"
    );
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(
        form.field("quantity").and_then(|f| f.error.as_deref()),
        Some("2 unit(s) are reserved by checkouts here")
    );
    update(&mut state, Action::Cancel);
    assert_eq!(
        desk(&state).stock.editing.as_deref(),
        Some("1"),
        "Esc goes back to the quantity"
    );
    update(&mut state, Action::Cancel);
    assert_eq!(desk(&state).stock.editing, None);
    assert_eq!(
        cell(desk(&state).offers.visible()[0], "l1").map(|l| l.quantity),
        Some(12)
    );
}

#[test]
fn an_empty_quantity_is_not_sent() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Edit);
    update(&mut state, Action::ClearField);
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        state.notice.as_ref().map(|n| n.kind),
        Some(NoticeKind::Error)
    );
    assert_eq!(desk(&state).overlay, None, "no reason is asked");
}

#[test]
fn a_late_answer_to_a_save_left_behind_changes_nothing() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Edit);
    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Submit));
    update(&mut state, Action::Cancel);
    update(&mut state, Action::Cancel);
    let answer = Answer::Stock {
        offer_id: "o1".into(),
        result: Err(ApiError::Network("Cannot reach the server".into())),
    };
    let effect: Option<Effect> = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    assert_eq!(effect, None);
    assert_eq!(state.notice, None);
}
