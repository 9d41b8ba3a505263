//! The campaigns screen's transitions: the form checked here then by the server (its 422
//! beside the field), and ending a campaign through a reason and a confirmation.

use api_types::operating::CampaignRequest;

use super::OpsTab;
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{api_call, campaign, invalid, ops, ops_state, type_text};
use crate::console::screens::Overlay;
use crate::console::screens::form::{Form, FormKind};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn open_form(state: &State) -> &Form {
    match &ops(state).overlay {
        Some(Overlay::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

fn form_error(state: &State, field: &str) -> Option<String> {
    open_form(state).field(field).and_then(|f| f.error.clone())
}

fn notice(state: &State) -> &str {
    state.notice.as_ref().map_or("", |n| n.text.as_str())
}

/// Fills the form's fields in order: name, rate, shop, category, start, end.
fn fill(state: &mut State, values: [&str; 6]) {
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            update(state, Action::FocusNext);
        }
        type_text(state, value);
    }
}

#[test]
fn n_opens_the_form_which_sends_rfc3339_and_basis_points_and_shows_a_422_beside_its_field() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::New);
    assert_eq!(open_form(&state).kind, FormKind::NewCampaign);
    fill(
        &mut state,
        [
            "Noël au Bazar",
            "5",
            "bazar-sud",
            "",
            "2026-12-01 08:00",
            "2026-12-24",
        ],
    );
    let (request, call) = api_call(update(&mut state, Action::Submit));
    assert_eq!(
        call,
        ApiCall::CreateCampaign(CampaignRequest {
            name: "Noël au Bazar".into(),
            rate_bps: 500,
            shop_id: Some("s2".into()),
            category: None,
            starts_at: Some("2026-12-01T08:00:00Z".into()),
            ends_at: "2026-12-24T00:00:00Z".into(),
        }),
        "the slug of a loaded shop is sent as its id"
    );
    assert_eq!(
        update(&mut state, Action::Input('x')),
        None,
        "locked while saving"
    );
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::CampaignCreated(Err(invalid(
                "ends_at",
                "a campaign lasts at most 90 days",
            )))),
        },
    );
    assert_eq!(
        form_error(&state, "ends_at").as_deref(),
        Some("a campaign lasts at most 90 days")
    );
    let form = open_form(&state);
    assert_eq!(form.fields[form.focus].name, "ends_at");
    assert_eq!(
        state.notice.as_ref().map(|n| n.kind),
        Some(NoticeKind::Error)
    );

    let (request, _) = api_call(update(&mut state, Action::Submit));
    let created = campaign(
        "c9",
        "Noël au Bazar",
        500,
        Some(("s2", "Bazar Sud")),
        "upcoming",
    );
    let reload = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::CampaignCreated(Ok(created))),
        },
    );
    assert!(ops(&state).overlay.is_none());
    assert!(matches!(reload, Some(Effect::Batch(calls)) if calls.len() == 2));
    assert_eq!(
        notice(&state),
        "“Noël au Bazar” created: +5,00 % on shop Bazar Sud, upcoming."
    );
}

#[test]
fn a_rate_or_date_that_does_not_parse_is_refused_here_without_asking() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::New);
    fill(
        &mut state,
        ["Soldes", "cinq", "", "jardin", "", "24/12/2026"],
    );
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form_error(&state, "rate_bps").as_deref(),
        Some("Write a rate like 5 or 2,5 (percent)")
    );
    assert_eq!(
        form_error(&state, "ends_at").as_deref(),
        Some("Write a date like 2026-12-24 or 2026-12-24 18:00 (UTC)")
    );
    let form = open_form(&state);
    assert_eq!(
        form.fields[form.focus].name, "rate_bps",
        "the first refused"
    );
}

#[test]
fn ending_asks_a_reason_then_confirmation_then_sends_it_and_reloads() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::Delete);
    assert!(matches!(
        open_form(&state).kind,
        FormKind::EndCampaign { ref id, .. } if id == "c1"
    ));
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form_error(&state, "reason").as_deref(),
        Some("Say why: it is kept in the audit log")
    );
    type_text(&mut state, "Budget épuisé");
    update(&mut state, Action::Submit);
    let Some(Overlay::Confirm(confirm)) = &ops(&state).overlay else {
        panic!("expected the confirmation");
    };
    assert_eq!(confirm.title, "End the campaign");
    assert!(confirm.message.starts_with("End “Semaine de Noël” now?"));
    update(&mut state, Action::Confirm(false));
    assert!(
        matches!(ops(&state).overlay, Some(Overlay::Form(_))),
        "no goes back to the form"
    );
    update(&mut state, Action::Submit);
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(
        call,
        ApiCall::EndCampaign {
            id: "c1".into(),
            reason: "Budget épuisé".into(),
        }
    );
    let mut ended = campaign(
        "c1",
        "Semaine de Noël",
        500,
        Some(("s2", "Bazar Sud")),
        "ended",
    );
    ended.ends_at = "2026-12-10T09:30:00Z".into();
    let reload = update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::CampaignEnded(Ok(Some(ended)))),
        },
    );
    assert!(ops(&state).overlay.is_none());
    assert!(matches!(reload, Some(Effect::Batch(_))));
    assert_eq!(
        notice(&state),
        "“Semaine de Noël” ended at 2026-12-10 09:30 UTC."
    );
}

#[test]
fn an_upcoming_campaign_is_withdrawn_and_an_ended_one_is_left_alone() {
    let mut state = ops_state(OpsTab::Campaigns);
    update(&mut state, Action::Down);
    update(&mut state, Action::Delete);
    type_text(&mut state, "Reporté");
    update(&mut state, Action::Submit);
    let Some(Overlay::Confirm(confirm)) = &ops(&state).overlay else {
        panic!("expected the confirmation");
    };
    assert_eq!(confirm.title, "Withdraw the campaign");
    let (request, _) = api_call(update(&mut state, Action::Confirm(true)));
    update(
        &mut state,
        Action::Answer {
            request,
            answer: Box::new(Answer::CampaignEnded(Ok(None))),
        },
    );
    assert_eq!(
        notice(&state),
        "“Printemps au jardin” was withdrawn before it started."
    );

    update(&mut state, Action::Down);
    assert_eq!(update(&mut state, Action::Delete), None);
    assert!(ops(&state).overlay.is_none());
    assert_eq!(notice(&state), "“Black Friday” has already ended.");
}
