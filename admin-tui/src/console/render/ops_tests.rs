//! The operator screens drawn on a `TestBackend`: snapshots at 80×24 and 120×40.

use super::tests::check;
use crate::console::action::{Action, Answer};
use crate::console::fixtures::ops_state;
use crate::console::screens::ops::{Decision, OpsTab};
use crate::console::state::{Loading, Screen, State};
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

fn with_kpis(state: &mut State, change: impl FnOnce(&mut crate::console::screens::ops::Kpis)) {
    if let Screen::Console(session) = &mut state.screen {
        change(&mut session.ops.kpis);
    }
}

#[test]
fn kpis_screen() {
    let mut state = ops_state(OpsTab::Kpis);
    update(&mut state, Action::Down);
    check("ops_kpis", &state);
    update(&mut state, Action::CycleSort);
    update(&mut state, Action::CycleSort);
    check("ops_kpis_by_gmv", &state);
}

#[test]
fn kpis_without_shops_loading_and_failed() {
    let mut state = ops_state(OpsTab::Kpis);
    with_kpis(&mut state, |kpis| {
        if let Some(report) = kpis.report.data.as_mut() {
            report.shops.clear();
            report
                .gmv_daily
                .iter_mut()
                .for_each(|day| day.revenue_cents = 0);
            report.gmv_cents = 0;
            report.orders = 0;
            report.active_shops = 0;
            report.funnel = api_types::analytics::Funnel::default();
        }
    });
    check("ops_kpis_empty", &state);
    with_kpis(&mut state, |kpis| {
        kpis.report.data = None;
        kpis.report.load = Loading::Loading;
    });
    check("ops_kpis_loading", &state);
    with_kpis(&mut state, |kpis| {
        kpis.report.load = Loading::Error {
            message: "Not found — is this a Halles server?".into(),
            retry_in_secs: None,
        };
    });
    check("ops_kpis_error", &state);
}

#[test]
fn help_on_the_kpis() {
    let mut state = ops_state(OpsTab::Kpis);
    state.help_visible = true;
    check("help_ops_kpis", &state);
}
