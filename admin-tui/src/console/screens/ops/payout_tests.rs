//! Paying a shop out: `p` opens the form, Enter asks first, "yes" sends the call; the
//! amount the server paid goes to the status bar, a 409 is told readably.

use api_types::operating::PayoutResponse;

use super::OpsTab;
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, conflict, ops, ops_state, type_text};
use crate::console::screens::form::FormKind;
use crate::console::screens::{Confirm, Overlay};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

/// On the shop queue with Bazar Sud (approved) selected, the payout confirmation open.
fn confirming(reason: &str) -> State {
    let mut state = ops_state(OpsTab::Shops);
    update(&mut state, Action::Down);
    assert!(update(&mut state, Action::PayOut).is_none());
    type_text(&mut state, reason);
    assert!(update(&mut state, Action::Submit).is_none());
    state
}

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.clone().expect("a notice");
    (notice.kind, notice.text)
}

fn answer(
    state: &mut State,
    request: u64,
    result: Result<PayoutResponse, ApiError>,
) -> Option<Effect> {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::PaidOut(result)),
        },
    )
}

#[test]
fn p_asks_an_optional_reason_then_confirmation_without_an_amount() {
    let state = confirming("");
    let Some(Overlay::Confirm(Confirm { title, message, .. })) = &ops(&state).overlay else {
        panic!("expected the confirmation, got {:?}", ops(&state).overlay);
    };
    assert_eq!(*title, "Pay out the shop");
    assert!(
        message.starts_with("Pay out Bazar Sud's payable balance?"),
        "{message}"
    );
    assert!(
        message.contains("The server pays all that is payable now"),
        "{message}"
    );
}

#[test]
fn yes_sends_the_payout_and_the_paid_amount_is_shown() {
    let mut state = confirming("Virement de novembre");
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::PayOut {
            shop_id: "s2".into(),
            reason: "Virement de novembre".into(),
        }
    );
    let reload = answer(
        &mut state,
        request,
        Ok(PayoutResponse {
            shop_id: "s2".into(),
            amount_cents: 23_450,
        }),
    );
    assert!(ops(&state).overlay.is_none());
    assert!(
        matches!(reload, Some(Effect::Api { .. })),
        "the audit log reloads"
    );
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Info,
            "Paid 234,50 € to “Bazar Sud”: its payable balance is now 0.".to_owned()
        )
    );
}

#[test]
fn no_goes_back_to_the_form_and_escape_closes_it() {
    let mut state = confirming("");
    assert!(update(&mut state, Action::Confirm(false)).is_none());
    assert!(matches!(
        &ops(&state).overlay,
        Some(Overlay::Form(form)) if matches!(form.kind, FormKind::Payout { .. })
    ));
    update(&mut state, Action::Cancel);
    assert!(ops(&state).overlay.is_none());
}

#[test]
fn nothing_payable_is_told_readably_and_closes_the_form() {
    let mut state = confirming("");
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    answer(
        &mut state,
        request,
        Err(conflict("nothing_payable", "Nothing to pay out.")),
    );
    assert!(ops(&state).overlay.is_none());
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "“Bazar Sud” has nothing payable yet (earnings wait out the return window).".to_owned()
        )
    );
}

#[test]
fn a_payout_in_progress_is_told_readably() {
    let mut state = confirming("");
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    answer(
        &mut state,
        request,
        Err(conflict("payout_in_progress", "A payout is running.")),
    );
    let (kind, text) = notice(&state);
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("already under way"), "{text}");
}

#[test]
fn a_network_error_keeps_the_form_for_a_retry_and_never_panics() {
    let mut state = confirming("");
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    answer(
        &mut state,
        request,
        Err(ApiError::Network("Cannot reach the server".into())),
    );
    let Some(Overlay::Form(form)) = &ops(&state).overlay else {
        panic!("the form stays");
    };
    assert!(form.pending.is_none());
    assert_eq!(form.error.as_deref(), Some("Cannot reach the server"));
    let (kind, text) = notice(&state);
    assert_eq!(kind, NoticeKind::Error);
    assert_eq!(
        text,
        "“Bazar Sud” was not paid out: Cannot reach the server"
    );
    // Enter again asks again.
    update(&mut state, Action::Submit);
    assert!(matches!(ops(&state).overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn a_late_answer_to_a_closed_form_is_dropped() {
    let mut state = confirming("");
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    update(&mut state, Action::Cancel);
    assert!(answer(&mut state, request, Err(conflict("nothing_payable", "x"))).is_none());
    assert!(ops(&state).overlay.is_none());
}

#[test]
fn p_does_nothing_off_the_shop_queue() {
    let mut state = ops_state(OpsTab::Campaigns);
    assert!(update(&mut state, Action::PayOut).is_none());
    assert!(ops(&state).overlay.is_none());
}
