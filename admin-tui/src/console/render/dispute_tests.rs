//! The disputes screens drawn on a `TestBackend`, the operator's and the shop's: what each
//! side reads there, and snapshots of the list, the detail, the forms, the confirmations,
//! the empty list, a failed load and the help, at 80×24 and 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::client::ApiError;
use crate::console::action::{Action, Answer, Effect};
use crate::console::fixtures::{api_call, desk_state, invalid, ops_state, page, type_text};
use crate::console::keymap::Keymap;
use crate::console::screens::Tab;
use crate::console::screens::disputes::DisputeVerb;
use crate::console::screens::ops::OpsTab;
use crate::console::state::{Loading, Screen, State};
use crate::console::update::update;

/// The screen's text, one row per line.
fn screen(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| render(frame, state, &Keymap::default()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = buffer
        .content()
        .chunks(usize::from(width))
        .map(|row| row.iter().map(|cell| cell.symbol()).collect())
        .collect();
    rows.join("\n")
}

fn assert_shows(state: &State, width: u16, height: u16, texts: &[&str]) {
    let text = screen(state, width, height);
    for wanted in texts {
        assert!(text.contains(wanted), "{wanted:?} missing from\n{text}");
    }
}

fn answer(state: &mut State, effect: Option<Effect>, answer: Answer) {
    let (request, _) = api_call(effect);
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    );
}

fn down_error() -> ApiError {
    ApiError::Network("Cannot reach http://127.0.0.1:3000 — is `halles serve` running?".into())
}

/// The operator's refund form for Bazar Sud's dispute, with `reason` typed.
fn refund_form(reason: &str) -> State {
    let mut state = ops_state(OpsTab::Disputes);
    update(&mut state, Action::Down);
    update(&mut state, Action::Dispute(DisputeVerb::Refund));
    update(&mut state, Action::FocusNext);
    type_text(&mut state, reason);
    state
}

#[test]
fn the_operator_reads_both_sides_the_money_and_the_keys() {
    let mut state = ops_state(OpsTab::Disputes);
    assert_shows(
        &state,
        80,
        24,
        &[
            "6 Disputes",
            "Disputes · open · 2",
            "H-7K2M9Q4T",
            "Ada's Attic",
            "not received",
            "149,78 € · refunded 0,00 € · 149,78 € left",
            "R refund · x reject",
            "Seller says   no answer yet",
            "R  refund",
            "x  reject",
            "f  filter",
        ],
    );
    update(&mut state, Action::Down);
    check("ops_disputes", &state);
    assert_shows(
        &state,
        120,
        40,
        &[
            "Bazar Sud · shopper Paul Durand",
            "144,78 € left",
            "“La perceuse est d'occasion, pas neuve comme annoncé.”",
            "“Elle est neuve : le carton a été ouvert pour le contrôle qualité.”",
            "Opened",
            "2026-11-21",
        ],
    );
}

#[test]
fn decided_disputes_say_how_they_ended() {
    let mut state = ops_state(OpsTab::Disputes);
    let effect = update(&mut state, Action::NextFilter);
    let all = crate::console::fixtures::disputes();
    answer(&mut state, effect, Answer::Disputes(Ok(page(all))));
    check("ops_disputes_decided", &state);
    assert_shows(
        &state,
        80,
        24,
        &[
            "Disputes · decided · 2",
            "refunded 149,78 € on 2026-11-20",
            "decided: nothing left to do",
        ],
    );
    assert_shows(
        &state,
        120,
        40,
        &["Decision      refunded 149,78 € on 2026-11-20: “Le transporteur confirme la perte.”"],
    );
}

#[test]
fn the_refund_form_with_the_amount_left_then_its_confirmation() {
    let state = refund_form("");
    check("ops_dispute_refund_form", &state);
    assert_shows(
        &state,
        80,
        24,
        &["Refund the shopper", "144,78 € of 149,78 €", "144,78"],
    );
    let mut state = refund_form("Colis perdu");
    update(&mut state, Action::Submit);
    check("ops_dispute_refund_confirm", &state);
    assert_shows(
        &state,
        80,
        24,
        &["Refund 144,78 € on H-4D8F2K7Y (Bazar Sud)?"],
    );
}

#[test]
fn the_servers_refusal_beside_the_amount() {
    let mut state = refund_form("Colis perdu");
    update(&mut state, Action::Submit);
    let effect = update(&mut state, Action::Confirm(true));
    let refused = invalid("amount_cents", "At most 144,78 € is left to refund.");
    answer(&mut state, effect, Answer::DisputeDecided(Err(refused)));
    check("ops_dispute_refund_refused", &state);
}

#[test]
fn the_reject_confirmation() {
    let mut state = ops_state(OpsTab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Reject));
    type_text(&mut state, "Livré selon le transporteur");
    update(&mut state, Action::Submit);
    check("ops_dispute_reject_confirm", &state);
}

#[test]
fn an_empty_queue_and_a_failed_load() {
    let mut state = ops_state(OpsTab::Disputes);
    if let Screen::Console(session) = &mut state.screen {
        session.ops.disputes.list.data = Some(page(Vec::new()));
    }
    check("ops_disputes_empty", &state);
    assert_shows(
        &state,
        80,
        24,
        &["No open dispute — press f to see the decided ones."],
    );
    let effect = update(&mut state, Action::Refresh);
    answer(&mut state, effect, Answer::Disputes(Err(down_error())));
    check("ops_disputes_error", &state);
    assert_shows(&state, 80, 24, &["Press r to try again."]);
}

#[test]
fn the_shop_reads_its_disputes_and_what_it_has_to_answer() {
    let mut state = desk_state(Tab::Disputes);
    check("seller_disputes", &state);
    assert_shows(
        &state,
        80,
        24,
        &[
            "8 Disputes (1)",
            "Disputes · all · 4 · 1 to answer",
            "to answer",
            "a answer",
            "You said      no answer yet",
            "a  answer",
        ],
    );
    update(&mut state, Action::Down);
    assert_shows(
        &state,
        120,
        40,
        &[
            "answered: an operator decides",
            "You said      “Elle est neuve",
        ],
    );
}

#[test]
fn the_answer_form_counts_characters_then_asks_first() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    type_text(&mut state, "Remis à Colissimo le 18, suivi 6A123.");
    check("seller_dispute_answer_form", &state);
    assert_shows(&state, 80, 24, &["37/2000 characters"]);
    update(&mut state, Action::Submit);
    check("seller_dispute_answer_confirm", &state);
    let effect = update(&mut state, Action::Confirm(true));
    let refused = invalid("message", "An answer is 2000 characters at most.");
    answer(&mut state, effect, Answer::DisputeAnswered(Err(refused)));
    check("seller_dispute_answer_refused", &state);
}

#[test]
fn the_shops_empty_list_and_a_failed_load() {
    let mut state = desk_state(Tab::Disputes);
    if let Screen::Console(session) = &mut state.screen {
        session.desk.disputes.list.data = Some(page(Vec::new()));
        session.desk.disputes.to_answer = Some(0);
    }
    check("seller_disputes_empty", &state);
    if let Screen::Console(session) = &mut state.screen {
        session.desk.disputes.list.data = None;
        session.desk.disputes.list.load = Loading::Error {
            message: down_error().to_string(),
            retry_in_secs: None,
        };
    }
    check("seller_disputes_error", &state);
}

#[test]
fn the_help_of_both_disputes_screens_fits_in_80_by_24() {
    let mut state = ops_state(OpsTab::Disputes);
    state.help_visible = true;
    check("help_ops_disputes", &state);
    assert_shows(
        &state,
        80,
        24,
        &[
            "refund (asks amount and reason, then you)",
            "reject (asks a reason, then you)",
            "1–7",
            "? or Esc closes",
        ],
    );
    let mut state = desk_state(Tab::Disputes);
    state.help_visible = true;
    check("help_disputes", &state);
    assert_shows(
        &state,
        80,
        24,
        &[
            "answer (once only; asks you first)",
            "1–9",
            "0 Till)",
            "? or Esc closes",
        ],
    );
}
