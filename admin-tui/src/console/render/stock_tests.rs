//! The stock screen drawn on a `TestBackend`: low cells, the reason, transfer and
//! threshold forms, the movements pane in its states, and the help, at 80×24 and 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::console::action::{Action, Answer, Effect};
use crate::console::fixtures::{desk_state, invalid, movements, page, type_text};
use crate::console::keymap::Keymap;
use crate::console::screens::Tab;
use crate::console::screens::stock::StockVerb;
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

fn screen(state: &State, width: u16, height: u16) -> String {
    rows(state, width, height).join("\n")
}

fn answer(state: &mut State, effect: Option<Effect>, answer: Answer) {
    let Some(Effect::Api { request, .. }) = effect else {
        panic!("expected a request, got {effect:?}");
    };
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
}

/// The drill's Boutique Rivoli cell with its movements open, in whatever state `answer`
/// leaves them (still loading when `None`).
fn history(with: Option<Answer>) -> State {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    let effect = update(&mut state, Action::Stock(StockVerb::History));
    if let Some(with) = with {
        answer(&mut state, effect, with);
    }
    state
}

#[test]
fn low_cells_are_marked_and_the_legend_says_what_the_mark_means() {
    let state = desk_state(Tab::Stock);
    let text = screen(&state, 80, 24);
    assert!(
        text.contains("▾ low: free units at or below the threshold"),
        "{text}"
    );
    assert!(text.contains("▾3"), "the drill at Boutique Rivoli\n{text}");
    assert!(text.contains("▾0"), "the saw at the warehouse\n{text}");
    assert!(text.contains("t  transfer"), "hinted\n{text}");
    assert!(text.contains("H  history"), "hinted\n{text}");
    assert!(text.contains("T  threshold"), "hinted\n{text}");
}

#[test]
fn a_failed_low_stock_list_says_so_in_the_legend() {
    let mut state = desk_state(Tab::Stock);
    if let Screen::Console(session) = &mut state.screen {
        session.desk.stock.low.load = Loading::Error {
            message: "down".into(),
            retry_in_secs: None,
        };
    }
    assert!(screen(&state, 80, 24).contains("low stock unknown (r retries)"));
}

#[test]
fn the_reason_form_after_a_quantity() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    update(&mut state, Action::Edit);
    type_text(&mut state, "15");
    update(&mut state, Action::Submit);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "livraison du 22");
    check("stock_reason_form", &state);
}

#[test]
fn the_transfer_form_refusing_a_missing_quantity_then_its_confirmation() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Stock(StockVerb::Transfer));
    update(&mut state, Action::Submit);
    check("stock_transfer_form", &state);
    type_text(&mut state, "4");
    update(&mut state, Action::Submit);
    check("stock_transfer_confirm", &state);
}

#[test]
fn the_threshold_form_with_the_servers_refusal() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Stock(StockVerb::Threshold));
    update(&mut state, Action::ClearField);
    type_text(&mut state, "20000");
    let effect = update(&mut state, Action::Submit);
    let refused = invalid("low_stock_threshold", "low_stock_threshold is 0 to 10,000");
    answer(
        &mut state,
        effect,
        Answer::ThresholdSaved {
            offer_id: "o1".into(),
            result: Err(refused),
        },
    );
    check("stock_threshold_refused", &state);
}

#[test]
fn the_movements_pane() {
    let mut state = history(Some(Answer::Movements(Ok(page(movements())))));
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    check("stock_history", &state);
    let text = screen(&state, 80, 24);
    for expected in [
        "Movements · Perceuse à percussion PSB 500 · Boutique Rivoli · page 1/1",
        "2026-11-22 16:40",
        "sale",
        "H-3C7E8J6X",
        "+2",
        "transfer: from Entrepôt Saint-Ouen — vitrine de Noël",
        "Esc  close",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}

#[test]
fn the_movements_pane_loading_empty_and_failed() {
    let state = history(None);
    assert!(screen(&state, 80, 24).contains("Loading…"));
    let state = history(Some(Answer::Movements(Ok(page(Vec::new())))));
    assert!(screen(&state, 80, 24).contains("No movements yet"));
    let failed = Answer::Movements(Err(crate::client::ApiError::Network(
        "Cannot reach http://127.0.0.1:3000 — is `halles serve` running?".into(),
    )));
    let state = history(Some(failed));
    check("stock_history_error", &state);
}

#[test]
fn the_help_of_the_grid_and_of_the_movements_fits_in_80_by_24() {
    let mut state = desk_state(Tab::Stock);
    state.help_visible = true;
    check("help_stock", &state);
    let text = screen(&state, 80, 24);
    assert!(text.contains("? or Esc closes"), "cut off\n{text}");
    for key in [
        "transfer free units",
        "history: the cell",
        "low-stock threshold",
    ] {
        assert!(text.contains(key), "{key:?} missing from\n{text}");
    }
    let mut state = history(Some(Answer::Movements(Ok(page(movements())))));
    state.help_visible = true;
    let text = screen(&state, 80, 24);
    assert!(text.contains("Stock movements"), "{text}");
    assert!(text.contains("older movements (next page)"), "{text}");
    assert!(text.contains("? or Esc closes"), "cut off\n{text}");
}

#[test]
fn the_help_of_every_seller_and_operator_screen_fits_in_80_by_24() {
    use crate::console::fixtures::ops_state;
    use crate::console::screens::ops::OpsTab;
    let mut states: Vec<State> = Tab::ALL.into_iter().map(desk_state).collect();
    states.extend(OpsTab::ALL.into_iter().map(ops_state));
    let mut form = desk_state(Tab::Stock);
    update(&mut form, Action::Stock(StockVerb::Transfer));
    states.push(form);
    for mut state in states {
        state.help_visible = true;
        let text = screen(&state, 80, 24);
        assert!(text.contains("? or Esc closes"), "cut off\n{text}");
        assert!(text.contains("quit"), "the last group is shown\n{text}");
    }
}
