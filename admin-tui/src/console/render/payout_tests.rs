//! The seller's payouts screen and the operator's payout dialog drawn on a
//! `TestBackend`: snapshots at 80×24 and 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::{SERVER, api_call, conflict, desk_state, ops_state, type_text};
use crate::console::keymap::Keymap;
use crate::console::screens::Tab;
use crate::console::screens::ops::OpsTab;
use crate::console::state::{Loading, Screen, State};
use crate::console::update::update;

/// The text on a `width`×`height` screen, rows joined by newlines.
fn screen(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| render(frame, state, &Keymap::default()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn with_payouts(state: &mut State, change: impl FnOnce(&mut crate::console::screens::Desk)) {
    if let Screen::Console(session) = &mut state.screen {
        change(&mut session.desk);
    }
}

#[test]
fn payouts_balances_and_tables() {
    let state = desk_state(Tab::Payouts);
    let text = screen(&state, 80, 24);
    for wanted in [
        "9 Payouts",
        "Pending",
        "129,56 €",
        "inside the return window",
        "234,50 €",
        "1 100,00 €",
        "2026-10-31",
        "1 000,00 €",
        "Latest earnings · 9 lines",
        "H-7K2M9Q4T",
        "Sale",
        "+149,78 €",
        "Commission",
        "-17,97 €",
        "Cashback boost",
        "Released to payable",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing from\n{text}");
    }
    for line in text.lines() {
        assert!(line.chars().count() <= 80);
    }
    check("payouts", &state);
}

#[test]
fn payouts_empty() {
    let mut state = desk_state(Tab::Payouts);
    with_payouts(&mut state, |desk| {
        if let Some(data) = &mut desk.payouts.data {
            data.pending_cents = 0;
            data.payable_cents = 0;
            data.paid_cents = 0;
            data.payouts.clear();
            data.entries.clear();
        }
    });
    assert!(
        screen(&state, 80, 24).contains("No earnings yet: sales appear here once paid."),
        "{}",
        screen(&state, 80, 24)
    );
    check("payouts_empty", &state);
}

#[test]
fn payouts_loading_and_error() {
    let mut state = desk_state(Tab::Payouts);
    with_payouts(&mut state, |desk| {
        desk.payouts.data = None;
        desk.payouts.load = Loading::Loading;
    });
    assert!(screen(&state, 80, 24).contains("Loading…"));
    with_payouts(&mut state, |desk| {
        desk.payouts.load = Loading::Error {
            message: format!("Cannot reach {SERVER} — is `halles serve` running?"),
            retry_in_secs: None,
        };
    });
    let text = screen(&state, 80, 24);
    assert!(text.contains("Press r to try again."), "{text}");
    check("payouts_error", &state);
}

#[test]
fn help_on_the_payouts_screen() {
    let mut state = desk_state(Tab::Payouts);
    state.help_visible = true;
    let text = screen(&state, 80, 24);
    assert!(text.contains("reload the balances and lines"), "{text}");
    assert!(text.contains("? or Esc closes"), "cut off\n{text}");
    check("help_payouts", &state);
}

#[test]
fn ops_payout_confirm() {
    let mut state = ops_state(OpsTab::Shops);
    update(&mut state, Action::Down);
    let text = screen(&state, 80, 24);
    assert!(text.contains("p pay out"), "{text}");
    update(&mut state, Action::PayOut);
    type_text(&mut state, "Virement de novembre");
    check("ops_payout_form", &state);
    update(&mut state, Action::Submit);
    let text = screen(&state, 80, 24);
    assert!(text.contains("Pay out Bazar Sud's payable"), "{text}");
    check("ops_payout_confirm", &state);
}

#[test]
fn ops_payout_nothing_payable_in_the_status_bar() {
    let mut state = ops_state(OpsTab::Shops);
    update(&mut state, Action::Down);
    update(&mut state, Action::PayOut);
    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::PaidOut(Err(conflict(
                "nothing_payable",
                "Nothing to pay out.",
            )))),
        },
    );
    let text = screen(&state, 80, 24);
    assert!(text.contains("has nothing payable yet"), "{text}");
    check("ops_payout_nothing_payable", &state);
}
