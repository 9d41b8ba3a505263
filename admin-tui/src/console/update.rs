//! [`update`]: the only place the console's [`State`] changes. Pure: IO comes out as an
//! [`Effect`] for the caller to run.

mod session;
#[cfg(test)]
mod tests;

use std::time::Duration;

use self::session::{edit_form, login_finished, logout, me_loaded, refresh, session_ended, start};
use super::action::{Action, Answer, Effect};
use super::screens::{self, Out, Tab};
use super::state::{Notice, Screen, Session, State, View};
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
        Action::Refresh => match &state.screen {
            Screen::Console(session)
                if (session.view() == View::Desk && session.desk.tab != Tab::Dashboard)
                    || session.view() == View::Operator =>
            {
                with_session(state, |session, out| {
                    screens::update(session, Action::Refresh, out)
                })
            }
            Screen::Console(_) | Screen::Login(_) => refresh(state),
        },
        Action::Tick => with_session(state, screens::poll),
        Action::Answer { request, answer } => answered(state, request, *answer),
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
            Screen::Login(_) => None,
            Screen::Console(_) => {
                with_session(state, |session, out| screens::update(session, action, out))
            }
        },
        Action::SwitchTab(_)
        | Action::NextTab
        | Action::PrevTab
        | Action::Up
        | Action::Down
        | Action::Left
        | Action::Right
        | Action::PageUp
        | Action::PageDown
        | Action::New
        | Action::Edit
        | Action::TogglePublish
        | Action::Delete
        | Action::Boost
        | Action::Search
        | Action::CycleSort
        | Action::NextFilter
        | Action::PrevFilter
        | Action::Order(_)
        | Action::Stock(_)
        | Action::Till(_)
        | Action::OpsTab(_)
        | Action::Decide(_)
        | Action::Dispute(_)
        | Action::PayOut
        | Action::Cancel
        | Action::Confirm(_)
        | Action::ImportCsv
        | Action::ExportCsv
        | Action::SaveReport => {
            with_session(state, |session, out| screens::update(session, action, out))
        }
        // Not a key: it goes to the job's state whatever is open over the screen.
        Action::Csv { job, event } => with_session(state, |session, out| {
            screens::offers::spreadsheet::event(&mut session.desk, job, event, out)
        }),
    }
}

/// Runs `f` on the signed-in session with an [`Out`] for requests and notices.
fn with_session(
    state: &mut State,
    f: impl FnOnce(&mut Session, &mut Out) -> Option<Effect>,
) -> Option<Effect> {
    let State {
        screen,
        last_request,
        notice,
        ..
    } = state;
    let Screen::Console(session) = screen else {
        return None;
    };
    let mut out = Out::new(session.token.clone(), last_request, notice);
    f(session, &mut out)
}

/// A seller API answer: a 401 ends the session, anything else goes to the screens.
fn answered(state: &mut State, request: u64, answer: Answer) -> Option<Effect> {
    if answer.error().is_some_and(ApiError::is_unauthorized) {
        return session_ended(state);
    }
    let shop_created = matches!(answer, Answer::ShopCreated(Ok(_)));
    let effect = with_session(state, |session, out| {
        screens::apply_answer(session, request, answer, out)
    });
    if shop_created {
        // `/me` names the new shop (and role); its answer loads the seller screens.
        return refresh(state);
    }
    effect
}

/// The wait before retry number `failures` (1, 2, 4… seconds, at most [`MAX_RETRY_DELAY`]).
pub fn retry_delay(failures: u32) -> Duration {
    let seconds = 1u64 << failures.saturating_sub(1).min(16);
    Duration::from_secs(seconds).min(MAX_RETRY_DELAY)
}
