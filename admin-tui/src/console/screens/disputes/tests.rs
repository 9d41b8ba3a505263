//! The shop's disputes: the filter, answering an open one once (checked here, confirmed,
//! sent), the server's refusals, and the count of disputes waiting for an answer.

use api_types::operating::{Dispute, DisputeAnswerRequest};

use super::{DisputeFilter, DisputeVerb};
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{
    api_call, desk, desk_state, disputes, invalid, open_form, page, type_text,
};
use crate::console::screens::{Overlay, Tab};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.as_ref().expect("a notice");
    (notice.kind, notice.text.clone())
}

fn answered(state: &mut State, request: u64, result: Result<Dispute, ApiError>) -> Option<Effect> {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::DisputeAnswered(result)),
        },
    )
}

fn form_error(state: &State) -> Option<String> {
    open_form(state)
        .field("message")
        .and_then(|field| field.error.clone())
}

/// Answers the first dispute with `text` up to the request; its id and call.
fn send(state: &mut State, text: &str) -> (u64, ApiCall) {
    update(state, Action::Dispute(DisputeVerb::Answer));
    type_text(state, text);
    assert_eq!(update(state, Action::Submit), None, "asks first");
    api_call(update(state, Action::Confirm(true)))
}

#[test]
fn eight_is_the_disputes_screen_showing_every_dispute_and_f_cycles_the_filter() {
    let mut state = desk_state(Tab::Dashboard);
    update(&mut state, Action::SwitchTab(Tab::Disputes));
    assert_eq!(desk(&state).tab, Tab::Disputes);
    assert_eq!(desk(&state).disputes.filter, DisputeFilter::All);
    assert_eq!(desk(&state).disputes.to_answer, Some(1));

    let (request, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(
        call,
        ApiCall::SellerDisputes {
            status: Some("open".into())
        }
    );
    let open: Vec<Dispute> = disputes()
        .into_iter()
        .filter(|d| d.status == "open")
        .collect();
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::SellerDisputes(Ok(page(open)))),
        },
    );
    assert_eq!(desk(&state).disputes.items().len(), 2);
    assert_eq!(desk(&state).disputes.to_answer, Some(1));

    let (request, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(call, ApiCall::SellerDisputes { status: None });
    assert_eq!(desk(&state).disputes.filter, DisputeFilter::Decided);
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::SellerDisputes(Ok(page(disputes())))),
        },
    );
    assert_eq!(
        desk(&state).disputes.items().len(),
        2,
        "only the decided ones"
    );
    assert_eq!(
        desk(&state).disputes.to_answer,
        Some(1),
        "a list without the open ones leaves the count alone"
    );
}

#[test]
fn a_answers_an_open_dispute_after_a_confirmation_and_the_row_and_count_follow() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    let form = open_form(&state);
    assert_eq!(
        form.text("dispute"),
        "H-7K2M9Q4T · not received · Jeanne Martin"
    );
    assert_eq!(form.fields[form.focus].name, "message");
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form_error(&state).as_deref(),
        Some("Write your answer: the operator reads it")
    );

    type_text(&mut state, "Remis à Colissimo le 18, suivi 6A123.");
    update(&mut state, Action::Submit);
    let Some(Overlay::Confirm(confirm)) = &desk(&state).overlay else {
        panic!("asks first");
    };
    assert_eq!(
        confirm.message,
        "Send your answer on H-7K2M9Q4T? A dispute takes one answer: it cannot be changed."
    );
    update(&mut state, Action::Confirm(false));
    assert!(matches!(desk(&state).overlay, Some(Overlay::Form(_))));
    update(&mut state, Action::Submit);
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::AnswerDispute {
            id: "d1".into(),
            body: DisputeAnswerRequest {
                message: "Remis à Colissimo le 18, suivi 6A123.".into()
            },
        }
    );
    assert_eq!(notice(&state).1, "Sending your answer on H-7K2M9Q4T…");

    let mut after = desk(&state).disputes.items()[0].clone();
    after.seller_answer = Some("Remis à Colissimo le 18, suivi 6A123.".into());
    assert_eq!(answered(&mut state, request, Ok(after)), None);
    assert!(desk(&state).overlay.is_none());
    let disputes = &desk(&state).disputes;
    assert!(disputes.items()[0].seller_answer.is_some());
    assert_eq!(disputes.to_answer, Some(0));
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Info,
            "H-7K2M9Q4T: your answer is sent; an operator decides.".into()
        )
    );
}

#[test]
fn an_answer_longer_than_2000_characters_is_refused_here() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    update(&mut state, Action::Paste("é".repeat(2_001)));
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form_error(&state).as_deref(),
        Some("At most 2000 characters (2001 typed)")
    );
    update(&mut state, Action::Backspace);
    update(&mut state, Action::Submit);
    assert!(matches!(desk(&state).overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn pasted_lines_become_one_line_with_spaces() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    update(
        &mut state,
        Action::Paste("Remis le 18.\nSuivi : 6A123.\n".into()),
    );
    assert_eq!(
        open_form(&state).text("message"),
        "Remis le 18. Suivi : 6A123."
    );
}

#[test]
fn an_answered_or_decided_dispute_is_not_answered_again() {
    let mut state = desk_state(Tab::Disputes);
    update(&mut state, Action::Down);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "You answered the dispute on H-4D8F2K7Y: an answer is final.".into()
        )
    );
    update(&mut state, Action::Down);
    update(&mut state, Action::Dispute(DisputeVerb::Answer));
    assert_eq!(
        notice(&state).1,
        "The dispute on H-2B6D9H5W is refunded: an operator decided it."
    );
    assert!(desk(&state).overlay.is_none());
    assert_eq!(
        update(&mut state, Action::Dispute(DisputeVerb::Refund)),
        None,
        "sellers do not decide"
    );
}

#[test]
fn the_servers_refusal_shows_beside_the_answer_and_a_conflict_reloads_the_list() {
    let mut state = desk_state(Tab::Disputes);
    let (request, _) = send(&mut state, "Voir le suivi");
    let refused = invalid("message", "An answer is 2000 characters at most.");
    assert_eq!(answered(&mut state, request, Err(refused)), None);
    assert_eq!(
        form_error(&state).as_deref(),
        Some("An answer is 2000 characters at most.")
    );
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "H-7K2M9Q4T: the answer was not sent: An answer is 2000 characters at most.".into()
        )
    );

    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let conflict = ApiError::Api {
        status: 409,
        body: api_types::ErrorBody::new("already_answered", "This dispute has an answer.", None),
    };
    let reload = answered(&mut state, request, Err(conflict));
    assert_eq!(
        open_form(&state).error.as_deref(),
        Some("This dispute has an answer.")
    );
    assert_eq!(api_call(reload).1, ApiCall::SellerDisputes { status: None });
}

#[test]
fn an_answer_to_an_older_request_changes_nothing() {
    let mut state = desk_state(Tab::Disputes);
    let (request, _) = send(&mut state, "Voir le suivi");
    let late = answered(&mut state, request + 100, Ok(disputes()[0].clone()));
    assert_eq!(late, None);
    assert!(matches!(desk(&state).overlay, Some(Overlay::Form(_))));
    assert!(desk(&state).disputes.items()[0].seller_answer.is_none());
}

#[test]
fn entering_disputes_or_payouts_asks_again_for_what_others_changed() {
    let mut state = desk_state(Tab::Offers);
    let (_, call) = api_call(update(&mut state, Action::SwitchTab(Tab::Disputes)));
    assert!(
        matches!(call, ApiCall::SellerDisputes { .. }),
        "a shopper may have opened one: {call:?}"
    );
    assert_eq!(
        update(&mut state, Action::SwitchTab(Tab::Disputes)),
        None,
        "pressing 8 on the disputes is not entering them"
    );
    let (_, call) = api_call(update(&mut state, Action::SwitchTab(Tab::Payouts)));
    assert_eq!(
        call,
        ApiCall::SellerPayouts,
        "an operator may have paid out"
    );
    assert_eq!(
        update(&mut state, Action::SwitchTab(Tab::Offers)),
        None,
        "the offers are the seller's own: no reload"
    );
}
