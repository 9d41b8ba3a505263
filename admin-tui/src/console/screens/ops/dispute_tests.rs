//! The operator's disputes: the filter, a refund (amount prefilled, checked here, then by
//! the server) and a rejection, each through a reason and a confirmation; refusals beside
//! their field and in the status bar; the list asked again after a decision.

use api_types::operating::{Dispute, DisputeDecisionRequest};

use super::OpsTab;
use crate::client::ApiError;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{
    api_call, dispute, disputes, invalid, ops, ops_state, page, type_text,
};
use crate::console::screens::disputes::{DisputeFilter, DisputeVerb};
use crate::console::screens::form::Form;
use crate::console::screens::{Confirm, Overlay};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn open_form(state: &State) -> &Form {
    match &ops(state).overlay {
        Some(Overlay::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

fn confirm(state: &State) -> &Confirm {
    match &ops(state).overlay {
        Some(Overlay::Confirm(confirm)) => confirm,
        other => panic!("expected a confirmation, got {other:?}"),
    }
}

fn form_error(state: &State, field: &str) -> Option<String> {
    open_form(state).field(field).and_then(|f| f.error.clone())
}

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.as_ref().expect("a notice");
    (notice.kind, notice.text.clone())
}

fn decided(state: &mut State, request: u64, result: Result<Dispute, ApiError>) -> Option<Effect> {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(Answer::DisputeDecided(result)),
        },
    )
}

/// The calls of a batch (or of one call).
fn calls(effect: Option<Effect>) -> Vec<ApiCall> {
    match effect {
        Some(Effect::Batch(effects)) => effects
            .into_iter()
            .map(|effect| api_call(Some(effect)).1)
            .collect(),
        other => vec![api_call(other).1],
    }
}

/// The disputes screen with the second open dispute selected: Bazar Sud's part of
/// H-4D8F2K7Y, 149,78 € with 5,00 € refunded already.
fn on_bazar_sud() -> State {
    let mut state = ops_state(OpsTab::Disputes);
    update(&mut state, Action::Down);
    state
}

#[test]
fn six_is_the_disputes_screen_and_f_cycles_open_decided_all() {
    let mut state = ops_state(OpsTab::Shops);
    update(&mut state, Action::OpsTab(OpsTab::Disputes));
    assert_eq!(ops(&state).tab, OpsTab::Disputes);
    assert_eq!(ops(&state).disputes.filter, DisputeFilter::Open);

    let (request, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(call, ApiCall::Disputes { status: None });
    assert_eq!(ops(&state).disputes.filter, DisputeFilter::Decided);
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Disputes(Ok(page(disputes())))),
        },
    );
    let shown: Vec<&str> = ops(&state)
        .disputes
        .items()
        .iter()
        .map(|d| d.status.as_str())
        .collect();
    assert_eq!(
        shown,
        ["refunded", "rejected"],
        "the open ones are left out"
    );
    assert_eq!(
        ops(&state).disputes.list.data.as_ref().map(|p| p.total),
        Some(2)
    );

    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(call, ApiCall::Disputes { status: None });
    assert_eq!(ops(&state).disputes.filter, DisputeFilter::All);
    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(
        call,
        ApiCall::Disputes {
            status: Some("open".into())
        }
    );
    update(&mut state, Action::PrevFilter);
    assert_eq!(ops(&state).disputes.filter, DisputeFilter::All);
}

#[test]
fn a_refund_prefills_what_is_left_then_asks_a_reason_and_a_confirmation_naming_everything() {
    let mut state = on_bazar_sud();
    assert_eq!(
        update(&mut state, Action::Dispute(DisputeVerb::Refund)),
        None
    );
    let form = open_form(&state);
    assert_eq!(form.text("left"), "144,78 € of 149,78 €");
    assert_eq!(
        form.text("amount_cents"),
        "144,78",
        "what is left, editable"
    );
    assert_eq!(form.fields[form.focus].name, "amount_cents");

    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form_error(&state, "reason").as_deref(),
        Some("Say why: the shopper and the shop are told")
    );
    assert_eq!(
        open_form(&state).fields[open_form(&state).focus].name,
        "reason"
    );
    type_text(&mut state, "Le carton était ouvert");
    update(&mut state, Action::FocusPrev);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "20");
    assert_eq!(update(&mut state, Action::Submit), None);
    let dialog = confirm(&state);
    assert_eq!(dialog.title, "Refund the shopper");
    assert_eq!(
        dialog.message,
        "Refund 20,00 € on H-4D8F2K7Y (Bazar Sud)? It is clawed back from the shop's payable; both sides are told."
    );

    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::DecideDispute {
            id: "d2".into(),
            body: DisputeDecisionRequest {
                decision: "refund".into(),
                amount_cents: Some(2_000),
                reason: "Le carton était ouvert".into(),
            },
        }
    );
    assert_eq!(notice(&state).1, "Refunding 20,00 € on H-4D8F2K7Y…");
    assert_eq!(
        update(&mut state, Action::Input('x')),
        None,
        "locked while it runs"
    );

    let mut refunded = ops(&state).disputes.items()[1].clone();
    refunded.status = "refunded".into();
    refunded.refund_cents = Some(2_000);
    refunded.part_refunded_cents = 2_500;
    let reload = decided(&mut state, request, Ok(refunded));
    assert!(ops(&state).overlay.is_none());
    assert_eq!(ops(&state).disputes.items()[1].status, "refunded");
    assert!(matches!(
        calls(reload).as_slice(),
        [ApiCall::Disputes { status: Some(open) }, ApiCall::Audit(_)] if open == "open"
    ));
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Info,
            "H-4D8F2K7Y: 20,00 € refunded to the shopper, clawed back from Bazar Sud.".into()
        )
    );
}

#[test]
fn the_amount_is_checked_here_before_the_server_sees_it() {
    let mut state = on_bazar_sud();
    update(&mut state, Action::Dispute(DisputeVerb::Refund));
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Perdu");
    update(&mut state, Action::FocusPrev);
    for (typed, refused) in [
        ("200", "At most 144,78 € can be refunded"),
        ("0", "A refund is more than 0,00 €"),
        ("12,345", "At most two digits after the comma"),
        ("", "Enter an amount, e.g. 104,90"),
    ] {
        update(&mut state, Action::ClearField);
        type_text(&mut state, typed);
        assert_eq!(update(&mut state, Action::Submit), None);
        assert_eq!(form_error(&state, "amount_cents").as_deref(), Some(refused));
    }
}

#[test]
fn a_rejection_asks_only_a_reason_and_sends_no_amount() {
    let mut state = ops_state(OpsTab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Reject));
    assert!(open_form(&state).field("amount_cents").is_none());
    type_text(&mut state, "Suivi livré, signature du client");
    update(&mut state, Action::Submit);
    assert_eq!(
        confirm(&state).message,
        "Reject the dispute on H-7K2M9Q4T (Ada's Attic)? Nothing is refunded; both sides are told why."
    );
    update(&mut state, Action::Confirm(false));
    assert!(
        matches!(ops(&state).overlay, Some(Overlay::Form(_))),
        "no goes back to the form"
    );
    update(&mut state, Action::Submit);
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::DecideDispute {
            id: "d1".into(),
            body: DisputeDecisionRequest {
                decision: "reject".into(),
                amount_cents: None,
                reason: "Suivi livré, signature du client".into(),
            },
        }
    );
    let mut rejected = dispute("d1", "H-7K2M9Q4T", "rejected");
    rejected.decision_reason = Some("Suivi livré, signature du client".into());
    decided(&mut state, request, Ok(rejected));
    assert_eq!(
        notice(&state).1,
        "H-7K2M9Q4T: the dispute is rejected; both sides are told."
    );
}

#[test]
fn the_servers_refusal_shows_beside_its_field_and_a_decided_dispute_reloads_the_list() {
    let mut state = on_bazar_sud();
    update(&mut state, Action::Dispute(DisputeVerb::Refund));
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "Perdu");
    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let refused = invalid("amount_cents", "At most 144,78 € is left to refund.");
    assert_eq!(decided(&mut state, request, Err(refused)), None);
    assert_eq!(
        form_error(&state, "amount_cents").as_deref(),
        Some("At most 144,78 € is left to refund.")
    );
    let (kind, text) = notice(&state);
    assert_eq!(kind, NoticeKind::Error);
    assert_eq!(
        text,
        "H-4D8F2K7Y was not decided: At most 144,78 € is left to refund."
    );

    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let conflict = ApiError::Api {
        status: 409,
        body: api_types::ErrorBody::new(
            "dispute_decided",
            "This dispute is already decided.",
            None,
        ),
    };
    let reload = decided(&mut state, request, Err(conflict));
    assert_eq!(
        open_form(&state).error.as_deref(),
        Some("This dispute is already decided.")
    );
    assert_eq!(
        calls(reload),
        [ApiCall::Disputes {
            status: Some("open".into())
        }]
    );
}

#[test]
fn a_network_failure_keeps_the_form_open_and_says_so() {
    let mut state = ops_state(OpsTab::Disputes);
    update(&mut state, Action::Dispute(DisputeVerb::Reject));
    type_text(&mut state, "Hors délai");
    update(&mut state, Action::Submit);
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    let down =
        ApiError::Network("Cannot reach http://127.0.0.1:3000 — is `halles serve` running?".into());
    assert_eq!(decided(&mut state, request, Err(down)), None);
    let form = open_form(&state);
    assert_eq!(form.pending, None, "Enter tries again");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.starts_with("Cannot reach"))
    );
    assert_eq!(notice(&state).0, NoticeKind::Error);
}

#[test]
fn a_decided_dispute_or_one_with_nothing_left_is_refused_here() {
    let mut state = ops_state(OpsTab::Disputes);
    let (request, _) = api_call(update(&mut state, Action::PrevFilter));
    assert_eq!(ops(&state).disputes.filter, DisputeFilter::All);
    let mut everything = disputes();
    everything[0].part_refunded_cents = everything[0].part_total_cents;
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Disputes(Ok(page(everything)))),
        },
    );
    assert_eq!(
        update(&mut state, Action::Dispute(DisputeVerb::Refund)),
        None
    );
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "Nothing is left to refund on H-7K2M9Q4T (149,78 € refunded already).".into()
        )
    );
    assert!(ops(&state).overlay.is_none());
    update(&mut state, Action::Down);
    update(&mut state, Action::Down);
    update(&mut state, Action::Dispute(DisputeVerb::Reject));
    assert_eq!(
        notice(&state).1,
        "The dispute on H-2B6D9H5W is refunded already: nothing to decide."
    );
    assert!(ops(&state).overlay.is_none());
}
