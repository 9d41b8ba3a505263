//! Snapshots of the seller screens with canned data, at 80×24 and 120×40.

use api_types::{MeResponse, Role, User};

use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::{SERVER, desk_state, invalid, page, type_text};
use crate::console::screens::Tab;
use crate::console::state::{Loading, Screen, Session, State};
use crate::console::update::update;

fn with_desk(state: &mut State, change: impl FnOnce(&mut crate::console::screens::Desk)) {
    if let Screen::Console(session) = &mut state.screen {
        change(&mut session.desk);
    }
}

#[test]
fn dashboard() {
    check("dashboard", &desk_state(Tab::Dashboard));
}

#[test]
fn dashboard_of_a_new_shop_loading_and_failed() {
    let mut state = desk_state(Tab::Dashboard);
    with_desk(&mut state, |desk| {
        if let Some(dashboard) = desk.dashboard.data.as_mut() {
            dashboard.today.orders = 0;
            dashboard.today.revenue_cents = 0;
            dashboard.open_orders.clear();
            dashboard.pickups_waiting = api_types::analytics::PickupsWaiting {
                count: 0,
                oldest_wait_minutes: None,
                average_wait_minutes: None,
            };
            dashboard.low_stock = 0;
            dashboard.revenue_30d.iter_mut().for_each(|day| {
                day.orders = 0;
                day.revenue_cents = 0;
            });
            dashboard.funnel = api_types::analytics::Funnel::default();
            dashboard.by_channel.clear();
            dashboard.average_minutes_to_ready = None;
        }
    });
    check("dashboard_empty", &state);
    with_desk(&mut state, |desk| {
        desk.dashboard.data = None;
        desk.dashboard.load = Loading::Loading;
    });
    check("dashboard_loading", &state);
    with_desk(&mut state, |desk| {
        desk.dashboard.load = Loading::Error {
            message: "Not found — is this a Halles server?".into(),
            retry_in_secs: None,
        };
    });
    check("dashboard_error", &state);
}

#[test]
fn offers_table() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Down);
    check("offers", &state);
}

#[test]
fn offers_searching() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::CycleSort);
    update(&mut state, Action::Search);
    type_text(&mut state, "per");
    check("offers_search", &state);
}

#[test]
fn offers_empty_loading_and_failed() {
    let mut state = desk_state(Tab::Offers);
    with_desk(&mut state, |desk| {
        desk.offers.list.data = Some(page(Vec::new()));
    });
    check("offers_empty", &state);
    with_desk(&mut state, |desk| {
        desk.offers.list.data = None;
        desk.offers.list.load = Loading::Loading;
    });
    check("offers_loading", &state);
    with_desk(&mut state, |desk| {
        desk.offers.list.load = Loading::Error {
            message: format!("Cannot reach {SERVER} — is `halles serve` running?"),
            retry_in_secs: None,
        };
    });
    check("offers_error", &state);
}

#[test]
fn new_offer_form_with_errors() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::New);
    type_text(&mut state, "4006381333931");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Perceuse à percussion");
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "104,905");
    update(&mut state, Action::Submit);
    check("offer_form_new", &state);
}

#[test]
fn edit_offer_form_with_a_server_error() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Edit);
    let Some(crate::console::action::Effect::Api { request, .. }) =
        update(&mut state, Action::Submit)
    else {
        panic!("saves");
    };
    let error = invalid("delivery_days", "delivery takes 0 to 60 days");
    let answer = Box::new(Answer::OfferSaved(Err(error)));
    update(&mut state, Action::Answer { request, answer });
    check("offer_form_edit", &state);
}

#[test]
fn delete_confirmation() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Delete);
    check("offer_delete_confirm", &state);
}

#[test]
fn stock_grid() {
    let mut state = desk_state(Tab::Stock);
    update(&mut state, Action::Right);
    check("stock", &state);
    update(&mut state, Action::Edit);
    type_text(&mut state, "5");
    check("stock_editing", &state);
}

#[test]
fn locations_table_and_form() {
    let mut state = desk_state(Tab::Locations);
    update(&mut state, Action::Down);
    check("locations", &state);
    update(&mut state, Action::Edit);
    let Some(crate::console::action::Effect::Api { request, .. }) =
        update(&mut state, Action::Submit)
    else {
        panic!("saves");
    };
    let error = invalid("pickup", "only a store serves pickups");
    let answer = Box::new(Answer::LocationSaved(Err(error)));
    update(&mut state, Action::Answer { request, answer });
    check("location_form", &state);
}

#[test]
fn shop_profile() {
    check("shop", &desk_state(Tab::Shop));
}

#[test]
fn open_a_shop() {
    let mut session = Session::new("tok");
    session.user = Some(User {
        id: "u3".into(),
        email: "alan@example.com".into(),
        name: "Alan Turing".into(),
        roles: vec![Role::Shopper],
        shop_id: None,
    });
    let mut state = State::with_session(SERVER, session);
    let Some(crate::console::action::Effect::FetchMe { request, .. }) =
        update(&mut state, Action::Refresh)
    else {
        panic!("asks /me");
    };
    let me = MeResponse {
        user: User {
            id: "u3".into(),
            email: "alan@example.com".into(),
            name: "Alan Turing".into(),
            roles: vec![Role::Shopper],
            shop_id: None,
        },
        shop: None,
    };
    update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    type_text(&mut state, "Alan's Attic");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Alan");
    let Some(crate::console::action::Effect::Api { request, .. }) =
        update(&mut state, Action::Submit)
    else {
        panic!("applies");
    };
    let error = invalid("slug", "a slug is lowercase letters, digits and dashes");
    let answer = Box::new(Answer::ShopCreated(Err(error)));
    update(&mut state, Action::Answer { request, answer });
    check("open_shop", &state);
}

#[test]
fn help_on_the_offers_screen() {
    let mut state = desk_state(Tab::Offers);
    state.help_visible = true;
    check("help_offers", &state);
}
