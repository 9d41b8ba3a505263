//! The two bottom rows: what is happening (progress, errors, notices) and the key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{ACCENT, error};
use crate::console::keymap::{Context, Keymap};
use crate::console::state::{Loading, NoticeKind, Screen, State};

/// Draws the message row and the hints row into `area` (two rows).
pub fn render(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let [message, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    frame.render_widget(Paragraph::new(message_line(state)), message);
    let width = usize::from(hints.width);
    frame.render_widget(Paragraph::new(hints_line(state, keymap, width)), hints);
}

fn message_line(state: &State) -> Line<'_> {
    if let Screen::Console(session) = &state.screen {
        match &session.me {
            Loading::Loading => {
                return Line::styled(" Loading your account…", Style::new().fg(ACCENT));
            }
            Loading::Error {
                message,
                retry_in_secs,
            } => {
                let retry = match retry_in_secs {
                    Some(secs) => format!(" Retrying in {secs} s."),
                    None => " Press r to try again.".to_owned(),
                };
                return Line::styled(format!(" {message}{retry}"), error());
            }
            Loading::Idle | Loading::Loaded => {}
        }
    }
    match &state.notice {
        Some(notice) if notice.kind == NoticeKind::Error => {
            Line::styled(format!(" {}", notice.text), error())
        }
        Some(notice) => Line::raw(format!(" {}", notice.text)),
        None => Line::raw(""),
    }
}

/// The key hints, in keymap order; a hint that does not fit in `width` is left out
/// whole (a shorter one after it may still fit).
fn hints_line(state: &State, keymap: &Keymap, width: usize) -> Line<'static> {
    let key_style = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in keymap.hints(Context::of(state)) {
        let needed = key.chars().count() + label.chars().count() + 5;
        if used + needed > width {
            continue;
        }
        used += needed;
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {key} "), key_style));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}
