//! The dashboard's transitions: loaded after sign-in, again when entered and with `r`;
//! answers applied, stale ones dropped, failures kept beside the last figures.

use api_types::analytics::StateCount;

use super::{OpenOrders, best_day, open_orders};
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{answer, api_call, desk, desk_state, seller_dashboard};
use crate::console::screens::Tab;
use crate::console::state::Loading;
use crate::console::update::update;

#[test]
fn entering_the_dashboard_asks_for_it_again() {
    let mut state = desk_state(Tab::Offers);
    let (_, call) = api_call(update(&mut state, Action::SwitchTab(Tab::Dashboard)));
    assert_eq!(call, ApiCall::SellerDashboard);
    assert_eq!(desk(&state).dashboard.load, Loading::Loading);
    assert!(
        desk(&state).dashboard.data.is_some(),
        "the last figures stay on show while reloading"
    );
    assert_eq!(
        update(&mut state, Action::SwitchTab(Tab::Dashboard)),
        None,
        "pressing 1 on the dashboard is not entering it"
    );
    update(&mut state, Action::SwitchTab(Tab::Till));
    let (_, call) = api_call(update(&mut state, Action::NextTab));
    assert_eq!(call, ApiCall::SellerDashboard, "Tab wraps onto it too");
}

#[test]
fn r_on_the_dashboard_reloads_the_session_then_every_screen_with_it() {
    let mut state = desk_state(Tab::Dashboard);
    let Some(Effect::FetchMe { request, .. }) = update(&mut state, Action::Refresh) else {
        panic!("r checks the session first");
    };
    let me = api_types::MeResponse {
        user: crate::console::fixtures::seller(),
        shop: Some(crate::console::fixtures::shop(
            api_types::ShopStatus::Approved,
        )),
    };
    let Some(Effect::Batch(effects)) = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    ) else {
        panic!("then every seller screen loads");
    };
    let calls: Vec<ApiCall> = effects
        .into_iter()
        .map(|effect| api_call(Some(effect)).1)
        .collect();
    assert!(calls.contains(&ApiCall::SellerDashboard));
}

#[test]
fn the_answer_replaces_the_figures_and_an_older_one_is_dropped() {
    let mut state = desk_state(Tab::Offers);
    let (old, _) = api_call(update(&mut state, Action::SwitchTab(Tab::Dashboard)));
    update(&mut state, Action::SwitchTab(Tab::Offers));
    let (request, _) = api_call(update(&mut state, Action::SwitchTab(Tab::Dashboard)));
    let mut fresh = seller_dashboard();
    fresh.low_stock = 9;
    answer(&mut state, old, Answer::Dashboard(Ok(seller_dashboard())));
    assert_eq!(
        desk(&state).dashboard.load,
        Loading::Loading,
        "old answer dropped"
    );
    answer(&mut state, request, Answer::Dashboard(Ok(fresh.clone())));
    assert_eq!(desk(&state).dashboard.data, Some(fresh));
    assert_eq!(desk(&state).dashboard.load, Loading::Loaded);
}

#[test]
fn a_missing_endpoint_or_a_network_error_is_kept_for_the_screen() {
    let mut state = desk_state(Tab::Offers);
    let (request, _) = api_call(update(&mut state, Action::SwitchTab(Tab::Dashboard)));
    answer(
        &mut state,
        request,
        Answer::Dashboard(Err(ApiError::Network("Cannot reach the server".into()))),
    );
    let dashboard = &desk(&state).dashboard;
    assert!(matches!(
        &dashboard.load,
        Loading::Error { message, .. } if message == "Cannot reach the server"
    ));
    assert_eq!(dashboard.data, Some(seller_dashboard()));
}

#[test]
fn open_orders_read_in_the_order_an_order_moves() {
    let rows = open_orders(&seller_dashboard().open_orders);
    let statuses: Vec<&str> = rows.iter().map(|row| row.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["paid", "accepted", "ready_for_pickup", "shipped"]
    );
    assert_eq!(
        rows[0],
        OpenOrders {
            status: "paid".into(),
            delivery: 2,
            pickup: 1
        }
    );
    let count = |status: &str, count| StateCount {
        status: status.into(),
        fulfilment: "delivery".into(),
        count,
    };
    let odd = open_orders(&[count("on_hold", 1), count("paid", 0), count("shipped", 2)]);
    let statuses: Vec<&str> = odd.iter().map(|row| row.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["shipped", "on_hold"],
        "unknown last, empty dropped"
    );
}

#[test]
fn the_best_day_is_the_highest_revenue_and_none_without_sales() {
    let dashboard = seller_dashboard();
    let (_, best) = best_day(&dashboard.revenue_30d).expect("sales");
    assert_eq!(
        Some(best),
        dashboard.revenue_30d.iter().map(|d| d.revenue_cents).max()
    );
    let mut quiet = dashboard.revenue_30d;
    for day in &mut quiet {
        day.revenue_cents = 0;
    }
    assert_eq!(best_day(&quiet), None);
}
