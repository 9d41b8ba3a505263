//! [`update`]: the only place the console's [`State`] changes. Pure: IO comes out as an
//! [`Effect`] for the caller to run.

#[cfg(test)]
mod tests;

use std::time::Duration;

use api_types::{LoginResponse, MeResponse};

use super::action::{Action, Effect};
use super::state::{Field, Loading, LoginForm, Notice, Screen, Session, State};
use crate::client::ApiError;

/// The longest wait between two automatic retries of `GET /me`.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

/// Applies `action` to `state`; returns the IO to run next, if any.
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Start => start(state),
        Action::Quit => {
            state.should_quit = true;
            None
        }
        Action::ToggleHelp => {
            state.help_visible = !state.help_visible;
            None
        }
        Action::Notify(text) => {
            state.notice = Some(Notice::error(text));
            None
        }
        Action::Refresh => refresh(state),
        Action::Logout => logout(state),
        Action::LoginFinished(result) => login_finished(state, result),
        Action::MeLoaded { request, result } => me_loaded(state, request, result),
        Action::LogoutFinished(result) => {
            if let Err(error) = result {
                state.notice = Some(Notice::error(format!(
                    "Logged out here, but the server was not told: {error}"
                )));
            }
            None
        }
        Action::FocusNext
        | Action::FocusPrev
        | Action::Input(_)
        | Action::Paste(_)
        | Action::Backspace
        | Action::ClearField
        | Action::Submit => match &mut state.screen {
            Screen::Login(form) if !form.pending => edit_form(form, action),
            Screen::Login(_) | Screen::Console(_) => None,
        },
    }
}

/// The wait before retry number `failures` (1, 2, 4… seconds, at most [`MAX_RETRY_DELAY`]).
pub fn retry_delay(failures: u32) -> Duration {
    let seconds = 1u64 << failures.saturating_sub(1).min(16);
    Duration::from_secs(seconds).min(MAX_RETRY_DELAY)
}

/// A restored session is checked with `GET /me` as soon as the loop starts.
fn start(state: &mut State) -> Option<Effect> {
    let request = state.next_request();
    match &mut state.screen {
        Screen::Console(session) if session.pending_request.is_none() => {
            Some(fetch_me(session, request, Duration::ZERO))
        }
        Screen::Console(_) | Screen::Login(_) => None,
    }
}

fn refresh(state: &mut State) -> Option<Effect> {
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

fn logout(state: &mut State) -> Option<Effect> {
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

fn edit_form(form: &mut LoginForm, action: Action) -> Option<Effect> {
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

fn login_finished(state: &mut State, result: Result<LoginResponse, ApiError>) -> Option<Effect> {
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

fn me_loaded(
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
            None
        }
        Err(error) if error.is_unauthorized() => {
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
