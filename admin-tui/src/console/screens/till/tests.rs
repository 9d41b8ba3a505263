//! The till: typing and looking up a code, choosing the store, selling now, and every
//! answer the server may give.

use api_types::ErrorBody;
use api_types::omnichannel::TillSaleRequest;

use super::lines::{Serve, serve};
use super::{TillVerb, check_code};
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{
    CODE, answer, api_call, conflict, desk, desk_mut, till_cart, till_order, till_state, till_with,
    type_text,
};
use crate::console::keymap::Context;
use crate::console::screens::{Confirmed, Overlay};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.as_ref().expect("a notice");
    (notice.kind, notice.text.clone())
}

/// The code, body and key of a sale request.
fn sale_call(effect: Option<Effect>) -> (u64, String, TillSaleRequest, String) {
    match api_call(effect) {
        (request, ApiCall::TillSale { code, body, key }) => (request, code.0, body, key),
        (_, other) => panic!("expected a sale, got {other:?}"),
    }
}

/// `c` then `y`: the sale request.
fn sell_in_cash(state: &mut State) -> (u64, String, TillSaleRequest, String) {
    assert_eq!(update(state, Action::Till(TillVerb::Cash)), None);
    sale_call(update(state, Action::Confirm(true)))
}

fn error(status: u16, code: &str, message: &str, field: Option<&str>) -> ApiError {
    ApiError::Api {
        status,
        body: ErrorBody::new(code, message, field),
    }
}

#[test]
fn codes_are_typed_in_any_case_without_spaces_or_dashes_and_checked_before_asking() {
    let mut state = till_state();
    assert_eq!(Context::of(&state), Context::TillCode);
    type_text(&mut state, "7kq2-m9 x");
    assert_eq!(desk(&state).till.code, "7KQ2M9X");
    assert_eq!(
        update(&mut state, Action::Submit),
        None,
        "too short: not asked"
    );
    assert_eq!(
        desk(&state).till.code_error.as_deref(),
        Some("A code has 8 letters and digits; this one has 7.")
    );
    type_text(&mut state, "a");
    assert_eq!(
        desk(&state).till.code_error,
        None,
        "typing clears the error"
    );
    let (_, call) = api_call(update(&mut state, Action::Submit));
    let ApiCall::TillCart { code } = call else {
        panic!("expected a look-up, got {call:?}");
    };
    assert_eq!(code.0, CODE);
    assert_eq!(
        format!("{code:?}"),
        "<redacted>",
        "the code stays out of the log"
    );
}

#[test]
fn look_alike_and_foreign_characters_are_refused_here() {
    assert_eq!(check_code(CODE), Ok(()));
    assert!(
        check_code("")
            .expect_err("refused")
            .starts_with("Type or scan")
    );
    assert!(
        check_code("7KQ2M9X0")
            .expect_err("refused")
            .contains("no 0, 1, I or O")
    );
    assert!(check_code("7KQ2M9X!").expect_err("refused").contains("“!”"));
}

#[test]
fn the_cart_loads_and_the_keys_now_sell_it() {
    let state = till_with(till_cart());
    let till = &desk(&state).till;
    assert_eq!(
        till.shown().map(|cart| cart.shopper_name.as_str()),
        Some("Jeanne Martin")
    );
    assert_eq!(till.code, "", "the field is ready for the next shopper");
    assert_eq!(Context::of(&state), Context::Till);
    let lines = &till.shown().expect("a cart").lines;
    let at_rivoli: Vec<Serve> = lines.iter().map(|line| serve(line, Some("l2"))).collect();
    assert_eq!(
        at_rivoli,
        [Serve::Here, Serve::Elsewhere, Serve::No("sold out".into())]
    );
}

#[test]
fn an_unknown_code_and_a_throttle_are_said_beside_the_code() {
    let mut state = till_state();
    type_text(&mut state, "ZZZZZZZZ");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let unknown = error(
        404,
        "handoff_unknown",
        "No cart was handed off with this code, or it has expired.",
        Some("code"),
    );
    answer(&mut state, request, Answer::TillCart(Err(unknown)));
    let till = &desk(&state).till;
    assert_eq!(till.shown(), None);
    assert_eq!(till.code, "ZZZZZZZZ", "kept, to correct it");
    assert_eq!(
        till.code_error.as_deref(),
        Some("No cart was handed off with this code, or it has expired.")
    );

    let (request, _) = api_call(update(&mut state, Action::Submit));
    let throttled = error(
        429,
        "too_many_attempts",
        "Too many wrong codes at this shop's tills: try again in 45 s.",
        None,
    );
    answer(&mut state, request, Answer::TillCart(Err(throttled)));
    assert!(
        desk(&state)
            .till
            .code_error
            .as_deref()
            .is_some_and(|message| message.ends_with("try again in 45 s."))
    );
}

#[test]
fn a_network_failure_says_how_to_retry() {
    let mut state = till_state();
    type_text(&mut state, CODE);
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let down =
        ApiError::Network("Cannot reach http://127.0.0.1:3000 — is `halles serve` running?".into());
    answer(&mut state, request, Answer::TillCart(Err(down)));
    assert_eq!(desk(&state).till.code, CODE);
    let (kind, text) = notice(&state);
    assert_eq!(kind, NoticeKind::Error);
    assert_eq!(
        text,
        "The cart was not looked up. Press Enter to try again."
    );
    assert!(
        desk(&state)
            .till
            .code_error
            .as_deref()
            .is_some_and(|message| message.starts_with("Cannot reach")),
        "the reason is beside the code"
    );
    assert!(
        update(&mut state, Action::Submit).is_some(),
        "Enter asks again"
    );
}

#[test]
fn arrows_choose_the_till_store_and_it_is_kept_for_the_next_shopper() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Right);
    assert_eq!(desk(&state).till.store.as_deref(), Some("l3"));
    assert_eq!(notice(&state).1, "The till is at Atelier Croix-Rousse now.");
    let lines = &desk(&state).till.shown().expect("a cart").lines;
    assert_eq!(serve(&lines[0], Some("l3")), Serve::Elsewhere);
    assert_eq!(serve(&lines[1], Some("l3")), Serve::Here);
    update(&mut state, Action::Cancel);
    assert_eq!(desk(&state).till.shown(), None, "Esc: the next shopper");
    assert_eq!(desk(&state).till.store.as_deref(), Some("l3"));
    update(&mut state, Action::Left);
    assert_eq!(desk(&state).till.store.as_deref(), Some("l2"));
}

#[test]
fn c_asks_with_the_total_then_sells_what_is_here_in_cash() {
    let mut state = till_with(till_cart());
    assert_eq!(update(&mut state, Action::Till(TillVerb::Cash)), None);
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("expected a confirmation");
    };
    assert_eq!(
        confirm.message,
        "Sell 1 item to Jeanne Martin for 104,90 € in cash, handed over now at Boutique \
         Rivoli? The other 2 lines stay in the shopper's cart."
    );
    assert!(matches!(confirm.then, Confirmed::Till(_)));
    let (request, code, body, key) = sale_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(code, CODE);
    assert_eq!(
        body,
        TillSaleRequest {
            store_id: "l2".into(),
            payment: "cash".into(),
            offer_ids: Some(vec!["o1".into()]),
            fulfilment: None,
        }
    );
    assert_eq!(key.len(), 32);
    assert!(desk(&state).till.selling());

    let order = till_order("H-9T4K7M2Q", "collected", "pickup");
    let effect = answer(&mut state, request, Answer::TillSold(Ok(order)));
    assert!(
        matches!(effect, Some(Effect::Batch(_))),
        "the stock is asked again"
    );
    let till = &desk(&state).till;
    assert_eq!(till.shown(), None, "cleared for the next shopper");
    assert_eq!(
        till.done.as_deref(),
        Some("H-9T4K7M2Q · 144,88 € paid in cash · handed over")
    );
    assert_eq!(Context::of(&state), Context::TillCode);
}

#[test]
fn k_sells_by_card_and_no_keeps_the_cart() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Card));
    update(&mut state, Action::Confirm(false));
    assert_eq!(desk(&state).overlay, None);
    assert!(desk(&state).till.shown().is_some());
    update(&mut state, Action::Till(TillVerb::Card));
    let (_, _, body, _) = sale_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(body.payment, "card_present");
}

#[test]
fn nothing_to_hand_over_here_points_at_the_endless_aisle() {
    let mut cart = till_cart();
    cart.lines.remove(0);
    let mut state = till_with(cart);
    assert_eq!(update(&mut state, Action::Till(TillVerb::Cash)), None);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "Nothing here is in stock at Boutique Rivoli: press o to order the 1 line for \
             the shopper."
                .into()
        )
    );
}

#[test]
fn out_of_stock_here_is_said_on_the_cart_which_is_asked_again() {
    let mut state = till_with(till_cart());
    let (request, ..) = sell_in_cash(&mut state);
    let refused = error(
        409,
        "out_of_stock",
        "“Perceuse à percussion PSB 500” is sold out at this store.",
        Some("offer_id"),
    );
    let (_, call) = api_call(answer(&mut state, request, Answer::TillSold(Err(refused))));
    assert!(
        matches!(call, ApiCall::TillCart { .. }),
        "the stock is asked again"
    );
    let till = &desk(&state).till;
    assert!(till.shown().is_some(), "the cart stays");
    assert_eq!(
        till.sale_error.as_deref(),
        Some("“Perceuse à percussion PSB 500” is sold out at this store.")
    );
    assert_eq!(till.attempt, None);
    assert!(notice(&state).1.starts_with("Not sold: "));
}

#[test]
fn a_code_already_used_reloads_the_cart_which_then_refuses_to_sell() {
    let mut state = till_with(till_cart());
    let (request, ..) = sell_in_cash(&mut state);
    let used = conflict(
        "handoff_used",
        "This shop already completed a sale with this code.",
    );
    let (request_again, _) = api_call(answer(&mut state, request, Answer::TillSold(Err(used))));
    let mut sold = till_cart();
    sold.sold_order_id = Some("order-so9".into());
    answer(&mut state, request_again, Answer::TillCart(Ok(sold)));
    assert_eq!(
        desk(&state).till.sale_error.as_deref(),
        Some("This shop already completed a sale with this code.")
    );
    assert_eq!(update(&mut state, Action::Till(TillVerb::Cash)), None);
    assert!(notice(&state).1.starts_with("This code was already used"));
}

#[test]
fn a_sale_lost_on_the_network_is_retried_with_the_same_key() {
    let mut state = till_with(till_cart());
    let (request, _, _, key) = sell_in_cash(&mut state);
    let lost = ApiError::Network("Lost the connection to http://127.0.0.1:3000".into());
    assert_eq!(
        answer(&mut state, request, Answer::TillSold(Err(lost))),
        None
    );
    let till = &desk(&state).till;
    assert!(
        till.sale_error
            .as_deref()
            .is_some_and(|m| m.contains("recorded only once"))
    );
    let (_, _, _, again) = sell_in_cash(&mut state);
    assert_eq!(again, key, "the same sale, the same key");
    // Another sale (by card) is another key.
    let mut state = till_with(till_cart());
    let (_, _, _, first) = sell_in_cash(&mut state);
    let mut other = till_with(till_cart());
    update(&mut other, Action::Till(TillVerb::Card));
    let (_, _, _, second) = sale_call(update(&mut other, Action::Confirm(true)));
    assert_ne!(first, second);
}

#[test]
fn while_a_sale_is_sent_the_till_waits() {
    let mut state = till_with(till_cart());
    sell_in_cash(&mut state);
    update(&mut state, Action::Cancel);
    assert!(desk(&state).till.shown().is_some(), "not cleared mid-sale");
    assert_eq!(update(&mut state, Action::Till(TillVerb::Card)), None);
    assert_eq!(
        notice(&state).1,
        "Still waiting for the server's answer to the sale."
    );
}

#[test]
fn an_answer_to_an_older_look_up_is_ignored() {
    let mut state = till_state();
    type_text(&mut state, CODE);
    let (old, _) = api_call(update(&mut state, Action::Submit));
    desk_mut(&mut state).till.cart.pending = Some(old + 7);
    answer(&mut state, old, Answer::TillCart(Ok(till_cart())));
    assert_eq!(desk(&state).till.shown(), None);
}

#[test]
fn a_shop_without_a_store_cannot_sell() {
    let mut state = till_with(till_cart());
    if let Some(locations) = desk_mut(&mut state).locations.list.data.as_mut() {
        locations.retain(|location| location.kind != "store");
    }
    assert_eq!(update(&mut state, Action::Till(TillVerb::Cash)), None);
    assert!(notice(&state).1.starts_with("This shop has no store"));
}

#[test]
fn r_asks_for_the_cart_again_and_a_failure_keeps_it_on_show() {
    let mut state = till_with(till_cart());
    let Some(Effect::Batch(effects)) = update(&mut state, Action::Refresh) else {
        panic!("expected the locations and the cart to be asked again");
    };
    let request = effects
        .into_iter()
        .map(|effect| api_call(Some(effect)))
        .find_map(|(request, call)| matches!(call, ApiCall::TillCart { .. }).then_some(request))
        .expect("the cart is asked again");
    let down = ApiError::Network("Cannot reach the server".into());
    answer(&mut state, request, Answer::TillCart(Err(down)));
    assert!(
        desk(&state).till.shown().is_some(),
        "the cart stays on show"
    );
    assert_eq!(
        notice(&state).1,
        "The cart was not looked up. Press r to try again."
    );
}
