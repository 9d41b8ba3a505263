//! Low stock: asked with the grid, marked per cell, and `T` setting an offer's threshold.

use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, invalid, open_form, page, type_text};
use crate::console::screens::Tab;
use crate::console::screens::stock::StockVerb;
use crate::console::state::{Loading, NoticeKind, State};
use crate::console::update::update;

fn calls(effect: Option<Effect>) -> Vec<ApiCall> {
    match effect {
        Some(Effect::Batch(effects)) => effects.into_iter().map(|e| api_call(Some(e)).1).collect(),
        other => vec![api_call(other).1],
    }
}

fn threshold_answer(
    state: &mut State,
    request: u64,
    result: Result<i64, crate::client::ApiError>,
) -> Option<Effect> {
    let answer = Answer::ThresholdSaved {
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

#[test]
fn reloading_the_grid_asks_for_the_low_rows_too() {
    let mut state = desk_state(Tab::Stock);
    let asked = calls(update(&mut state, Action::Refresh));
    assert_eq!(asked.last(), Some(&ApiCall::LowStock));
    let request = desk(&state).stock.low.pending.expect("asked");
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::LowStock(Ok(page(Vec::new())))),
        },
    );
    assert!(!desk(&state).stock.is_low("o1", "l2"));
}

#[test]
fn the_low_rows_mark_their_cells_only() {
    let state = desk_state(Tab::Stock);
    let stock = &desk(&state).stock;
    assert!(stock.is_low("o1", "l2"));
    assert!(stock.is_low("o2", "l1"));
    assert!(!stock.is_low("o1", "l1"));
}

#[test]
fn a_failed_low_stock_list_leaves_the_status_bar_alone() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Refresh);
    let request = desk(&state).stock.low.pending.expect("asked");
    let failed = Answer::LowStock(Err(crate::client::ApiError::Network("down".into())));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(failed),
        },
    );
    assert!(matches!(desk(&state).stock.low.load, Loading::Error { .. }));
    assert_eq!(state.notice, None, "the legend says it");
}

#[test]
fn capital_t_sets_the_offers_threshold_from_what_is_known() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Stock(StockVerb::Threshold));
    let form = open_form(&state);
    assert_eq!(form.kind.title(), "Low-stock threshold");
    assert_eq!(form.text("offer"), "Perceuse à percussion PSB 500");
    assert_eq!(
        form.text("low_stock_threshold"),
        "5",
        "read from its low row"
    );
    update(&mut state, Action::ClearField);
    type_text(&mut state, "8");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(
        call,
        ApiCall::SetLowStockThreshold {
            offer_id: "o1".into(),
            threshold: 8
        }
    );
    let effect = threshold_answer(&mut state, request, Ok(8));
    assert_eq!(api_call(effect).1, ApiCall::LowStock);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Perceuse à percussion PSB 500: low at 8 free unit(s) or fewer.")
    );
    update(&mut state, Action::Stock(StockVerb::Threshold));
    assert_eq!(
        open_form(&state).text("low_stock_threshold"),
        "8",
        "remembered"
    );
}

#[test]
fn an_empty_threshold_is_refused_here_and_a_big_one_by_the_server() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    update(&mut state, Action::Stock(StockVerb::Threshold));
    assert_eq!(
        open_form(&state).text("low_stock_threshold"),
        "",
        "not known"
    );
    assert_eq!(update(&mut state, Action::Submit), None);
    assert!(open_form(&state).has_errors());

    type_text(&mut state, "20000");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let refused = invalid("low_stock_threshold", "low_stock_threshold is 0 to 10,000");
    assert_eq!(threshold_answer(&mut state, request, Err(refused)), None);
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(
        form.field("low_stock_threshold")
            .and_then(|f| f.error.as_deref()),
        Some("low_stock_threshold is 0 to 10,000")
    );
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(
        notice.text,
        "Threshold not saved: low_stock_threshold is 0 to 10,000"
    );
}
