//! The boost forms: percent typed, basis points sent, empty removes, the server's
//! refusal beside the field.

use api_types::selling::SellerCashback;

use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{
    api_call, desk, desk_state, invalid, open_form, seller_cashback, type_text,
};
use crate::console::screens::Tab;
use crate::console::screens::form::FormKind;
use crate::console::update::update;

fn saved(state: &mut crate::console::state::State, request: u64, cashback: SellerCashback) {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::BoostSaved(Ok(cashback))),
        },
    );
}

#[test]
fn b_sets_the_shop_boost_in_percent_and_an_empty_field_removes_it() {
    let mut state = desk_state(Tab::Cashback);
    update(&mut state, Action::Boost);
    let form = open_form(&state);
    assert_eq!(form.kind, FormKind::ShopBoost);
    assert_eq!(
        form.text("shop_boost_bps"),
        "1,5",
        "starts with the boost in force"
    );
    update(&mut state, Action::ClearField);
    type_text(&mut state, "25");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(call, ApiCall::SetShopBoost(Some(2_500)));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::BoostSaved(Err(invalid(
                "shop_boost_bps",
                "a boost is 0 to 2000 basis points (0–20 %)",
            )))),
        },
    );
    let field = open_form(&state)
        .field("shop_boost_bps")
        .expect("the field");
    assert_eq!(
        field.error.as_deref(),
        Some("a boost is 0 to 2000 basis points (0–20 %)")
    );

    update(&mut state, Action::ClearField);
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(call, ApiCall::SetShopBoost(None));
    let mut after = seller_cashback();
    after.shop_boost_bps = None;
    saved(&mut state, request, after.clone());
    assert!(desk(&state).overlay.is_none());
    assert_eq!(desk(&state).cashback.data, Some(after));
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("The shop boost is removed.")
    );
}

#[test]
fn b_on_the_offers_screen_boosts_the_selected_offer() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Boost);
    let form = open_form(&state);
    assert!(matches!(&form.kind, FormKind::OfferBoost { id, .. } if id == "o1"));
    assert_eq!(form.text("boost_bps"), "3");
    update(&mut state, Action::ClearField);
    type_text(&mut state, "4,25");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(
        call,
        ApiCall::SetOfferBoost {
            id: "o1".into(),
            boost_bps: Some(425),
        }
    );
    let mut after = seller_cashback();
    after.boosted_offers[0].boost_bps = 425;
    saved(&mut state, request, after);
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Boost +4,25 % on “Perceuse à percussion PSB 500”, from the next order.")
    );
}

#[test]
fn a_boost_that_is_not_a_percent_is_refused_here() {
    let mut state = desk_state(Tab::Cashback);
    update(&mut state, Action::Boost);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "2,555");
    assert_eq!(update(&mut state, Action::Submit), None);
    let field = open_form(&state)
        .field("shop_boost_bps")
        .expect("the field");
    assert_eq!(
        field.error.as_deref(),
        Some("At most two digits after the comma (0,01 %)")
    );
}
