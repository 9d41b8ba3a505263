//! `t` on a cell: where to and how many, the confirmation, both cells from the answer,
//! and the server refusing.

use api_types::ErrorBody;
use api_types::selling::{StockLine, StockTransferRequest, StockTransferResponse};

use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, open_form, type_text};
use crate::console::screens::form::Value;
use crate::console::screens::stock::{StockVerb, cell};
use crate::console::screens::{Confirmed, Overlay, Tab};
use crate::console::state::{NoticeKind, Screen, State};
use crate::console::update::update;

/// The transfer form open on the drill's warehouse cell (12 units, 2 reserved).
fn transfer_form() -> State {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Stock(StockVerb::Transfer));
    state
}

fn line(location_id: &str, quantity: u32, reserved: u32) -> StockLine {
    StockLine {
        location_id: location_id.into(),
        quantity,
        reserved,
    }
}

fn answer(
    state: &mut State,
    request: u64,
    result: Result<StockTransferResponse, ApiError>,
) -> Option<Effect> {
    let answer = Answer::Transferred {
        offer_id: "o1".into(),
        result,
    };
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    )
}

/// Picks the second other location (Atelier Croix-Rousse), types 4 and a note, confirms.
fn confirmed_transfer() -> (State, u64) {
    let mut state = transfer_form();
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "4");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "vitrine");
    assert_eq!(update(&mut state, Action::Submit), None, "asks first");
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    let expected = StockTransferRequest {
        from_location_id: "l1".into(),
        to_location_id: "l3".into(),
        quantity: 4,
        note: Some("vitrine".into()),
    };
    assert_eq!(
        call,
        ApiCall::TransferStock {
            offer_id: "o1".into(),
            body: expected
        }
    );
    (state, request)
}

#[test]
fn t_opens_the_form_from_the_cell_with_the_other_locations_to_pick() {
    let state = transfer_form();
    let form = open_form(&state);
    assert_eq!(form.kind.title(), "Transfer stock");
    assert_eq!(
        form.text("from_location_id"),
        "Entrepôt Saint-Ouen · 10 free"
    );
    assert_eq!(form.fields[form.focus].name, "to_location_id");
    let Some(Value::Pick { options, .. }) = form.field("to_location_id").map(|f| &f.value) else {
        panic!("expected a pick of locations");
    };
    let names: Vec<&str> = options.iter().map(|o| o.1.as_str()).collect();
    assert_eq!(names, ["Boutique Rivoli", "Atelier Croix-Rousse"]);
}

#[test]
fn a_missing_quantity_is_refused_in_the_form() {
    let mut state = transfer_form();
    assert_eq!(update(&mut state, Action::Submit), None);
    let form = open_form(&state);
    assert_eq!(form.fields[form.focus].name, "quantity");
    assert_eq!(
        form.fields[form.focus].error.as_deref(),
        Some("Type how many units to move: 1 or more")
    );
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "0");
    update(&mut state, Action::Submit);
    assert!(open_form(&state).has_errors(), "zero moves nothing");
}

#[test]
fn the_confirmation_names_what_moves_and_no_goes_back_to_the_form() {
    let mut state = transfer_form();
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "2");
    update(&mut state, Action::Submit);
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("expected a confirmation");
    };
    assert_eq!(
        confirm.message,
        "Move 2 × Perceuse à percussion PSB 500 from Entrepôt Saint-Ouen to Boutique Rivoli?"
    );
    assert!(matches!(confirm.then, Confirmed::Transfer(_)));
    update(&mut state, Action::Confirm(false));
    assert_eq!(open_form(&state).text("quantity"), "2", "back, as typed");
}

#[test]
fn yes_moves_the_units_and_both_cells_show_the_answer() {
    let (mut state, request) = confirmed_transfer();
    assert!(open_form(&state).pending.is_some(), "the form waits");
    let moved = StockTransferResponse {
        from: line("l1", 8, 2),
        to: line("l3", 4, 0),
    };
    let effect = answer(&mut state, request, Ok(moved));
    assert_eq!(api_call(effect).1, ApiCall::LowStock);
    assert_eq!(desk(&state).overlay, None);
    let offer = desk(&state).offers.visible()[0];
    assert_eq!(cell(offer, "l1"), Some(&line("l1", 8, 2)));
    assert_eq!(cell(offer, "l3"), Some(&line("l3", 4, 0)), "a new line");
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some(
            "Perceuse à percussion PSB 500: Entrepôt Saint-Ouen now 8, Atelier Croix-Rousse now 4."
        )
    );
}

#[test]
fn not_enough_stock_stays_in_the_form_and_reloads_the_offers() {
    let (mut state, request) = confirmed_transfer();
    let refused = ApiError::Api {
        status: 409,
        body: ErrorBody::new(
            "not_enough_stock",
            "only 3 unit(s) are free at Entrepôt Saint-Ouen",
            Some("quantity"),
        ),
    };
    let effect = answer(&mut state, request, Err(refused));
    assert!(
        matches!(api_call(effect).1, ApiCall::ListOffers { .. }),
        "the grid was out of date"
    );
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(
        form.field("quantity").and_then(|f| f.error.as_deref()),
        Some("only 3 unit(s) are free at Entrepôt Saint-Ouen")
    );
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(
        notice.text,
        "Stock not moved: only 3 unit(s) are free at Entrepôt Saint-Ouen"
    );
}

#[test]
fn a_shop_with_one_location_has_nowhere_to_move_to() {
    let mut state = desk_state(Tab::Stock);
    if let Screen::Console(session) = &mut state.screen
        && let Some(locations) = session.desk.locations.list.data.as_mut()
    {
        locations.truncate(1);
    }
    assert_eq!(update(&mut state, Action::Stock(StockVerb::Transfer)), None);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Nowhere to move stock to: add another location first (4, then n).")
    );
}
