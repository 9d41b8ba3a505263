//! `i`: a delivered or collected order brought back to a store: picking the store, the
//! reason, the confirmation naming the refund, and the answers.

use api_types::orders::{ReturnInStoreRequest, SellerOrder};

use super::Verb;
use crate::client::{ApiError, OrderStep};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, invalid, open_form, type_text};
use crate::console::screens::form::Value;
use crate::console::screens::{Desk, Overlay, Tab};
use crate::console::state::{NoticeKind, Screen, State};
use crate::console::update::update;

fn desk_mut(state: &mut State) -> &mut Desk {
    match &mut state.screen {
        Screen::Console(session) => &mut session.desk,
        Screen::Login(_) => panic!("expected the console"),
    }
}

/// The orders screen on fixture order `index`, now in `status`.
fn on_order(index: usize, status: &str) -> State {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..index {
        update(&mut state, Action::Down);
    }
    if let Some(page) = desk_mut(&mut state).orders.list.data.as_mut() {
        page.items[index].status = status.into();
    }
    state
}

fn selected(state: &State) -> SellerOrder {
    desk(state)
        .orders
        .selected_order()
        .cloned()
        .expect("selected")
}

/// The shipped order with a return asked for (149,78 €, 5,00 € refunded), delivered,
/// `i` pressed, the reason typed, Enter: the confirmation is open.
fn confirming() -> State {
    let mut state = on_order(3, "delivered");
    update(&mut state, Action::Order(Verb::ReturnInStore));
    update(&mut state, Action::Right);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Trop lourd");
    assert_eq!(update(&mut state, Action::Submit), None, "asks first");
    state
}

fn answer(
    state: &mut State,
    request: u64,
    result: Result<SellerOrder, ApiError>,
) -> Option<Effect> {
    let answer = Answer::OrderChanged {
        id: "so4".into(),
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
fn i_asks_which_store_took_it_back_among_the_stores_only() {
    let mut state = on_order(3, "delivered");
    update(&mut state, Action::Order(Verb::ReturnInStore));
    let form = open_form(&state);
    assert_eq!(form.kind.title(), "Return in store");
    assert_eq!(form.text("refund"), "144,78 €");
    assert_eq!(form.fields[form.focus].name, "store_id");
    let Some(Value::Pick { options, selected }) = form.field("store_id").map(|f| &f.value) else {
        panic!("expected a pick of stores");
    };
    let names: Vec<&str> = options.iter().map(|o| o.1.as_str()).collect();
    assert_eq!(
        names,
        ["Boutique Rivoli (Paris)", "Atelier Croix-Rousse (Lyon)"],
        "no warehouse"
    );
    assert_eq!(*selected, 0);
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        open_form(&state)
            .field("reason")
            .and_then(|f| f.error.as_deref()),
        Some("Say why it came back")
    );
}

#[test]
fn a_collected_pickup_starts_on_its_own_store() {
    let mut state = on_order(2, "collected");
    if let Some(page) = desk_mut(&mut state).orders.list.data.as_mut() {
        page.items[2].fulfilment.store_id = Some("l3".into());
    }
    update(&mut state, Action::Order(Verb::ReturnInStore));
    assert_eq!(open_form(&state).text("store_id"), "l3");
}

#[test]
fn the_confirmation_names_the_refund_and_yes_sends_it_with_a_key() {
    let mut state = confirming();
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("expected a confirmation");
    };
    assert_eq!(confirm.title, "Return in store");
    assert_eq!(
        confirm.message,
        "Take order H-4D8F2K7Y back at Atelier Croix-Rousse (Lyon) and refund 144,78 € to the \
         shopper? The units go onto that store's shelf. This cannot be undone."
    );
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    let ApiCall::OrderStep { id, step, key } = call else {
        panic!("expected an order step, got {call:?}");
    };
    assert_eq!(id, "so4");
    assert_eq!(key.len(), 32);
    let body = ReturnInStoreRequest {
        store_id: "l3".into(),
        reason: "Trop lourd".into(),
    };
    assert_eq!(step, OrderStep::ReturnInStore(body));
    assert_eq!(step.path(), "return");
    assert_eq!(open_form(&state).pending, Some(request), "the form waits");
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Recording the return of H-4D8F2K7Y in store…")
    );
}

#[test]
fn done_says_what_was_refunded_and_the_stock_grid_asks_again() {
    let mut state = confirming();
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let mut returned = selected(&state);
    returned.status = "refunded".into();
    returned.return_status = "accepted".into();
    returned.refunded_cents = returned.total_cents;
    let Some(Effect::Batch(effects)) = answer(&mut state, request, Ok(returned)) else {
        panic!("expected the offers and the low rows to be asked again");
    };
    let asked: Vec<ApiCall> = effects.into_iter().map(|e| api_call(Some(e)).1).collect();
    assert!(matches!(asked[0], ApiCall::ListOffers { .. }));
    assert_eq!(asked[1], ApiCall::LowStock);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(desk(&state).orders.items()[3].status, "refunded");
    assert_eq!(
        state.notice.as_ref().map(|n| (n.kind, n.text.as_str())),
        Some((
            NoticeKind::Info,
            "H-4D8F2K7Y: return recorded, 149,78 € refunded in all; the units are back in store."
        ))
    );
}

#[test]
fn a_warehouse_refused_as_a_store_is_marked_beside_the_store() {
    let mut state = confirming();
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let refused = invalid(
        "store_id",
        "Entrepôt is a warehouse: returns are taken in stores",
    );
    assert_eq!(answer(&mut state, request, Err(refused)), None);
    let form = open_form(&state);
    assert_eq!(form.fields[form.focus].name, "store_id");
    assert!(form.fields[form.focus].error.is_some());
    assert_eq!(
        state.notice.as_ref().map(|n| (n.kind, n.text.as_str())),
        Some((
            NoticeKind::Error,
            "H-4D8F2K7Y was not changed: Entrepôt is a warehouse: returns are taken in stores"
        ))
    );
}

#[test]
fn not_yet_handed_over_or_without_a_store_it_is_refused_with_why() {
    let mut state = on_order(3, "shipped");
    assert_eq!(update(&mut state, Action::Order(Verb::ReturnInStore)), None);
    assert!(state.notice.as_ref().is_some_and(|n| {
        n.text
            .starts_with("Cannot take back in store H-4D8F2K7Y: it is shipped")
    }));
    let mut state = on_order(3, "delivered");
    if let Some(locations) = desk_mut(&mut state).locations.list.data.as_mut() {
        locations.retain(|l| l.kind != "store");
    }
    assert_eq!(update(&mut state, Action::Order(Verb::ReturnInStore)), None);
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("No store to take it back in: add a location of kind store (4, then n).")
    );
}
