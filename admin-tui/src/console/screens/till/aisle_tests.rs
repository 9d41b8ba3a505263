//! The endless aisle: the form for what the store lacks, delivery or pickup, its checks,
//! the confirmation and the sale it sends.

use api_types::buying::Address;
use api_types::omnichannel::{TillFulfilment, TillSaleRequest};

use super::TillVerb;
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{
    answer, api_call, desk, invalid, open_form, till_cart, till_order, till_with, type_text,
};
use crate::console::screens::Overlay;
use crate::console::screens::form::FormKind;
use crate::console::state::State;
use crate::console::update::update;

/// The names of the form's fields, in order.
fn names(state: &State) -> Vec<&'static str> {
    open_form(state).fields.iter().map(|f| f.name).collect()
}

fn focus(state: &mut State, name: &str) {
    let index = open_form(state)
        .fields
        .iter()
        .position(|f| f.name == name)
        .expect("the field");
    for _ in 0..20 {
        if open_form(state).focus == index {
            return;
        }
        update(state, Action::FocusNext);
    }
    panic!("cannot focus {name}");
}

fn confirm_message(state: &State) -> String {
    match &desk(state).overlay {
        Some(Overlay::Confirm(confirm)) => confirm.message.clone(),
        other => panic!("expected a confirmation, got {other:?}"),
    }
}

fn sale(state: &mut State) -> (u64, TillSaleRequest) {
    match api_call(update(state, Action::Confirm(true))) {
        (request, ApiCall::TillSale { body, .. }) => (request, body),
        (_, other) => panic!("expected a sale, got {other:?}"),
    }
}

#[test]
fn o_opens_the_form_for_the_lines_not_here_delivery_first_with_the_shoppers_name() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Aisle));
    let form = open_form(&state);
    assert!(matches!(
        &form.kind,
        FormKind::TillAisle { offer_ids, .. } if offer_ids == &["o5".to_owned()]
    ));
    assert_eq!(form.text("lines"), "2 × Coffret de vis (600 pièces)");
    assert_eq!(form.text("address.name"), "Jeanne Martin");
    assert_eq!(
        names(&state),
        [
            "lines",
            "method",
            "address.name",
            "address.line1",
            "address.postcode",
            "address.city",
            "payment"
        ]
    );
}

#[test]
fn a_delivery_is_checked_here_then_confirmed_then_sold() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Aisle));
    focus(&mut state, "address.line1");
    type_text(&mut state, "3 rue Oberkampf");
    focus(&mut state, "address.postcode");
    type_text(&mut state, "7501");
    update(&mut state, Action::Submit);
    let form = open_form(&state);
    let error = |name| form.field(name).and_then(|f| f.error.clone());
    assert_eq!(
        error("address.postcode").as_deref(),
        Some("A French postcode has 5 digits")
    );
    assert_eq!(error("address.city").as_deref(), Some("The city"));

    type_text(&mut state, "1");
    focus(&mut state, "address.city");
    type_text(&mut state, "Paris");
    focus(&mut state, "payment");
    update(&mut state, Action::Right);
    update(&mut state, Action::Submit);
    assert_eq!(
        confirm_message(&state),
        "Order 2 items for Jeanne Martin for 39,98 € plus delivery, paid by card now, \
         delivered to 3 rue Oberkampf, 75011 Paris?"
    );
    let (request, body) = sale(&mut state);
    assert_eq!(
        body,
        TillSaleRequest {
            store_id: "l2".into(),
            payment: "card_present".into(),
            offer_ids: Some(vec!["o5".into()]),
            fulfilment: Some(TillFulfilment {
                method: "delivery".into(),
                address: Some(Address {
                    name: "Jeanne Martin".into(),
                    line1: "3 rue Oberkampf".into(),
                    line2: String::new(),
                    postcode: "75011".into(),
                    city: "Paris".into(),
                    country: "FR".into(),
                }),
                store_id: None,
            }),
        }
    );
    assert_eq!(open_form(&state).pending, Some(request), "the form waits");

    let order = till_order("H-2W8N5R3K", "paid", "delivery");
    answer(&mut state, request, Answer::TillSold(Ok(order)));
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(
        desk(&state).till.done.as_deref(),
        Some("H-2W8N5R3K · 149,78 € paid by card · ordered for delivery to Paris")
    );
}

#[test]
fn pickup_swaps_the_address_for_the_stores_holding_the_lines_and_back() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Aisle));
    focus(&mut state, "address.line1");
    type_text(&mut state, "3 rue Oberkampf");
    focus(&mut state, "method");
    update(&mut state, Action::Right);
    assert_eq!(
        names(&state),
        ["lines", "method", "fulfilment.store_id", "payment"]
    );
    assert_eq!(
        open_form(&state)
            .field("fulfilment.store_id")
            .map(|f| f.shown()),
        Some("Atelier Croix-Rousse (Lyon)")
    );
    update(&mut state, Action::Submit);
    assert_eq!(
        confirm_message(&state),
        "Order 2 items for Jeanne Martin for 39,98 €, paid in cash now, waiting at Atelier \
         Croix-Rousse (Lyon)?"
    );
    update(&mut state, Action::Confirm(false));
    update(&mut state, Action::Left);
    assert_eq!(
        open_form(&state).text("address.line1"),
        "3 rue Oberkampf",
        "what was typed comes back with delivery"
    );
    update(&mut state, Action::Right);
    update(&mut state, Action::Submit);
    let (request, body) = sale(&mut state);
    let fulfilment = body.fulfilment.expect("a fulfilment");
    assert_eq!(
        (fulfilment.method.as_str(), fulfilment.store_id.as_deref()),
        ("pickup", Some("l3"))
    );
    let order = till_order("H-2W8N5R3K", "paid", "pickup");
    answer(&mut state, request, Answer::TillSold(Ok(order)));
    assert!(
        desk(&state)
            .till
            .done
            .as_deref()
            .is_some_and(|done| done.ends_with("ordered for pickup at Atelier Croix-Rousse"))
    );
}

#[test]
fn without_another_store_holding_them_only_delivery_is_offered() {
    let mut cart = till_cart();
    cart.lines[1].stock[0].available = 0;
    let mut state = till_with(cart);
    update(&mut state, Action::Till(TillVerb::Aisle));
    focus(&mut state, "method");
    update(&mut state, Action::Right);
    assert_eq!(
        open_form(&state).field("method").map(|f| f.shown()),
        Some("home delivery (no other store has it)")
    );
    assert!(names(&state).contains(&"address.line1"));
}

#[test]
fn a_field_the_server_refuses_is_marked_beside_it() {
    let mut state = till_with(till_cart());
    update(&mut state, Action::Till(TillVerb::Aisle));
    focus(&mut state, "address.line1");
    type_text(&mut state, "3 rue Oberkampf");
    focus(&mut state, "address.postcode");
    type_text(&mut state, "99999");
    focus(&mut state, "address.city");
    type_text(&mut state, "Nowhere");
    update(&mut state, Action::Submit);
    let (request, _) = sale(&mut state);
    let refused = invalid("address.postcode", "No such French postcode.");
    assert_eq!(
        answer(&mut state, request, Answer::TillSold(Err(refused))),
        None
    );
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(
        form.field("address.postcode")
            .and_then(|f| f.error.as_deref()),
        Some("No such French postcode.")
    );
}

#[test]
fn o_with_everything_here_says_to_sell_it_now() {
    let mut cart = till_cart();
    cart.lines.truncate(1);
    let mut state = till_with(cart);
    update(&mut state, Action::Till(TillVerb::Aisle));
    assert_eq!(desk(&state).overlay, None);
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.ends_with("sell it now with c (cash) or k (card)."))
    );
}
