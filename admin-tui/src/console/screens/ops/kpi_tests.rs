//! The KPIs screen's transitions: one key away, loaded with the other screens, the period
//! cycled (asking again), the shops sorted and scrolled, stale answers dropped.

use super::OpsTab;
use super::kpis::{PERIODS, ShopSort};
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{api_call, ops, ops_state, platform_kpis};
use crate::console::state::{Loading, State};
use crate::console::update::update;

fn kpis_state() -> State {
    let mut state = ops_state(OpsTab::Kpis);
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    answer(&mut state, request, Ok(platform_kpis()));
    state
}

fn answer(
    state: &mut State,
    request: u64,
    result: Result<api_types::analytics::PlatformKpis, ApiError>,
) {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Kpis(result)),
        },
    );
}

fn names(state: &State) -> Vec<String> {
    ops(state)
        .kpis
        .shops()
        .iter()
        .map(|shop| shop.shop_name.clone())
        .collect()
}

#[test]
fn seven_opens_the_kpis_and_r_asks_for_the_last_30_days() {
    let mut state = ops_state(OpsTab::Shops);
    assert_eq!(update(&mut state, Action::OpsTab(OpsTab::Kpis)), None);
    assert_eq!(ops(&state).tab, OpsTab::Kpis);
    let (_, call) = api_call(update(&mut state, Action::Refresh));
    assert_eq!(call, ApiCall::PlatformKpis { days: 30 });
    assert_eq!(ops(&state).kpis.report.load, Loading::Loading);
}

#[test]
fn p_cycles_the_period_and_asks_again_the_other_way_with_shift() {
    let mut state = kpis_state();
    update(&mut state, Action::Down);
    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(call, ApiCall::PlatformKpis { days: 90 });
    assert_eq!(
        ops(&state).kpis.selected,
        0,
        "a new period starts at the top"
    );
    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(call, ApiCall::PlatformKpis { days: PERIODS[0] });
    let (_, call) = api_call(update(&mut state, Action::PrevFilter));
    assert_eq!(call, ApiCall::PlatformKpis { days: 90 });
}

#[test]
fn an_answer_for_an_earlier_period_is_dropped() {
    let mut state = kpis_state();
    let (week, _) = api_call(update(&mut state, Action::PrevFilter));
    let (quarter, _) = api_call(update(&mut state, Action::NextFilter));
    let mut stale = platform_kpis();
    stale.period_days = 7;
    answer(&mut state, week, Ok(stale));
    assert_eq!(ops(&state).kpis.report.load, Loading::Loading);
    let mut fresh = platform_kpis();
    fresh.period_days = 30;
    answer(&mut state, quarter, Ok(fresh.clone()));
    assert_eq!(ops(&state).kpis.report.data, Some(fresh));
}

#[test]
fn s_sorts_the_shops_and_rates_without_a_figure_come_last() {
    let mut state = kpis_state();
    assert_eq!(
        names(&state),
        [
            "Bazar Sud",
            "Ada's Attic",
            "Librairie du Canal",
            "Atelier Nord"
        ]
    );
    update(&mut state, Action::CycleSort);
    assert_eq!(ops(&state).kpis.sort, ShopSort::Orders);
    assert_eq!(names(&state)[0], "Librairie du Canal");
    update(&mut state, Action::CycleSort);
    assert_eq!(names(&state)[0], "Ada's Attic", "highest GMV");
    update(&mut state, Action::CycleSort);
    update(&mut state, Action::CycleSort);
    assert_eq!(ops(&state).kpis.sort, ShopSort::Slow);
    assert_eq!(
        names(&state)[3],
        "Librairie du Canal",
        "no pickups: no rate"
    );
    for _ in 0..2 {
        update(&mut state, Action::CycleSort);
    }
    assert_eq!(
        names(&state),
        [
            "Ada's Attic",
            "Atelier Nord",
            "Bazar Sud",
            "Librairie du Canal"
        ]
    );
    update(&mut state, Action::CycleSort);
    assert_eq!(ops(&state).kpis.sort, ShopSort::Worst);
}

#[test]
fn the_selection_stays_in_the_table_and_pages_move_by_ten() {
    let mut state = kpis_state();
    update(&mut state, Action::Up);
    assert_eq!(ops(&state).kpis.selected, 0);
    update(&mut state, Action::PageDown);
    assert_eq!(ops(&state).kpis.selected, 3, "stops at the last shop");
    assert_eq!(
        ops(&state)
            .kpis
            .selected_shop()
            .map(|shop| shop.shop_id.as_str()),
        Some("s3")
    );
    update(&mut state, Action::PageUp);
    assert_eq!(ops(&state).kpis.selected, 0);
}

#[test]
fn a_failure_is_kept_for_the_screen_with_the_last_figures() {
    let mut state = kpis_state();
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    answer(
        &mut state,
        request,
        Err(ApiError::Network("Cannot reach the server".into())),
    );
    let kpis = &ops(&state).kpis;
    assert!(matches!(kpis.report.load, Loading::Error { .. }));
    assert_eq!(kpis.report.data, Some(platform_kpis()));
}
