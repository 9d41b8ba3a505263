//! The shop application form of a shopper without a shop.

use api_types::selling::CreateShopRequest;
use api_types::{MeResponse, Role, ShopStatus, User};

use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{SERVER, api_call, desk, invalid, seller_shop, type_text};
use crate::console::state::{Screen, Session, State, View};
use crate::console::update::update;

fn shopper() -> User {
    User {
        id: "u3".into(),
        email: "alan@example.com".into(),
        name: "Alan Turing".into(),
        roles: vec![Role::Shopper],
        shop_id: None,
    }
}

/// A shopper whose `/me` answered: no shop.
fn shopper_state() -> State {
    let mut state = State::with_session(SERVER, Session::new("tok"));
    let Some(Effect::FetchMe { request, .. }) = update(&mut state, Action::Start) else {
        panic!("expected /me");
    };
    let me = MeResponse {
        user: shopper(),
        shop: None,
    };
    assert_eq!(
        update(
            &mut state,
            Action::MeLoaded {
                request,
                result: Ok(me)
            }
        ),
        None
    );
    state
}

fn view(state: &State) -> View {
    match &state.screen {
        Screen::Console(session) => session.view(),
        Screen::Login(_) => panic!("signed out"),
    }
}

#[test]
fn a_shopper_applies_for_a_shop_and_gets_the_seller_screens() {
    let mut state = shopper_state();
    assert_eq!(view(&state), View::OpenShop);
    type_text(&mut state, "Alan's Attic");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Bad Slug");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    let expected = CreateShopRequest {
        name: "Alan's Attic".into(),
        slug: "Bad Slug".into(),
        description: String::new(),
    };
    assert_eq!(call, ApiCall::CreateShop(expected));
    assert_eq!(
        update(&mut state, Action::Submit),
        None,
        "one application at a time"
    );

    let refused = Answer::ShopCreated(Err(invalid(
        "slug",
        "a slug is lowercase letters, digits and dashes",
    )));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(refused),
        },
    );
    let form = &desk(&state).open_shop;
    assert_eq!(form.fields[form.focus].name, "slug");
    assert!(form.fields[form.focus].error.is_some());

    update(&mut state, Action::ClearField);
    type_text(&mut state, "alans-attic");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let created = Answer::ShopCreated(Ok(seller_shop(ShopStatus::Pending)));
    let effect = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(created),
        },
    );
    let Some(Effect::FetchMe { request, .. }) = effect else {
        panic!("expected /me to be asked again, got {effect:?}");
    };
    assert_eq!(view(&state), View::Desk);
    let mut user = shopper();
    user.roles.push(Role::Seller);
    let me = MeResponse {
        user,
        shop: Some(crate::console::fixtures::shop(ShopStatus::Pending)),
    };
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    let Some(Effect::Batch(loads)) = effect else {
        panic!("expected the seller screens to load, got {effect:?}");
    };
    assert_eq!(loads.len(), 11);
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("waits for an operator"))
    );
}

#[test]
fn ctrl_keys_do_not_type_and_the_operator_gets_the_operator_screens() {
    let mut state = shopper_state();
    update(&mut state, Action::Backspace);
    update(&mut state, Action::FocusPrev);
    assert_eq!(desk(&state).open_shop.focus, 2, "wraps to the description");

    let mut operator = State::with_session(SERVER, Session::new("tok"));
    let Some(Effect::FetchMe { request, .. }) = update(&mut operator, Action::Start) else {
        panic!("expected /me");
    };
    let me = MeResponse {
        user: crate::console::fixtures::operator(),
        shop: None,
    };
    let loads = update(
        &mut operator,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    assert_eq!(view(&operator), View::Operator);
    assert!(matches!(loads, Some(Effect::Batch(calls)) if calls.len() == 8));
    assert_eq!(update(&mut operator, Action::New), None);
}
