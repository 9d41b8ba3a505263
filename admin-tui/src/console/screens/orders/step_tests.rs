//! Steps on the selected order: straight away, through forms and confirmations, the
//! idempotency key of retries, and the server's refusals.

use api_types::ErrorBody;
use api_types::orders::{RefundRequest, SellerOrder};

use super::Verb;
use crate::client::{ApiError, OrderStep};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, desk, desk_state, invalid, open_form, type_text};
use crate::console::screens::{Confirmed, Desk, Overlay, Tab};
use crate::console::state::{NoticeKind, Screen, State};
use crate::console::update::update;

/// The orders screen with the fixture order `index` selected.
fn on_order(index: usize) -> State {
    let mut state = desk_state(Tab::Orders);
    for _ in 0..index {
        update(&mut state, Action::Down);
    }
    state
}

fn desk_mut(state: &mut State) -> &mut Desk {
    match &mut state.screen {
        Screen::Console(session) => &mut session.desk,
        Screen::Login(_) => panic!("expected the console"),
    }
}

/// The order id, step and key of an order step request.
fn step_call(effect: Option<Effect>) -> (u64, String, OrderStep, String) {
    match api_call(effect) {
        (request, ApiCall::OrderStep { id, step, key }) => (request, id, step, key),
        (_, other) => panic!("expected an order step, got {other:?}"),
    }
}

fn answer(
    state: &mut State,
    request: u64,
    id: &str,
    result: Result<SellerOrder, ApiError>,
) -> Option<Effect> {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::OrderChanged {
                id: id.into(),
                result,
            }),
        },
    )
}

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.as_ref().expect("a notice");
    (notice.kind, notice.text.clone())
}

fn with_status(state: &State, status: &str) -> SellerOrder {
    let mut order = desk(state)
        .orders
        .selected_order()
        .cloned()
        .expect("selected");
    order.status = status.into();
    order
}

#[test]
fn a_accepts_a_paid_order_at_once_and_the_answer_updates_row_and_count() {
    let mut state = on_order(0);
    let (request, id, step, key) = step_call(update(&mut state, Action::Order(Verb::Accept)));
    assert_eq!((id.as_str(), step), ("so1", OrderStep::Accept));
    assert_eq!(key.len(), 32);
    assert_eq!(notice(&state).1, "Accepting H-7K2M9Q4T…");

    let accepted = with_status(&state, "accepted");
    assert_eq!(answer(&mut state, request, "so1", Ok(accepted)), None);
    let orders = &desk(&state).orders;
    assert_eq!(orders.items()[0].status, "accepted");
    assert_eq!(orders.to_handle.data, Some(0), "one fewer to handle");
    assert_eq!(orders.attempt, None);
    assert_eq!(
        notice(&state),
        (NoticeKind::Info, "H-7K2M9Q4T is now accepted.".into())
    );
}

#[test]
fn a_step_the_status_does_not_allow_is_refused_with_what_can_be_done() {
    let mut state = on_order(4);
    assert_eq!(update(&mut state, Action::Order(Verb::Accept)), None);
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "Cannot accept H-5E9G3L8Z: it is cancelled; nothing is left to do on it.".into()
        )
    );
    let mut state = on_order(2);
    assert_eq!(update(&mut state, Action::Order(Verb::Ship)), None);
    assert!(
        notice(&state)
            .1
            .ends_with("it is ready for pickup; you can hand over.")
    );
    assert_eq!(desk(&state).overlay, None);
}

#[test]
fn r_marks_an_accepted_pickup_ready() {
    let mut state = on_order(1);
    let (_, id, step, _) = step_call(update(&mut state, Action::Order(Verb::Ready)));
    assert_eq!((id.as_str(), step), ("so2", OrderStep::Ready));
}

#[test]
fn s_ships_through_a_form_and_a_refused_field_is_marked_beside_it() {
    let mut state = on_order(1);
    desk_mut(&mut state)
        .orders
        .list
        .data
        .as_mut()
        .expect("loaded")
        .items[1]
        .fulfilment
        .method = "delivery".into();
    update(&mut state, Action::Order(Verb::Ship));
    assert_eq!(open_form(&state).text("order"), "H-2B6D9H5W");
    assert_eq!(
        update(&mut state, Action::Submit),
        None,
        "both fields are needed"
    );
    assert_eq!(
        open_form(&state).fields[open_form(&state).focus].name,
        "carrier"
    );

    type_text(&mut state, "Colissimo");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "6A-0");
    let (request, _, step, _) = step_call(update(&mut state, Action::Submit));
    let OrderStep::Ship(body) = step else {
        panic!("expected a shipment, got {step:?}");
    };
    assert_eq!(
        (body.carrier.as_str(), body.tracking.as_str()),
        ("Colissimo", "6A-0")
    );

    let refused = invalid(
        "tracking",
        "A tracking number has 8 to 30 letters or digits",
    );
    assert!(answer(&mut state, request, "so2", Err(refused)).is_none());
    let form = open_form(&state);
    assert_eq!(form.pending, None);
    assert_eq!(form.fields[form.focus].name, "tracking");
    assert!(form.fields[form.focus].error.is_some());
    let (kind, text) = notice(&state);
    assert_eq!(kind, NoticeKind::Error);
    assert_eq!(
        text,
        "H-2B6D9H5W was not changed: A tracking number has 8 to 30 letters or digits"
    );
}

#[test]
fn c_hands_a_pickup_over_with_the_shoppers_code_and_closes_the_form() {
    let mut state = on_order(2);
    update(&mut state, Action::Order(Verb::Collect));
    type_text(&mut state, "K7P2");
    let (request, id, step, _) = step_call(update(&mut state, Action::Submit));
    assert_eq!(id, "so3");
    assert!(matches!(&step, OrderStep::Collect(body) if body.code == "K7P2"));
    let collected = with_status(&state, "collected");
    answer(&mut state, request, "so3", Ok(collected));
    assert_eq!(desk(&state).overlay, None);
    assert_eq!(desk(&state).orders.items()[2].status, "collected");
}

#[test]
fn x_asks_a_reason_then_confirmation_and_no_goes_back_to_the_form() {
    let mut state = on_order(0);
    update(&mut state, Action::Order(Verb::Cancel));
    assert_eq!(
        update(&mut state, Action::Submit),
        None,
        "a reason is needed"
    );
    type_text(&mut state, "Out of stock");
    assert_eq!(update(&mut state, Action::Submit), None);
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("expected a confirmation");
    };
    assert!(confirm.message.starts_with("Cancel order H-7K2M9Q4T?"));

    update(&mut state, Action::Confirm(false));
    assert_eq!(
        open_form(&state).text("reason"),
        "Out of stock",
        "back, as typed"
    );

    update(&mut state, Action::Submit);
    let (_, _, step, _) = step_call(update(&mut state, Action::Confirm(true)));
    assert!(matches!(&step, OrderStep::Cancel(body) if body.reason == "Out of stock"));
    assert!(
        open_form(&state).pending.is_some(),
        "the form waits for the answer"
    );
}

#[test]
fn refund_amounts_in_euros_become_exact_cents() {
    for typed in ["12,50", "12.50", " 12,5 €"] {
        let mut state = on_order(3);
        update(&mut state, Action::Order(Verb::Refund));
        assert_eq!(
            open_form(&state).text("amount_cents"),
            "144,78",
            "what is left"
        );
        update(&mut state, Action::ClearField);
        type_text(&mut state, typed);
        update(&mut state, Action::FocusNext);
        type_text(&mut state, "Scratched");
        update(&mut state, Action::Submit);
        let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
            panic!("expected a confirmation for {typed:?}");
        };
        assert_eq!(
            confirm.message,
            "Refund 12,50 € on order H-4D8F2K7Y? This cannot be undone."
        );
        let Confirmed::Order(step) = &confirm.then else {
            panic!("expected an order step");
        };
        let expected = RefundRequest {
            amount_cents: 1_250,
            reason: "Scratched".into(),
        };
        assert_eq!(step.step, OrderStep::Refund(expected));
    }
}

#[test]
fn a_refund_that_is_not_an_amount_or_too_much_stays_in_the_form() {
    for (typed, message) in [
        ("abc", "Write an amount like 104,90 or 104.90"),
        ("0", "A refund is more than 0,00 €"),
        ("144,79", "At most 144,78 € can be refunded"),
    ] {
        let mut state = on_order(3);
        update(&mut state, Action::Order(Verb::Refund));
        update(&mut state, Action::FocusNext);
        type_text(&mut state, "Scratched");
        update(&mut state, Action::FocusPrev);
        update(&mut state, Action::ClearField);
        type_text(&mut state, typed);
        assert_eq!(update(&mut state, Action::Submit), None);
        let form = open_form(&state);
        assert_eq!(form.fields[form.focus].name, "amount_cents");
        assert_eq!(form.fields[form.focus].error.as_deref(), Some(message));
    }
}

#[test]
fn a_retry_after_a_network_error_reuses_the_key_and_a_new_action_gets_a_new_one() {
    let mut state = on_order(0);
    let (request, _, _, first) = step_call(update(&mut state, Action::Order(Verb::Accept)));
    let down = ApiError::Network("Cannot reach the server".into());
    answer(&mut state, request, "so1", Err(down));
    assert_eq!(
        notice(&state).1,
        "H-7K2M9Q4T was not changed: Cannot reach the server"
    );

    let (request, _, _, retry) = step_call(update(&mut state, Action::Order(Verb::Accept)));
    assert_eq!(retry, first, "the same action, the same key");
    let accepted = with_status(&state, "accepted");
    answer(&mut state, request, "so1", Ok(accepted));

    update(&mut state, Action::Order(Verb::Cancel));
    type_text(&mut state, "Damaged");
    update(&mut state, Action::Submit);
    let (_, _, _, other) = step_call(update(&mut state, Action::Confirm(true)));
    assert_ne!(other, first, "another action, another key");
}

#[test]
fn a_conflict_shows_the_servers_message_and_asks_for_the_order_again() {
    let mut state = on_order(0);
    let (request, _, _, _) = step_call(update(&mut state, Action::Order(Verb::Accept)));
    let conflict = ApiError::Api {
        status: 409,
        body: ErrorBody::new(
            "invalid_transition",
            "This order was cancelled by the shopper.",
            None,
        ),
    };
    let (_, call) = api_call(answer(&mut state, request, "so1", Err(conflict)));
    assert_eq!(call, ApiCall::GetOrder { id: "so1".into() });
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "H-7K2M9Q4T was not changed: This order was cancelled by the shopper.".into()
        )
    );
    assert_eq!(
        desk(&state).orders.attempt,
        None,
        "a refusal is final: a new key next time"
    );
}

#[test]
fn a_return_asked_for_is_accepted_after_confirmation() {
    let mut state = on_order(3);
    update(&mut state, Action::Order(Verb::AcceptReturn));
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("expected a confirmation");
    };
    assert!(confirm.message.contains("Too heavy for me"));
    let (_, id, step, _) = step_call(update(&mut state, Action::Confirm(true)));
    assert_eq!((id.as_str(), step), ("so4", OrderStep::AcceptReturn));
    assert_eq!(desk(&state).overlay, None);
}

#[test]
fn no_step_is_sent_while_the_last_one_is_awaited() {
    let mut state = on_order(0);
    step_call(update(&mut state, Action::Order(Verb::Accept)));
    assert_eq!(update(&mut state, Action::Order(Verb::Accept)), None);
    assert_eq!(
        notice(&state).1,
        "Still waiting for the server's answer to the last step."
    );
}
