//! Switching screens, loading them, and what a failed load does.

use api_types::{ErrorBody, MeResponse, ShopStatus};

use super::Tab;
use crate::client::{ApiError, OrderQuery};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{SERVER, api_call, desk, desk_state, page, seller, shop};
use crate::console::state::{Loading, Screen, Session, State};
use crate::console::update::update;

fn calls(effect: Option<Effect>) -> Vec<ApiCall> {
    match effect {
        Some(Effect::Batch(effects)) => effects.into_iter().map(|e| api_call(Some(e)).1).collect(),
        other => vec![api_call(other).1],
    }
}

#[test]
fn number_keys_and_tab_switch_screens() {
    let mut state = desk_state(Tab::Dashboard);
    state.notice = Some(crate::console::state::Notice::info("Saved."));
    update(&mut state, Action::SwitchTab(Tab::Locations));
    assert_eq!(desk(&state).tab, Tab::Locations);
    assert_eq!(state.notice, None, "moving on clears the status bar");
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Shop);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Orders);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Cashback);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Disputes);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Payouts);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Till);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Dashboard, "wraps");
    update(&mut state, Action::PrevTab);
    assert_eq!(desk(&state).tab, Tab::Till);
}

#[test]
fn a_sellers_me_loads_every_screen() {
    let mut state = State::with_session(SERVER, Session::new("tok"));
    let Some(Effect::FetchMe { request, .. }) = update(&mut state, Action::Start) else {
        panic!("expected /me");
    };
    let me = MeResponse {
        user: seller(),
        shop: Some(shop(ShopStatus::Approved)),
    };
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    assert_eq!(
        calls(effect),
        [
            ApiCall::GetShop,
            ApiCall::SellerDashboard,
            ApiCall::ListOffers {
                page: 1,
                per_page: 20
            },
            ApiCall::ListLocations,
            ApiCall::ListCategories,
            ApiCall::ListOrders(OrderQuery {
                status: None,
                page: 1,
                per_page: 20
            }),
            ApiCall::CountOrders {
                status: "paid".into()
            },
            ApiCall::GetCashback,
            ApiCall::LowStock,
            ApiCall::SellerDisputes { status: None },
            ApiCall::SellerPayouts,
        ]
    );
    assert_eq!(desk(&state).offers.list.load, Loading::Loading);
}

#[test]
fn r_reloads_the_screen_on_show_and_a_failure_says_how_to_retry() {
    let mut state = desk_state(Tab::Offers);
    let (request, call) = api_call(update(&mut state, Action::Refresh));
    assert_eq!(
        call,
        ApiCall::ListOffers {
            page: 1,
            per_page: 20
        }
    );
    let down = ApiError::Network("Cannot reach it".into());
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Offers(Err(down))),
        },
    );
    assert_eq!(
        desk(&state).offers.list.load,
        Loading::Error {
            message: "Cannot reach it".into(),
            retry_in_secs: None
        }
    );
    assert!(
        desk(&state).offers.list.data.is_some(),
        "the last page stays"
    );
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Offers(Ok(page(Vec::new())))),
        },
    );
    assert_eq!(desk(&state).offers.total(), Some(0));

    update(&mut state, Action::SwitchTab(Tab::Stock));
    assert_eq!(
        calls(update(&mut state, Action::Refresh)),
        [
            ApiCall::ListOffers {
                page: 1,
                per_page: 20
            },
            ApiCall::ListLocations,
            ApiCall::LowStock
        ]
    );
    update(&mut state, Action::SwitchTab(Tab::Shop));
    assert_eq!(
        calls(update(&mut state, Action::Refresh)),
        [ApiCall::GetShop]
    );
    update(&mut state, Action::SwitchTab(Tab::Dashboard));
    assert!(
        matches!(
            update(&mut state, Action::Refresh),
            Some(Effect::FetchMe { .. })
        ),
        "the dashboard reloads /me"
    );
}

#[test]
fn a_401_on_any_screen_ends_the_session() {
    let mut state = desk_state(Tab::Locations);
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    let expired = ApiError::Api {
        status: 401,
        body: ErrorBody::new("unauthorized", "Sign in", None),
    };
    let effect = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Locations(Err(expired))),
        },
    );
    assert_eq!(effect, Some(Effect::ForgetToken));
    assert!(matches!(state.screen, Screen::Login(_)));
}

#[test]
fn the_shops_answer_refreshes_the_header() {
    let mut state = desk_state(Tab::Shop);
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    let mut suspended = crate::console::fixtures::seller_shop(ShopStatus::Suspended);
    suspended.name = "Ada's Attic (closed)".into();
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Shop(Ok(suspended))),
        },
    );
    let Screen::Console(session) = &state.screen else {
        panic!("signed in");
    };
    assert_eq!(
        session.shop.as_ref().map(|s| s.status),
        Some(ShopStatus::Suspended)
    );
}
