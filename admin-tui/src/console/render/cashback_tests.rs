//! The campaigns screen and the seller's cashback screen drawn on a `TestBackend`:
//! snapshots at 80×24 and 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::{api_call, desk_state, invalid, ops_state, type_text};
use crate::console::keymap::Keymap;
use crate::console::screens::Tab;
use crate::console::screens::ops::OpsTab;
use crate::console::state::State;
use crate::console::update::update;

/// The text on a `width`×`height` screen, one string per row.
fn screen(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| render(frame, state, &Keymap::default()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn campaigns_table() {
    let state = ops_state(OpsTab::Campaigns);
    let rows = screen(&state, 80, 24).join("\n");
    for text in [
        "5 Campaigns",
        "Semaine de Noël",
        "shop Bazar Sud",
        "+5,00 %",
        "2026-12-01",
        "2026-12-24",
        "running",
        "category Jardin",
        "upcoming",
        "ended",
    ] {
        assert!(rows.contains(text), "{text:?} missing from\n{rows}");
    }
    check("ops_campaigns", &state);
}

#[test]
fn campaign_form_with_a_refused_field() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::New);
    type_text(&mut state, "Noël");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "5");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "2027-06-30");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::CampaignCreated(Err(invalid(
                "ends_at",
                "a campaign lasts at most 90 days",
            )))),
        },
    );
    let rows = screen(&state, 80, 24).join("\n");
    assert!(
        rows.contains("↳ a campaign lasts at most 90 days"),
        "{rows}"
    );
    check("ops_campaign_form_refused", &state);
}

#[test]
fn ending_a_campaign_asks_first() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::Delete);
    type_text(&mut state, "Budget épuisé");
    update(&mut state, Action::Submit);
    check("ops_campaign_end_confirm", &state);
}

#[test]
fn cashback_screen() {
    let state = desk_state(Tab::Cashback);
    let rows = screen(&state, 80, 24).join("\n");
    for text in [
        "+1,50 %",
        "123,45 €",
        "17",
        "Perceuse à percussion PSB 500",
        "+3,00 %",
        "Semaine de Noël",
    ] {
        assert!(rows.contains(text), "{text:?} missing from\n{rows}");
    }
    check("cashback", &state);
}

#[test]
fn offer_boost_form() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Boost);
    check("offer_boost_form", &state);
}
