//! The orders screen drawn on a `TestBackend`: what a seller reads there, and snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::{
    api_call, desk_state, page, poll_answered, seller_orders, seller_orders_with_new,
};
use crate::console::keymap::Keymap;
use crate::console::screens::Tab;
use crate::console::screens::orders::Verb;
use crate::console::state::{Loading, Screen, State};
use crate::console::update::update;

/// The screen's text, one `String` per row.
fn rows(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| render(frame, state, &Keymap::default()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(usize::from(width))
        .map(|row| row.iter().map(|cell| cell.symbol()).collect())
        .collect()
}

fn shows(state: &State, width: u16, height: u16, text: &str) -> bool {
    rows(state, width, height)
        .iter()
        .any(|row| row.contains(text))
}

#[test]
fn the_list_shows_number_date_status_method_items_total_and_return() {
    let state = desk_state(Tab::Orders);
    let screen = rows(&state, 120, 40).join("\n");
    for text in [
        "Orders · all · 5 · page 1/1",
        "H-7K2M9Q4T",
        "2026-11-22",
        "ready for pickup",
        "pickup",
        "149,78 €",
        "requested",
        "6 Orders",
    ] {
        assert!(screen.contains(text), "{text:?} missing from\n{screen}");
    }
}

#[test]
fn every_order_number_shows_whole_in_the_list_beside_the_selection_mark() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Down);
    let orders = seller_orders();
    assert!(
        orders.iter().all(|order| order.order_number.len() == 10),
        "the fixtures' numbers are as long as the server's"
    );
    for (width, height) in [(80, 24), (120, 40)] {
        let rows = rows(&state, width, height);
        for (index, order) in orders.iter().enumerate() {
            let mark = if index == 1 { "›" } else { " " };
            let date = &order.created_at[..10];
            // The number, then the date column: only the list row holds both.
            let cell = format!("│{mark}{} {date} ", order.order_number);
            assert!(
                rows.iter().any(|row| row.contains(&cell)),
                "{cell:?} missing at {width}×{height}:\n{}",
                rows.join("\n")
            );
        }
        // The last column still fits at 80 columns.
        assert!(
            rows.iter().any(|row| row.contains("149,78 € requested")),
            "{}",
            rows.join("\n")
        );
    }
}

#[test]
fn the_detail_shows_lines_address_tracking_commission_refund_and_keys() {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..3 {
        update(&mut state, Action::Down);
    }
    let screen = rows(&state, 120, 40).join("\n");
    for text in [
        "shipped · delivery · 3 items",
        "Placed      2026-11-19 09:30 UTC",
        "149,78 € · refunded 5,00 €",
        "Commission  14,49 €",
        "Jeanne Martin, 3 rue Oberkampf, 75011 Paris",
        "Colissimo 6A12345678901",
        "requested: “Too heavy for me”",
        "R refund · A accept the return · X refuse the return",
        "1 × Perceuse à percussion PSB 500",
        "2 × Coffret de vis (600 pièces)",
        "39,98 €",
    ] {
        assert!(screen.contains(text), "{text:?} missing from\n{screen}");
    }
}

#[test]
fn a_pickup_shows_its_store_and_the_keys_it_allows() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Down);
    assert!(shows(&state, 120, 40, "Store       Boutique Rivoli"));
    assert!(shows(&state, 120, 40, "r mark ready · x cancel"));
}

#[test]
fn the_servers_refusal_reads_in_the_status_line() {
    let mut state = desk_state(Tab::Orders);
    let (request, _) = api_call(update(&mut state, Action::Order(Verb::Accept)));
    let conflict = crate::client::ApiError::Api {
        status: 409,
        body: api_types::ErrorBody::new(
            "invalid_transition",
            "This order was cancelled by the shopper.",
            None,
        ),
    };
    let answer = Answer::OrderChanged {
        id: "so1".into(),
        result: Err(conflict),
    };
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
    assert!(shows(
        &state,
        80,
        24,
        "H-7K2M9Q4T was not changed: This order was cancelled by the shopper."
    ));
}

#[test]
fn an_empty_filter_and_a_failed_load_say_what_to_do() {
    let mut state = desk_state(Tab::Orders);
    let (request, _) = api_call(update(&mut state, Action::NextFilter));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Orders(Ok(page(Vec::new())))),
        },
    );
    assert!(shows(
        &state,
        80,
        24,
        "No paid orders — press f to show another status."
    ));
    if let Screen::Console(session) = &mut state.screen {
        session.desk.orders.list.load = Loading::Error {
            message: "Not found — is this a Halles server?".into(),
            retry_in_secs: None,
        };
    }
    assert!(shows(&state, 80, 24, "Press Ctrl-R to try again."));
}

#[test]
fn orders_screen() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Down);
    check("orders", &state);
}

#[test]
fn a_wide_terminal_puts_the_detail_beside_the_list() {
    let state = desk_state(Tab::Orders);
    let rows = rows(&state, 160, 30);
    let beside = rows
        .iter()
        .any(|row| row.contains(" Order ") && row.contains("Date") && row.contains("┌ H-7K2M9Q4T"));
    assert!(beside, "{}", rows.join("\n"));
}

#[test]
fn refund_form_and_confirmation() {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..3 {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::Order(Verb::Refund));
    check("order_refund_form", &state);
    update(&mut state, Action::FocusNext);
    crate::console::fixtures::type_text(&mut state, "Scratched");
    update(&mut state, Action::Submit);
    check("order_refund_confirm", &state);
}

#[test]
fn the_hand_over_form_and_the_status_bar_name_enter_alike() {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..2 {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::Order(Verb::Collect));
    crate::console::fixtures::type_text(&mut state, "7QK2M9XH");
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = rows(&state, width, height).join("\n");
        assert!(screen.contains("Hand over a pickup"), "{screen}");
        assert!(screen.contains("Enter saves · Esc goes back"), "{screen}");
        assert!(screen.contains("Enter  save"), "the status bar: {screen}");
        assert!(!screen.contains("Enter sends"), "{screen}");
    }
    check("order_collect_form", &state);
}

#[test]
fn return_in_store_form_and_confirmation() {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..3 {
        update(&mut state, Action::Down);
    }
    if let Screen::Console(session) = &mut state.screen
        && let Some(page) = session.desk.orders.list.data.as_mut()
    {
        page.items[3].status = "delivered".into();
    }
    assert!(shows(&state, 120, 40, "i take back in store"), "offered");
    update(&mut state, Action::Order(Verb::ReturnInStore));
    update(&mut state, Action::FocusNext);
    crate::console::fixtures::type_text(&mut state, "Trop lourd");
    check("order_return_form", &state);
    update(&mut state, Action::Submit);
    assert!(shows(&state, 80, 24, "refund 144,78 €"));
    check("order_return_confirm", &state);
}

#[test]
fn help_on_the_orders_screen_names_ctrl_r_for_reloading_not_r() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::ToggleHelp);
    let screen = rows(&state, 120, 40).join("\n");
    assert!(screen.contains("Ctrl-R"), "{screen}");
    assert!(screen.contains("mark a pickup ready in the store"));
    assert!(
        !screen.contains("reload (retry after an error)"),
        "r does not reload here:\n{screen}"
    );
    check("help_orders", &state);
}

#[test]
fn new_orders_badge() {
    let mut state = desk_state(Tab::Dashboard);
    poll_answered(&mut state, seller_orders_with_new(), 2);
    assert!(shows(&state, 80, 24, "6 Orders (1)"));
    assert!(
        shows(&state, 80, 24, "Dashboard · loading…"),
        "a new paid order asks for the figures again"
    );
    check("new_orders_badge", &state);
}

#[test]
fn a_new_order_is_marked_on_its_row_until_selected() {
    let mut state = desk_state(Tab::Orders);
    poll_answered(&mut state, seller_orders_with_new(), 2);
    assert!(shows(&state, 80, 24, "●H-8N3P4R9A"));
    assert!(shows(&state, 80, 24, "›H-7K2M9Q4T"), "the selection stays");
    assert!(shows(&state, 80, 24, "Orders · all · 6 · page 1/1"));
    assert!(
        !shows(&state, 80, 24, "Orders (1)"),
        "no badge on the screen on show"
    );
    update(&mut state, Action::Up);
    assert!(shows(&state, 80, 24, "›H-8N3P4R9A"));
    update(&mut state, Action::Down);
    assert!(shows(&state, 80, 24, " H-8N3P4R9A"), "seen");
}
