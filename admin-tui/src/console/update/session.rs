//! Signing in and out, and `GET /me`: the session's part of [`update`](super::update).

use std::time::Duration;

use api_types::{LoginResponse, MeResponse};

use super::{retry_delay, with_session};
use crate::client::ApiError;
use crate::console::action::{Action, Effect};
use crate::console::screens;
use crate::console::state::{Field, Loading, LoginForm, Notice, Screen, Session, State, View};

/// A restored session is checked with `GET /me` as soon as the loop starts.
pub(super) fn start(state: &mut State) -> Option<Effect> {
    let request = state.next_request();
    match &mut state.screen {
        Screen::Console(session) if session.pending_request.is_none() => {
            Some(fetch_me(session, request, Duration::ZERO))
        }
        Screen::Console(_) | Screen::Login(_) => None,
    }
}

pub(super) fn refresh(state: &mut State) -> Option<Effect> {
    let request = state.next_request();
    match &mut state.screen {
        Screen::Console(session) => {
            session.failures = 0;
            Some(fetch_me(session, request, Duration::ZERO))
        }
        Screen::Login(_) => None,
    }
}

fn fetch_me(session: &mut Session, request: u64, delay: Duration) -> Effect {
    session.pending_request = Some(request);
    if delay.is_zero() {
        session.me = Loading::Loading;
    }
    Effect::FetchMe {
        request,
        token: session.token.clone(),
        delay,
    }
}

pub(super) fn logout(state: &mut State) -> Option<Effect> {
    let Screen::Console(session) = &state.screen else {
        return None;
    };
    let token = session.token.clone();
    let email = session
        .user
        .as_ref()
        .map(|user| user.email.clone())
        .unwrap_or_default();
    state.screen = Screen::Login(LoginForm {
        email,
        focus: Field::Password,
        ..LoginForm::default()
    });
    state.help_visible = false;
    state.notice = Some(Notice::info("Logged out."));
    Some(Effect::Logout { token })
}

pub(super) fn edit_form(form: &mut LoginForm, action: Action) -> Option<Effect> {
    let field = match form.focus {
        Field::Email => &mut form.email,
        Field::Password => &mut form.password,
    };
    match action {
        Action::FocusNext | Action::FocusPrev => form.focus = form.focus.other(),
        Action::Input(c) if !c.is_control() => field.push(c),
        Action::Paste(text) => field.extend(text.chars().filter(|c| !c.is_control())),
        Action::Backspace => {
            field.pop();
        }
        Action::ClearField => field.clear(),
        Action::Submit => return submit(form),
        _ => return None,
    }
    form.error = None;
    None
}

fn submit(form: &mut LoginForm) -> Option<Effect> {
    let email = form.email.trim().to_owned();
    if email.is_empty() {
        form.focus = Field::Email;
        form.error = Some("Enter your e-mail address.".to_owned());
        return None;
    }
    if form.password.is_empty() {
        form.focus = Field::Password;
        form.error = Some("Enter your password.".to_owned());
        return None;
    }
    form.pending = true;
    form.error = None;
    Some(Effect::Login {
        email,
        password: form.password.clone(),
    })
}

pub(super) fn login_finished(
    state: &mut State,
    result: Result<LoginResponse, ApiError>,
) -> Option<Effect> {
    let Screen::Login(form) = &mut state.screen else {
        return None;
    };
    if !form.pending {
        return None;
    }
    form.pending = false;
    match result {
        Ok(response) => {
            let request = state.next_request();
            let mut session = Session::new(response.token);
            session.user = Some(response.user);
            let effect = fetch_me(&mut session, request, Duration::ZERO);
            state.screen = Screen::Console(Box::new(session));
            state.notice = None;
            Some(effect)
        }
        Err(error) => {
            if error.is_unauthorized() {
                form.password.clear();
                form.focus = Field::Password;
            } else if error.field() == Some("email") {
                form.focus = Field::Email;
            }
            form.error = Some(error.to_string());
            None
        }
    }
}

pub(super) fn me_loaded(
    state: &mut State,
    request: u64,
    result: Result<MeResponse, ApiError>,
) -> Option<Effect> {
    let next = state.next_request();
    let Screen::Console(session) = &mut state.screen else {
        return None;
    };
    if session.pending_request != Some(request) {
        return None;
    }
    session.pending_request = None;
    match result {
        Ok(me) => {
            session.user = Some(me.user);
            session.shop = me.shop;
            session.me = Loading::Loaded;
            session.failures = 0;
            match session.view() {
                View::Desk => with_session(state, |session, out| {
                    Some(screens::load_all(&mut session.desk, out))
                }),
                View::Operator => with_session(state, |session, out| {
                    Some(screens::ops::load_all(&mut session.ops, out))
                }),
                View::Checking | View::Welcome | View::OpenShop => None,
            }
        }
        Err(error) if error.is_unauthorized() => session_ended(state),
        Err(error) if error.is_transient() => {
            session.failures += 1;
            let delay = retry_delay(session.failures);
            session.me = Loading::Error {
                message: error.to_string(),
                retry_in_secs: Some(delay.as_secs()),
            };
            Some(fetch_me(session, next, delay))
        }
        Err(error) => {
            session.me = Loading::Error {
                message: error.to_string(),
                retry_in_secs: None,
            };
            None
        }
    }
}

/// The server no longer accepts the token: back to the sign-in form, token forgotten.
pub(super) fn session_ended(state: &mut State) -> Option<Effect> {
    let Screen::Console(session) = &state.screen else {
        return None;
    };
    let email = session
        .user
        .as_ref()
        .map(|user| user.email.clone())
        .unwrap_or_default();
    let focus = if email.is_empty() {
        Field::Email
    } else {
        Field::Password
    };
    state.screen = Screen::Login(LoginForm {
        email,
        focus,
        error: Some("Your session has ended; please sign in again.".to_owned()),
        ..LoginForm::default()
    });
    state.help_visible = false;
    Some(Effect::ForgetToken)
}
