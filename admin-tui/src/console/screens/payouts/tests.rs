//! The payouts screen's transitions: loaded on `r` and with the other screens, answers
//! applied, failures kept for the screen to show.

use super::{is_empty, kind_label};
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{api_call, desk, desk_state, seller_payouts};
use crate::console::screens::Tab;
use crate::console::state::Loading;
use crate::console::update::update;

#[test]
fn r_on_the_payouts_screen_asks_for_the_payouts() {
    let mut state = desk_state(Tab::Payouts);
    let (_, call) = api_call(update(&mut state, Action::Refresh));
    assert_eq!(call, ApiCall::SellerPayouts);
    assert_eq!(desk(&state).payouts.load, Loading::Loading);
}

#[test]
fn the_answer_replaces_the_payouts_and_an_older_one_is_dropped() {
    let mut state = desk_state(Tab::Payouts);
    let (old, _) = api_call(update(&mut state, Action::Refresh));
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    let mut fresh = seller_payouts();
    fresh.payable_cents = 1;
    let answer = |result| Action::Answer {
        request: old,
        answer: Box::new(Answer::Payouts(result)),
    };
    update(&mut state, answer(Ok(fresh.clone())));
    assert_eq!(
        desk(&state).payouts.load,
        Loading::Loading,
        "old answer dropped"
    );
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Payouts(Ok(fresh.clone()))),
        },
    );
    assert_eq!(desk(&state).payouts.data, Some(fresh));
    assert_eq!(desk(&state).payouts.load, Loading::Loaded);
}

#[test]
fn a_network_error_is_kept_for_the_screen_and_the_last_data_stays() {
    let mut state = desk_state(Tab::Payouts);
    let (request, _) = api_call(update(&mut state, Action::Refresh));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Payouts(Err(ApiError::Network(
                "Cannot reach the server".into(),
            )))),
        },
    );
    let payouts = &desk(&state).payouts;
    assert!(
        matches!(&payouts.load, Loading::Error { message, .. } if message == "Cannot reach the server")
    );
    assert_eq!(payouts.data, Some(seller_payouts()));
}

#[test]
fn nine_goes_to_the_payouts_and_tab_goes_on_to_the_till() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::SwitchTab(Tab::Payouts));
    assert_eq!(desk(&state).tab, Tab::Payouts);
    update(&mut state, Action::NextTab);
    assert_eq!(desk(&state).tab, Tab::Till);
}

#[test]
fn every_kind_has_a_readable_label() {
    for (kind, label) in [
        ("earning", "Sale"),
        ("commission", "Commission"),
        ("cashback_boost", "Cashback boost"),
        ("cashback_boost_reversed", "Boost given back"),
        ("payable", "Released to payable"),
        ("refund_seller", "Refund"),
        ("payout", "Payout"),
        ("new_kind", "new kind"),
    ] {
        assert_eq!(kind_label(kind), label);
    }
}

#[test]
fn a_shop_without_earnings_is_empty() {
    let mut payouts = seller_payouts();
    assert!(!is_empty(&payouts));
    payouts.pending_cents = 0;
    payouts.payable_cents = 0;
    payouts.paid_cents = 0;
    payouts.payouts.clear();
    payouts.entries.clear();
    assert!(is_empty(&payouts));
}
