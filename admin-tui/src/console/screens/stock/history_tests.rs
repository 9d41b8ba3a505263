//! `H` on a cell: its movements, a page at a time, reloading, failing and closing.

use api_types::ListResponse;
use api_types::selling::StockMovement;

use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, movements, page};
use crate::console::keymap::Context;
use crate::console::screens::Tab;
use crate::console::screens::stock::{History, StockVerb};
use crate::console::state::{Loading, State};
use crate::console::update::update;

fn history(state: &State) -> &History {
    desk(state)
        .stock
        .history
        .as_ref()
        .expect("the movements are open")
}

fn movements_call(effect: Option<Effect>) -> (u64, u64) {
    match api_call(effect) {
        (
            request,
            ApiCall::StockMovements {
                offer_id,
                location_id,
                page,
                per_page,
            },
        ) => {
            assert_eq!(
                (offer_id.as_str(), location_id.as_str(), per_page),
                ("o1", "l2", 20)
            );
            (request, page)
        }
        (_, other) => panic!("expected movements, got {other:?}"),
    }
}

fn answer(state: &mut State, request: u64, result: Result<ListResponse<StockMovement>, ApiError>) {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Movements(result)),
        },
    );
}

/// The drill's Boutique Rivoli cell with its movements open and the first page answered,
/// `total` movements in all.
fn opened(total: u64) -> State {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    let (request, first) = movements_call(update(&mut state, Action::Stock(StockVerb::History)));
    assert_eq!(first, 1);
    assert_eq!(history(&state).list.load, Loading::Loading);
    let mut list = page(movements());
    list.total = total;
    answer(&mut state, request, Ok(list));
    state
}

#[test]
fn h_opens_the_cells_movements_and_they_take_the_keys() {
    let mut state = opened(5);
    let open = history(&state);
    assert_eq!(
        (open.title.as_str(), open.location_name.as_str()),
        ("Perceuse à percussion PSB 500", "Boutique Rivoli")
    );
    assert_eq!(open.items().len(), 5);
    assert_eq!(Context::of(&state), Context::StockHistory);
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    assert_eq!(
        history(&state).selected_movement().map(|m| m.id.as_str()),
        Some("m3")
    );
    assert_eq!(update(&mut state, Action::SwitchTab(Tab::Orders)), None);
    assert_eq!(desk(&state).tab, Tab::Stock, "Esc first");
    assert_eq!(update(&mut state, Action::PageDown), None, "one page only");
}

#[test]
fn page_down_asks_for_older_movements_and_page_up_comes_back() {
    let mut state = opened(25);
    assert_eq!(history(&state).pages(), 2);
    let (request, second) = movements_call(update(&mut state, Action::PageDown));
    assert_eq!(second, 2);
    assert_eq!(update(&mut state, Action::PageDown), None, "still loading");
    answer(&mut state, request, Ok(page(movements())));
    assert_eq!(update(&mut state, Action::PageDown), None, "the last page");
    let (_, back) = movements_call(update(&mut state, Action::PageUp));
    assert_eq!(back, 1);
}

#[test]
fn a_failure_shows_in_the_pane_and_r_asks_again() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    let (request, _) = movements_call(update(&mut state, Action::Stock(StockVerb::History)));
    answer(
        &mut state,
        request,
        Err(ApiError::Network("Cannot reach the server".into())),
    );
    assert!(matches!(
        &history(&state).list.load,
        Loading::Error { message, .. } if message == "Cannot reach the server"
    ));
    let (request, again) = movements_call(update(&mut state, Action::Refresh));
    assert_eq!(again, 1);
    answer(&mut state, request, Ok(page(Vec::new())));
    assert_eq!(history(&state).list.load, Loading::Loaded);
    assert!(history(&state).items().is_empty());
}

#[test]
fn esc_or_h_closes_and_a_late_page_is_dropped() {
    let mut state = opened(25);
    let (request, _) = movements_call(update(&mut state, Action::PageDown));
    update(&mut state, Action::Cancel);
    assert_eq!(desk(&state).stock.history, None);
    assert_eq!(Context::of(&state), Context::Stock);
    answer(&mut state, request, Ok(page(movements())));
    assert_eq!(desk(&state).stock.history, None);

    update(&mut state, Action::Stock(StockVerb::History));
    update(&mut state, Action::Stock(StockVerb::History));
    assert_eq!(desk(&state).stock.history, None, "H again closes");
}
