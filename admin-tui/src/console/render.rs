//! Drawing: [`render`] reads the [`State`] and draws it; it changes nothing.
//!
//! - `login`: the sign-in form.
//! - `frame`: the signed-in console (header and welcome panel).
//! - `status_bar`: the two bottom rows (messages and key hints).
//! - `help`: the `?` overlay, generated from the keymap.
//!
//! The palette is modest so it reads on dark and light terminals: bold, one accent colour
//! ([`ACCENT`]), red for errors, and the terminal's own foreground for everything else.

mod frame;
mod help;
mod login;
mod status_bar;
#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};

use super::keymap::Keymap;
use super::state::{Screen, State};

/// The one accent colour: titles, focus, progress.
pub const ACCENT: Color = Color::Cyan;
/// The colour of errors.
pub const ERROR: Color = Color::Red;

/// Headings and focused things.
fn accent() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// Error text.
fn error() -> Style {
    Style::new().fg(ERROR).add_modifier(Modifier::BOLD)
}

/// Draws the whole console for `state`.
pub fn render(frame: &mut Frame, state: &State, keymap: &Keymap) {
    let [body, status] = frame.area().layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(2),
    ]));
    match &state.screen {
        Screen::Login(form) => login::render(frame, body, state, form),
        Screen::Console(session) => frame::render(frame, body, state, session),
    }
    status_bar::render(frame, status, state, keymap);
    if state.help_visible {
        help::render(frame, frame.area(), keymap);
    }
}
