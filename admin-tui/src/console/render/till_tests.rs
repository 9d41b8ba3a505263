//! The till drawn at 80×24 and 120×40: every state a seller meets there, and what must
//! read whole.

use api_types::ErrorBody;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::client::ApiError;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::{
    CODE, answer, api_call, conflict, desk_mut, till_cart, till_order, till_state, till_with,
    type_text,
};
use crate::console::keymap::Keymap;
use crate::console::screens::till::TillVerb;
use crate::console::state::State;
use crate::console::update::update;

/// The screen's text, one `String` per row.
fn rows(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| render(frame, state, &Keymap::default()))
        .expect("draws");
    terminal
        .backend()
        .buffer()
        .content()
        .chunks(usize::from(width))
        .map(|row| row.iter().map(|cell| cell.symbol()).collect())
        .collect()
}

/// Types `code` and presses Enter; the server answers `error`.
fn refused(code: &str, error: ApiError) -> State {
    let mut state = till_state();
    type_text(&mut state, code);
    let (request, _) = api_call(update(&mut state, Action::Submit));
    answer(&mut state, request, Answer::TillCart(Err(error)));
    state
}

/// `c`, `y`: the sale sent; its request.
fn sold_in_cash(state: &mut State) -> u64 {
    update(state, Action::Till(TillVerb::Cash));
    api_call(update(state, Action::Confirm(true))).0
}

#[test]
fn till_waiting_for_a_code() {
    check("till_empty", &till_state());
    let mut state = till_state();
    type_text(&mut state, "7kq2-m9x");
    check("till_code_typed", &state);
    type_text(&mut state, "a");
    update(&mut state, Action::Submit);
    check("till_looking_up", &state);
}

#[test]
fn till_code_refused() {
    let mut state = till_state();
    type_text(&mut state, "7KQ2M9X0");
    update(&mut state, Action::Submit);
    check("till_code_malformed", &state);
    let unknown = ApiError::Api {
        status: 404,
        body: ErrorBody::new(
            "handoff_unknown",
            "No cart was handed off with this code, or it has expired.",
            Some("code"),
        ),
    };
    check("till_code_unknown", &refused("ZZZZZZZZ", unknown));
    let throttled = ApiError::Api {
        status: 429,
        body: ErrorBody::new(
            "too_many_attempts",
            "Too many wrong codes at this shop's tills: try again in 1 min 35 s.",
            None,
        ),
    };
    check("till_throttled", &refused("ZZZZZZZZ", throttled));
    let down =
        ApiError::Network("Cannot reach http://127.0.0.1:3000 — is `halles serve` running?".into());
    check("till_network_error", &refused(CODE, down));
}

#[test]
fn till_cart_with_mixed_stock() {
    let state = till_with(till_cart());
    check("till_cart", &state);
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = rows(&state, width, height).join("\n");
        for text in [
            "Jeanne Martin",
            "104,90 €",
            "3 here · 10 elsewhere",
            "0 here · 47 elsewhere",
            "sold out",
            "219,38 €",
        ] {
            assert!(
                screen.contains(text),
                "{text:?} missing at {width}×{height}:\n{screen}"
            );
        }
    }
}

#[test]
fn till_confirmations() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Cash));
    check("till_confirm_cash", &state);
}

#[test]
fn till_endless_aisle() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Aisle));
    check("till_aisle_delivery", &state);
    update(&mut state, Action::Right);
    check("till_aisle_pickup", &state);
    update(&mut state, Action::Submit);
    check("till_aisle_confirm", &state);
}

#[test]
fn till_after_a_sale() {
    let mut state = till_with(till_cart());
    let request = sold_in_cash(&mut state);
    check("till_selling", &state);
    let order = till_order("H-9T4K7M2Q", "collected", "pickup");
    answer(&mut state, request, Answer::TillSold(Ok(order)));
    check("till_sold", &state);
}

#[test]
fn till_sale_refused() {
    let mut state = till_with(till_cart());
    let request = sold_in_cash(&mut state);
    let refused = ApiError::Api {
        status: 409,
        body: ErrorBody::new(
            "out_of_stock",
            "“Perceuse à percussion PSB 500” is sold out at this store.",
            Some("offer_id"),
        ),
    };
    let (again, _) = api_call(answer(&mut state, request, Answer::TillSold(Err(refused))));
    let mut cart = till_cart();
    cart.lines[0].stock[1].available = 0;
    answer(&mut state, again, Answer::TillCart(Ok(cart)));
    check("till_out_of_stock", &state);

    let mut state = till_with(till_cart());
    let request = sold_in_cash(&mut state);
    let used = conflict(
        "handoff_used",
        "This shop already completed a sale with this code.",
    );
    let (again, _) = api_call(answer(&mut state, request, Answer::TillSold(Err(used))));
    let mut cart = till_cart();
    cart.sold_order_id = Some("order-so9".into());
    answer(&mut state, again, Answer::TillCart(Ok(cart)));
    check("till_already_sold", &state);

    let mut state = till_with(till_cart());
    let request = sold_in_cash(&mut state);
    let lost = ApiError::Network("Lost the connection to http://127.0.0.1:3000".into());
    answer(&mut state, request, Answer::TillSold(Err(lost)));
    check("till_sale_lost", &state);
}

#[test]
fn till_without_a_store_and_with_nothing_of_the_shop() {
    let mut state = till_state();
    if let Some(locations) = desk_mut(&mut state).locations.list.data.as_mut() {
        locations.retain(|location| location.kind != "store");
    }
    check("till_no_store", &state);
    desk_mut(&mut state).locations.list.data = None;
    check("till_stores_loading", &state);
    let mut cart = till_cart();
    cart.lines.clear();
    cart.total_cents = 0;
    check("till_nothing_of_the_shop", &till_with(cart));
}

#[test]
fn till_help() {
    let mut state = till_state();
    update(&mut state, Action::ToggleHelp);
    check("help_till_code", &state);
    let mut state = till_with(till_cart());
    update(&mut state, Action::ToggleHelp);
    check("help_till", &state);
}
