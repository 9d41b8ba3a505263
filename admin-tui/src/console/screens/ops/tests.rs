//! The operator screens' transitions: decisions through a reason form and a
//! confirmation, refusals for the wrong status, settings checked and refused per field.

use api_types::operating::{PlatformSettings, SettingsResponse};

use super::{Decision, OpsTab};
use crate::console::action::{Action, Answer, ApiCall};
use crate::console::fixtures::{api_call, invalid, ops, ops_state, type_text};
use crate::console::screens::Overlay;
use crate::console::state::{NoticeKind, Screen, View};
use crate::console::update::update;

fn form_error(state: &crate::console::state::State, field: &str) -> Option<String> {
    match &ops(state).overlay {
        Some(Overlay::Form(form)) => form.field(field).and_then(|f| f.error.clone()),
        _ => None,
    }
}

#[test]
fn an_operator_without_a_shop_gets_the_operator_screens() {
    let state = ops_state(OpsTab::Shops);
    let Screen::Console(session) = &state.screen else {
        panic!("signed in")
    };
    assert_eq!(session.view(), View::Operator);
}

#[test]
fn rejecting_asks_a_reason_then_confirmation_then_sends_it() {
    let mut state = ops_state(OpsTab::Shops);
    assert!(update(&mut state, Action::Decide(Decision::Reject)).is_none());
    assert!(update(&mut state, Action::Submit).is_none());
    assert_eq!(
        form_error(&state, "reason").as_deref(),
        Some("Say why: the seller is told")
    );
    type_text(&mut state, "Catalogue vide");
    update(&mut state, Action::Submit);
    assert!(matches!(ops(&state).overlay, Some(Overlay::Confirm(_))));
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::Decide {
            target: "shop",
            id: "s1".into(),
            action: "reject",
            reason: "Catalogue vide".into(),
        }
    );
    let reload = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Decided(Ok("rejected".into()))),
        },
    );
    assert!(ops(&state).overlay.is_none());
    assert!(matches!(
        reload,
        Some(crate::console::action::Effect::Batch(_))
    ));
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("“Atelier Nord” is now rejected.")
    );
}

#[test]
fn a_decision_the_status_does_not_allow_is_refused_here() {
    let mut state = ops_state(OpsTab::Shops);
    assert!(update(&mut state, Action::Decide(Decision::Reinstate)).is_none());
    assert!(ops(&state).overlay.is_none());
    let notice = state.notice.clone().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(notice.text.contains("it is pending"), "{}", notice.text);
}

#[test]
fn no_at_the_confirmation_goes_back_to_the_form_and_a_server_refusal_is_shown_beside_the_field() {
    let mut state = ops_state(OpsTab::Reports);
    update(&mut state, Action::Decide(Decision::Takedown));
    type_text(&mut state, "Contrefaçon");
    update(&mut state, Action::Submit);
    update(&mut state, Action::Confirm(false));
    assert!(matches!(ops(&state).overlay, Some(Overlay::Form(_))));
    update(&mut state, Action::Submit);
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert!(matches!(
        call,
        ApiCall::Decide {
            target: "offer",
            action: "takedown",
            ..
        }
    ));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::Decided(Err(invalid("reason", "Too long")))),
        },
    );
    assert_eq!(form_error(&state, "reason").as_deref(), Some("Too long"));
}

#[test]
fn settings_are_checked_for_numbers_then_sent_and_refused_fields_marked() {
    let mut state = ops_state(OpsTab::Settings);
    update(&mut state, Action::Edit);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "douze");
    assert!(update(&mut state, Action::Submit).is_none());
    assert_eq!(
        form_error(&state, "commission_rate_bps").as_deref(),
        Some("A whole number")
    );
    update(&mut state, Action::ClearField);
    type_text(&mut state, "99999");
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(
        call,
        ApiCall::SaveSettings(PlatformSettings {
            commission_rate_bps: 99_999,
            cashback_rate_bps: 300,
            return_window_days: 14,
            pickup_hold_days: 7,
        })
    );
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::SettingsSaved(Err(invalid(
                "commission_rate_bps",
                "Commission is 0 to 5000 basis points",
            )))),
        },
    );
    assert_eq!(
        form_error(&state, "commission_rate_bps").as_deref(),
        Some("Commission is 0 to 5000 basis points")
    );
    update(&mut state, Action::ClearField);
    type_text(&mut state, "1000");
    let (request, _) = api_call(update(&mut state, Action::Submit));
    let saved = SettingsResponse {
        settings: PlatformSettings {
            commission_rate_bps: 1000,
            cashback_rate_bps: 300,
            return_window_days: 14,
            pickup_hold_days: 7,
        },
        updated_at: "2026-11-22T10:00:00Z".into(),
    };
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::SettingsSaved(Ok(saved.clone()))),
        },
    );
    assert!(ops(&state).overlay.is_none());
    assert_eq!(ops(&state).settings.data, Some(saved));
}

#[test]
fn filters_and_tabs_reload_what_they_show() {
    let mut state = ops_state(OpsTab::Shops);
    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    assert_eq!(
        call,
        ApiCall::ShopQueue {
            status: Some("approved".into()),
            page: 1
        }
    );
    update(&mut state, Action::OpsTab(OpsTab::Audit));
    let (_, call) = api_call(update(&mut state, Action::NextFilter));
    let ApiCall::Audit(query) = call else {
        panic!("an audit call")
    };
    assert_eq!(query.action.as_deref(), Some("shop.approve"));
    update(&mut state, Action::NextTab);
    assert_eq!(ops(&state).tab, OpsTab::Campaigns);
    update(&mut state, Action::NextTab);
    assert_eq!(ops(&state).tab, OpsTab::Disputes);
    update(&mut state, Action::NextTab);
    assert_eq!(ops(&state).tab, OpsTab::Kpis);
    update(&mut state, Action::NextTab);
    assert_eq!(ops(&state).tab, OpsTab::Shops);
}
