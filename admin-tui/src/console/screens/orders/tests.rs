//! The orders list: selection, the status filter, paging, reloading, and which steps a
//! status allows.

use super::{PER_PAGE, Verb, verbs};
use crate::client::{ApiError, OrderQuery};
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{
    answer, api_call, desk, desk_state, page, seller_order, seller_orders,
};
use crate::console::screens::Tab;
use crate::console::state::Loading;
use crate::console::update::update;

#[test]
fn arrows_move_the_selection_within_the_page() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Up);
    assert_eq!(desk(&state).orders.selected, 0);
    for _ in 0..10 {
        update(&mut state, Action::Down);
    }
    assert_eq!(desk(&state).orders.selected, 4, "stops on the last row");
    let selected = desk(&state).orders.selected_order().map(|o| o.id.clone());
    assert_eq!(selected.as_deref(), Some("so5"));
}

#[test]
fn f_cycles_the_status_filter_and_asks_the_server_for_page_one() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Down);
    let (request, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(
        call,
        ApiCall::ListOrders(OrderQuery {
            status: Some("paid".into()),
            page: 1,
            per_page: PER_PAGE,
        })
    );
    assert_eq!(desk(&state).orders.selected, 0);
    assert_eq!(desk(&state).orders.list.load, Loading::Loading);

    let paid = vec![seller_order("so1", "H-7K2M9Q4T", "paid", "delivery")];
    answer(&mut state, request, Answer::Orders(Ok(page(paid))));
    assert_eq!(desk(&state).orders.items().len(), 1);

    let (_, call) = api_call(update(&mut state, Action::PrevFilter));
    assert_eq!(
        call,
        ApiCall::ListOrders(OrderQuery {
            status: None,
            page: 1,
            per_page: PER_PAGE,
        })
    );
    let (_, call) = api_call(update(&mut state, Action::PrevFilter));
    let ApiCall::ListOrders(query) = call else {
        panic!("expected a list, got {call:?}");
    };
    assert_eq!(query.status.as_deref(), Some("pending_payment"), "wraps");
}

#[test]
fn page_keys_turn_pages_only_when_there_are_more() {
    let mut state = desk_state(Tab::Orders);
    assert_eq!(update(&mut state, Action::PageDown), None, "one page only");
    let mut big = page(seller_orders());
    big.total = 45;
    let (request, _) = api_call(update(&mut state, Action::NextFilter));
    answer(&mut state, request, Answer::Orders(Ok(big)));
    assert_eq!(desk(&state).orders.pages(), 3);
    let (_, call) = api_call(update(&mut state, Action::PageDown));
    assert_eq!(
        call,
        ApiCall::ListOrders(OrderQuery {
            status: Some("paid".into()),
            page: 2,
            per_page: PER_PAGE,
        }),
        "the filter stays"
    );
    assert_eq!(
        update(&mut state, Action::PageUp),
        None,
        "waits for the page"
    );
}

#[test]
fn reloading_the_orders_screen_also_recounts_what_is_to_handle() {
    let mut state = desk_state(Tab::Orders);
    let Some(crate::console::action::Effect::Batch(effects)) = update(&mut state, Action::Refresh)
    else {
        panic!("expected two requests");
    };
    let calls: Vec<ApiCall> = effects.into_iter().map(|e| api_call(Some(e)).1).collect();
    assert!(matches!(calls[0], ApiCall::ListOrders(_)));
    assert_eq!(
        calls[1],
        ApiCall::CountOrders {
            status: "paid".into()
        }
    );
}

#[test]
fn a_failed_load_keeps_the_rows_and_says_why() {
    let mut state = desk_state(Tab::Orders);
    let (request, _) = api_call(update(&mut state, Action::NextFilter));
    let down = ApiError::Network("Cannot reach the server".into());
    answer(&mut state, request, Answer::Orders(Err(down)));
    let orders = &desk(&state).orders;
    assert_eq!(orders.items().len(), 5, "the last rows stay");
    assert!(
        matches!(&orders.list.load, Loading::Error { message, .. } if message == "Cannot reach the server")
    );
}

#[test]
fn each_status_offers_only_its_steps() {
    let order = |status, method| seller_order("x", "H-X", status, method);
    assert_eq!(
        verbs(&order("paid", "delivery")),
        [Verb::Accept, Verb::Cancel]
    );
    assert_eq!(
        verbs(&order("accepted", "delivery")),
        [Verb::Ship, Verb::Cancel]
    );
    assert_eq!(
        verbs(&order("accepted", "pickup")),
        [Verb::Ready, Verb::Cancel]
    );
    assert_eq!(verbs(&order("ready_for_pickup", "pickup")), [Verb::Collect]);
    assert_eq!(verbs(&order("shipped", "delivery")), [Verb::Refund]);
    for done in ["delivered", "collected"] {
        assert_eq!(
            verbs(&order(done, "delivery")),
            [Verb::Refund, Verb::ReturnInStore]
        );
        let mut taken_back = order(done, "delivery");
        taken_back.return_status = "accepted".into();
        assert_eq!(verbs(&taken_back), [Verb::Refund], "already coming back");
    }
    for over in ["cancelled", "refunded", "pending_payment"] {
        assert!(verbs(&order(over, "delivery")).is_empty());
    }
    let mut returned = order("delivered", "delivery");
    returned.return_status = "requested".into();
    assert_eq!(
        verbs(&returned),
        [
            Verb::Refund,
            Verb::ReturnInStore,
            Verb::AcceptReturn,
            Verb::RefuseReturn
        ]
    );
}
