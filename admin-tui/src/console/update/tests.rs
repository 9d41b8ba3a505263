//! Transitions of [`update`]: no terminal, no network.

use std::time::Duration;

use api_types::{ErrorBody, LoginResponse, MeResponse, ShopStatus};

use super::{retry_delay, update};
use crate::client::ApiError;
use crate::console::action::{Action, Effect};
use crate::console::fixtures::{SERVER, seller, shop};
use crate::console::state::{Field, Loading, LoginForm, Notice, Screen, Session, State};

fn form(state: &State) -> &LoginForm {
    match &state.screen {
        Screen::Login(form) => form,
        Screen::Console(_) => panic!("expected the login form, got {:?}", state.screen),
    }
}

fn session(state: &State) -> &Session {
    match &state.screen {
        Screen::Console(session) => session,
        Screen::Login(_) => panic!("expected the console, got {:?}", state.screen),
    }
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        assert_eq!(update(state, Action::Input(c)), None);
    }
}

/// A state on the login form with the e-mail and password typed and submitted.
fn submitted() -> State {
    let mut state = State::login(SERVER);
    type_text(&mut state, "ada@example.com");
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "hunter2");
    let effect = update(&mut state, Action::Submit);
    assert_eq!(
        effect,
        Some(Effect::Login {
            email: "ada@example.com".into(),
            password: "hunter2".into()
        })
    );
    state
}

/// A state signed in as the seller, `/me` answered.
fn signed_in() -> State {
    let mut state = submitted();
    let effect = update(
        &mut state,
        Action::LoginFinished(Ok(LoginResponse {
            token: "tok".into(),
            user: seller(),
        })),
    );
    let Some(Effect::FetchMe { request, .. }) = effect else {
        panic!("expected a /me request, got {effect:?}");
    };
    let me = MeResponse {
        user: seller(),
        shop: Some(shop(ShopStatus::Approved)),
    };
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    assert!(
        matches!(effect, Some(Effect::Batch(_))),
        "a seller's screens load"
    );
    state
}

#[test]
fn typing_goes_into_the_focused_field_and_tab_switches() {
    let mut state = State::login(SERVER);
    type_text(&mut state, "ada@x");
    update(&mut state, Action::Backspace);
    update(&mut state, Action::FocusNext);
    type_text(&mut state, "pw");
    update(&mut state, Action::Paste("d\n".into()));
    assert_eq!(form(&state).email, "ada@");
    assert_eq!(form(&state).password, "pwd");
    assert_eq!(form(&state).focus, Field::Password);
    update(&mut state, Action::FocusPrev);
    assert_eq!(form(&state).focus, Field::Email);
    update(&mut state, Action::ClearField);
    assert_eq!(form(&state).email, "");
}

#[test]
fn enter_with_an_empty_field_says_so_without_a_request() {
    let mut state = State::login(SERVER);
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(
        form(&state).error.as_deref(),
        Some("Enter your e-mail address.")
    );
    type_text(&mut state, "ada@example.com");
    assert_eq!(form(&state).error, None, "typing clears the error");
    assert_eq!(update(&mut state, Action::Submit), None);
    assert_eq!(form(&state).focus, Field::Password);
}

#[test]
fn enter_asks_for_a_login_and_waits() {
    let mut state = submitted();
    assert!(form(&state).pending);
    // While signing in, keys neither edit nor submit twice.
    assert_eq!(update(&mut state, Action::Submit), None);
    update(&mut state, Action::Input('x'));
    assert_eq!(form(&state).password, "hunter2");
}

#[test]
fn a_successful_login_opens_the_console_and_loads_me() {
    let mut state = submitted();
    let effect = update(
        &mut state,
        Action::LoginFinished(Ok(LoginResponse {
            token: "tok".into(),
            user: seller(),
        })),
    );
    assert_eq!(
        effect,
        Some(Effect::FetchMe {
            request: 1,
            token: "tok".into(),
            delay: Duration::ZERO
        })
    );
    assert_eq!(
        session(&state).user.as_ref().map(|u| u.name.as_str()),
        Some("Ada Lovelace")
    );
    assert_eq!(session(&state).me, Loading::Loading);

    let me = MeResponse {
        user: seller(),
        shop: Some(shop(ShopStatus::Approved)),
    };
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request: 1,
            result: Ok(me),
        },
    );
    assert!(matches!(effect, Some(Effect::Batch(_))));
    assert_eq!(session(&state).shop, Some(shop(ShopStatus::Approved)));
    assert_eq!(session(&state).me, Loading::Loaded);
}

#[test]
fn a_refused_login_shows_the_servers_message_and_clears_the_password() {
    let mut state = submitted();
    let error = ApiError::Api {
        status: 401,
        body: ErrorBody::new("invalid_credentials", "Wrong e-mail or password", None),
    };
    assert_eq!(update(&mut state, Action::LoginFinished(Err(error))), None);
    let form = form(&state);
    assert!(!form.pending);
    assert_eq!(form.error.as_deref(), Some("Wrong e-mail or password"));
    assert_eq!(form.password, "");
    assert_eq!(form.email, "ada@example.com");
    assert_eq!(form.focus, Field::Password);
}

#[test]
fn a_network_error_on_login_is_shown_and_keeps_the_form() {
    let mut state = submitted();
    let error = ApiError::Network(format!(
        "Cannot reach {SERVER} — is `halles serve` running?"
    ));
    update(&mut state, Action::LoginFinished(Err(error)));
    assert!(
        form(&state)
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Cannot reach"))
    );
    assert_eq!(form(&state).password, "hunter2");
}

#[test]
fn question_mark_toggles_help() {
    let mut state = signed_in();
    update(&mut state, Action::ToggleHelp);
    assert!(state.help_visible);
    update(&mut state, Action::ToggleHelp);
    assert!(!state.help_visible);
}

#[test]
fn logout_returns_to_the_login_form_and_revokes_the_token() {
    let mut state = signed_in();
    state.help_visible = true;
    assert_eq!(
        update(&mut state, Action::Logout),
        Some(Effect::Logout {
            token: "tok".into()
        })
    );
    assert_eq!(form(&state).email, "ada@example.com");
    assert_eq!(form(&state).password, "");
    assert!(!state.help_visible);
    assert_eq!(state.notice, Some(Notice::info("Logged out.")));

    let failed = Err(ApiError::Network("Cannot reach it".into()));
    update(&mut state, Action::LogoutFinished(failed));
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("server was not told"))
    );
}

#[test]
fn a_network_error_on_me_retries_with_backoff() {
    let mut state = signed_in();
    let Some(Effect::FetchMe { request, .. }) = update(&mut state, Action::Refresh) else {
        panic!("refresh asks /me");
    };
    let down = || Err(ApiError::Network("Cannot reach it".into()));
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: down(),
        },
    );
    let Some(Effect::FetchMe {
        request: retry,
        delay,
        ..
    }) = effect
    else {
        panic!("expected a retry, got {effect:?}");
    };
    assert_eq!(delay, Duration::from_secs(1));
    assert_eq!(
        session(&state).me,
        Loading::Error {
            message: "Cannot reach it".into(),
            retry_in_secs: Some(1)
        }
    );
    // The user is still shown while the server is away.
    assert!(session(&state).user.is_some());

    let effect = update(
        &mut state,
        Action::MeLoaded {
            request: retry,
            result: down(),
        },
    );
    assert!(
        matches!(effect, Some(Effect::FetchMe { delay, .. }) if delay == Duration::from_secs(2))
    );
    // A late answer to an old request changes nothing.
    assert_eq!(
        update(
            &mut state,
            Action::MeLoaded {
                request: retry,
                result: down()
            }
        ),
        None
    );
    assert_eq!(session(&state).failures, 2);
}

#[test]
fn retry_delays_double_up_to_a_cap() {
    let secs: Vec<u64> = (1..=8).map(|n| retry_delay(n).as_secs()).collect();
    assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30]);
    assert_eq!(retry_delay(u32::MAX), Duration::from_secs(30));
}

#[test]
fn a_saved_token_is_checked_at_start_and_a_rejected_one_forgotten() {
    let mut state = State::with_session(SERVER, Session::new("old"));
    let effect = update(&mut state, Action::Start);
    let Some(Effect::FetchMe { request, token, .. }) = effect else {
        panic!("expected a /me request, got {effect:?}");
    };
    assert_eq!(token, "old");
    let expired = ApiError::Api {
        status: 401,
        body: ErrorBody::new("unauthorized", "Sign in", None),
    };
    let effect = update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Err(expired),
        },
    );
    assert_eq!(effect, Some(Effect::ForgetToken));
    assert_eq!(form(&state).focus, Field::Email);
    assert!(form(&state).error.is_some());
}

#[test]
fn a_valid_saved_token_skips_the_login_form() {
    let mut state = State::with_session(SERVER, Session::new("old"));
    let Some(Effect::FetchMe { request, .. }) = update(&mut state, Action::Start) else {
        panic!("expected a /me request");
    };
    let me = MeResponse {
        user: seller(),
        shop: None,
    };
    update(
        &mut state,
        Action::MeLoaded {
            request,
            result: Ok(me),
        },
    );
    assert_eq!(session(&state).user, Some(seller()));
}

#[test]
fn quit_sets_the_flag_and_logged_out_screens_ignore_console_actions() {
    let mut state = State::login(SERVER);
    assert_eq!(update(&mut state, Action::Logout), None);
    assert_eq!(update(&mut state, Action::Refresh), None);
    update(&mut state, Action::Quit);
    assert!(state.should_quit);
}
