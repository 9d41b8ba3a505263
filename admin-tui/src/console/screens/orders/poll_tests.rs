//! Polling the orders in the background: new orders merged in place, the badge and the
//! notice, errors said once, never two polls at a time, nothing else disturbed.

use crate::client::{ApiError, OrderQuery};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{
    answer, api_call, desk, desk_state, ops_state, page, poll_answered, seller_orders,
    seller_orders_with_new,
};
use crate::console::screens::Tab;
use crate::console::screens::ops::OpsTab;
use crate::console::state::{Loading, NoticeKind, State};
use crate::console::update::update;

use super::{PER_PAGE, TO_HANDLE, Verb};

/// The poll's requests: the page's and the count's.
fn tick(state: &mut State) -> Vec<(u64, ApiCall)> {
    match update(state, Action::Tick) {
        Some(Effect::Batch(effects)) => effects.into_iter().map(|e| api_call(Some(e))).collect(),
        None => Vec::new(),
        one => vec![api_call(one)],
    }
}

fn selected_id(state: &State) -> Option<String> {
    desk(state).orders.selected_order().map(|o| o.id.clone())
}

fn notice(state: &State) -> Option<(NoticeKind, &str)> {
    state.notice.as_ref().map(|n| (n.kind, n.text.as_str()))
}

#[test]
fn a_tick_asks_again_for_the_page_on_show_and_the_count_quietly() {
    let mut state = desk_state(Tab::Orders);
    let calls = tick(&mut state);
    let calls: Vec<ApiCall> = calls.into_iter().map(|(_, call)| call).collect();
    assert_eq!(
        calls,
        [
            ApiCall::ListOrders(OrderQuery {
                status: None,
                page: 1,
                per_page: PER_PAGE,
            }),
            ApiCall::CountOrders {
                status: TO_HANDLE.into()
            },
        ]
    );
    let orders = &desk(&state).orders;
    assert_eq!(
        orders.list.load,
        Loading::Loaded,
        "no “loading…” every 10 s"
    );
    assert_eq!(orders.to_handle.load, Loading::Loaded);
}

#[test]
fn a_new_order_keeps_the_selection_by_id_and_shows_the_badge_and_a_message() {
    let mut state = desk_state(Tab::Orders);
    update(&mut state, Action::Down);
    assert_eq!(selected_id(&state).as_deref(), Some("so2"));
    update(&mut state, Action::SwitchTab(Tab::Dashboard));

    poll_answered(&mut state, seller_orders_with_new(), 2);

    let orders = &desk(&state).orders;
    assert_eq!(selected_id(&state).as_deref(), Some("so2"), "kept by id");
    assert_eq!(orders.selected, 2, "one row further down");
    assert_eq!(orders.items().len(), 6);
    assert_eq!(orders.badge, 1);
    assert!(orders.is_fresh("so6"));
    assert!(!orders.is_fresh("so1"), "only the new one is marked");
    assert_eq!(
        orders.to_handle.data,
        Some(2),
        "the dashboard's figure follows"
    );
    assert_eq!(
        notice(&state),
        Some((NoticeKind::Info, "1 new order. Press 6 to see it."))
    );

    // The same page again: nothing new any more.
    poll_answered(&mut state, seller_orders_with_new(), 2);
    assert_eq!(desk(&state).orders.badge, 1);

    // Opening the screen clears the badge; the row stays marked until selected.
    update(&mut state, Action::SwitchTab(Tab::Orders));
    assert_eq!(desk(&state).orders.badge, 0);
    assert!(desk(&state).orders.is_fresh("so6"));
    update(&mut state, Action::Up);
    update(&mut state, Action::Up);
    assert_eq!(selected_id(&state).as_deref(), Some("so6"));
    assert!(!desk(&state).orders.is_fresh("so6"), "seen");
}

#[test]
fn new_orders_on_the_orders_screen_are_marked_without_a_badge_until_it_is_left() {
    let mut state = desk_state(Tab::Orders);
    poll_answered(&mut state, seller_orders_with_new(), 2);
    let orders = &desk(&state).orders;
    assert_eq!(orders.badge, 0, "the seller is looking at them");
    assert!(orders.is_fresh("so6"));
    assert_eq!(selected_id(&state).as_deref(), Some("so1"), "kept by id");
    assert_eq!(notice(&state), Some((NoticeKind::Info, "1 new order.")));
    update(&mut state, Action::SwitchTab(Tab::Offers));
    assert!(!desk(&state).orders.is_fresh("so6"), "seen on the way out");
}

#[test]
fn no_poll_while_one_or_a_reload_is_under_way() {
    let mut state = desk_state(Tab::Orders);
    let first = tick(&mut state);
    assert_eq!(first.len(), 2);
    assert_eq!(tick(&mut state), [], "both still awaited");

    let (count_request, _) = first[1].clone();
    answer(&mut state, count_request, Answer::OrderCount(Ok(1)));
    let again = tick(&mut state);
    assert!(
        matches!(again.as_slice(), [(_, ApiCall::CountOrders { .. })]),
        "only the count is asked again: {again:?}"
    );

    // A reload asks the page: the poll's answer is dropped, and no new poll starts.
    let mut state = desk_state(Tab::Orders);
    let first = tick(&mut state);
    update(&mut state, Action::NextFilter);
    answer(
        &mut state,
        first[0].0,
        Answer::Orders(Ok(page(seller_orders_with_new()))),
    );
    let orders = &desk(&state).orders;
    assert_eq!(orders.items().len(), 5, "the stale poll did not land");
    assert_eq!(orders.filter, 1, "the filter stays");
    assert_eq!(orders.list.load, Loading::Loading);
    assert!(
        !tick(&mut state)
            .iter()
            .any(|(_, call)| matches!(call, ApiCall::ListOrders(_))),
        "the filter's page is still awaited"
    );
}

#[test]
fn a_failing_poll_says_so_once_and_polling_goes_on_until_the_server_answers() {
    let mut state = desk_state(Tab::Dashboard);
    let down = || ApiError::Network("Cannot reach the server".into());
    for round in 0..3 {
        let calls = tick(&mut state);
        assert_eq!(calls.len(), 2, "round {round} polls again");
        answer(&mut state, calls[0].0, Answer::Orders(Err(down())));
        answer(&mut state, calls[1].0, Answer::OrderCount(Err(down())));
        if round == 0 {
            assert_eq!(
                notice(&state),
                Some((
                    NoticeKind::Error,
                    "Cannot check for new orders: Cannot reach the server. Trying again in the background."
                ))
            );
            state.notice = None;
        } else {
            assert_eq!(notice(&state), None, "said once, round {round}");
        }
    }
    let orders = &desk(&state).orders;
    assert_eq!(orders.items().len(), 5, "the rows stay");
    assert_eq!(orders.list.load, Loading::Loaded, "no error screen");
    assert_eq!(orders.to_handle.data, Some(1), "the last figure stays");

    poll_answered(&mut state, seller_orders(), 1);
    assert_eq!(
        notice(&state),
        Some((
            NoticeKind::Info,
            "The server answers again; the orders are up to date."
        ))
    );
    let calls = tick(&mut state);
    answer(&mut state, calls[0].0, Answer::Orders(Err(down())));
    assert_eq!(
        notice(&state).map(|(kind, _)| kind),
        Some(NoticeKind::Error),
        "a new outage is told again"
    );
}

#[test]
fn a_poll_leaves_an_open_form_alone() {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..3 {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::Order(Verb::Refund));
    crate::console::fixtures::type_text(&mut state, "5");
    let form = desk(&state).overlay.clone();
    assert!(form.is_some());

    poll_answered(&mut state, seller_orders_with_new(), 2);

    assert_eq!(
        desk(&state).overlay,
        form,
        "the form and what was typed stay"
    );
    assert_eq!(selected_id(&state).as_deref(), Some("so4"));
}

/// The new paid pickup (`so6`, first row) selected, as a poll brought it in.
fn on_new_pickup() -> State {
    let mut state = desk_state(Tab::Orders);
    poll_answered(&mut state, seller_orders_with_new(), 2);
    update(&mut state, Action::Up);
    assert_eq!(selected_id(&state).as_deref(), Some("so6"));
    state
}

/// Sends `verb` on the selected order; returns the step's request.
fn step(state: &mut State, verb: Verb) -> u64 {
    match api_call(update(state, Action::Order(verb))) {
        (request, ApiCall::OrderStep { .. }) => request,
        (_, call) => panic!("expected the step to be sent, got {call:?}"),
    }
}

/// The server's answer to the step `request` on the selected order: it is now `status`.
fn step_answered(state: &mut State, request: u64, status: &str) {
    let mut order = desk(state)
        .orders
        .selected_order()
        .cloned()
        .expect("an order is selected");
    order.status = status.into();
    let id = order.id.clone();
    answer(
        state,
        request,
        Answer::OrderChanged {
            id,
            result: Ok(order),
        },
    );
}

fn status_of(state: &State, id: &str) -> Option<String> {
    desk(state)
        .orders
        .items()
        .iter()
        .find(|order| order.id == id)
        .map(|order| order.status.clone())
}

#[test]
fn a_poll_asked_before_a_steps_answer_does_not_put_the_old_status_back() {
    let mut state = on_new_pickup();
    let polls = tick(&mut state);
    let (list_poll, count_poll) = (polls[0].0, polls[1].0);

    let accept = step(&mut state, Verb::Accept);
    step_answered(&mut state, accept, "accepted");
    assert_eq!(
        desk(&state).orders.to_handle.data,
        Some(1),
        "one fewer to handle"
    );

    // The poll asked before the answer arrives after it, with the order still paid.
    answer(
        &mut state,
        list_poll,
        Answer::Orders(Ok(page(seller_orders_with_new()))),
    );
    answer(&mut state, count_poll, Answer::OrderCount(Ok(2)));
    assert_eq!(status_of(&state, "so6").as_deref(), Some("accepted"));
    assert_eq!(
        status_of(&state, "so1").as_deref(),
        Some("paid"),
        "the rows the step did not change are the poll's"
    );
    assert_eq!(
        desk(&state).orders.to_handle.data,
        Some(1),
        "the step's count"
    );
    assert_eq!(selected_id(&state).as_deref(), Some("so6"));

    // So the next step is taken at once, not refused for a status gone by.
    let ready = step(&mut state, Verb::Ready);
    step_answered(&mut state, ready, "ready_for_pickup");
    assert_eq!(
        status_of(&state, "so6").as_deref(),
        Some("ready_for_pickup")
    );
}

#[test]
fn a_poll_asked_after_a_steps_answer_is_applied_whole() {
    let mut state = on_new_pickup();
    let accept = step(&mut state, Verb::Accept);
    step_answered(&mut state, accept, "accepted");

    // Meanwhile the shopper cancelled it: a poll asked now says so, and so does the count.
    let mut page_now = seller_orders_with_new();
    page_now[0].status = "cancelled".into();
    page_now[1].status = "accepted".into();
    poll_answered(&mut state, page_now, 0);

    let orders = &desk(&state).orders;
    assert_eq!(status_of(&state, "so6").as_deref(), Some("cancelled"));
    assert_eq!(status_of(&state, "so1").as_deref(), Some("accepted"));
    assert_eq!(orders.to_handle.data, Some(0));
    assert!(
        orders.changed.is_empty(),
        "a page asked after the change needs it no more"
    );
}

#[test]
fn a_reload_asked_before_a_steps_answer_keeps_the_steps_row_and_count() {
    let mut state = on_new_pickup();
    let accept = step(&mut state, Verb::Accept);
    let Some(Effect::Batch(reload)) = update(&mut state, Action::Refresh) else {
        panic!("expected the page and the count to be asked again");
    };
    let reload: Vec<(u64, ApiCall)> = reload.into_iter().map(|e| api_call(Some(e))).collect();
    step_answered(&mut state, accept, "accepted");
    for (request, call) in reload {
        let stale = match call {
            ApiCall::ListOrders(_) => Answer::Orders(Ok(page(seller_orders_with_new()))),
            ApiCall::CountOrders { .. } => Answer::OrderCount(Ok(2)),
            call => panic!("a reload of the orders asks for orders, not {call:?}"),
        };
        answer(&mut state, request, stale);
    }
    let orders = &desk(&state).orders;
    assert_eq!(status_of(&state, "so6").as_deref(), Some("accepted"));
    assert_eq!(orders.list.load, Loading::Loaded);
    assert_eq!(orders.to_handle.data, Some(1));
    assert_eq!(orders.to_handle.load, Loading::Loaded);
}

#[test]
fn only_a_seller_desk_polls() {
    let mut state = ops_state(OpsTab::Shops);
    assert_eq!(update(&mut state, Action::Tick), None);
    let mut state = State::login(crate::console::fixtures::SERVER);
    assert_eq!(update(&mut state, Action::Tick), None);
}
