//! The operator screens drawn on a `TestBackend`: snapshots at 80×24 and 120×40.

use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::ops_state;
use crate::console::screens::ops::{Decision, OpsTab};
use crate::console::update::update;

#[test]
fn shop_queue() {
    check("ops_shops", &ops_state(OpsTab::Shops));
}

#[test]
fn reports_queue() {
    check("ops_reports", &ops_state(OpsTab::Reports));
}

#[test]
fn settings_screen() {
    check("ops_settings", &ops_state(OpsTab::Settings));
}

#[test]
fn audit_log() {
    check("ops_audit", &ops_state(OpsTab::Audit));
}

#[test]
fn suspend_reason_form() {
    let mut state = ops_state(OpsTab::Shops);
    update(&mut state, Action::Down);
    update(&mut state, Action::Decide(Decision::Suspend));
    check("ops_suspend_form", &state);
}

#[test]
fn settings_form_with_a_refused_field() {
    let mut state = ops_state(OpsTab::Settings);
    update(&mut state, Action::Edit);
    update(&mut state, Action::ClearField);
    crate::console::fixtures::type_text(&mut state, "9000");
    let effect = update(&mut state, Action::Submit);
    let (request, _) = crate::console::fixtures::api_call(effect);
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::SettingsSaved(Err(
                crate::console::fixtures::invalid(
                    "commission_rate_bps",
                    "Commission is 0 to 5000 basis points (0–50 %)",
                ),
            ))),
        },
    );
    check("ops_settings_refused", &state);
}
