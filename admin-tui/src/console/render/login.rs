//! The sign-in form: server, e-mail, masked password, and what happened last.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::{accent, error};
use crate::console::state::{Field, LoginForm, State};

/// The form's size when the terminal has room.
const WIDTH: u16 = 60;
const HEIGHT: u16 = 15;

/// The character shown for each password character.
pub const MASK: char = '•';

/// Draws the sign-in form centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &State, form: &LoginForm) {
    let area = area.centered(Constraint::Max(WIDTH), Constraint::Max(HEIGHT));
    let block = Block::bordered()
        .title(Line::from(" Halles console ").style(accent()))
        .title_bottom(Line::from(" sign in ").right_aligned())
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let [_, server, _, email, password, _, message] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let server_line = Line::from(vec![
        Span::styled("Server  ", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(state.server.as_str()),
    ]);
    frame.render_widget(Paragraph::new(server_line), server);

    let masked: String = form.password.chars().map(|_| MASK).collect();
    let show_cursor = !form.pending && !state.help_visible;
    for (field, rect, label, text) in [
        (Field::Email, email, "E-mail", form.email.as_str()),
        (Field::Password, password, "Password", masked.as_str()),
    ] {
        let focused = form.focus == field;
        let cursor = render_field(frame, rect, label, text, focused);
        if focused && show_cursor {
            frame.set_cursor_position(cursor);
        }
    }

    let text = if form.pending {
        Line::styled("Signing in…", accent())
    } else if let Some(message) = &form.error {
        Line::styled(message.as_str(), error())
    } else {
        Line::raw("")
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), message);
}

/// Draws one boxed field; returns where the cursor goes (after the text).
fn render_field(frame: &mut Frame, area: Rect, label: &str, text: &str, focused: bool) -> Position {
    let (border, title) = if focused {
        (Style::new().fg(super::ACCENT), accent())
    } else {
        (Style::new(), Style::new())
    };
    let block = Block::bordered()
        .border_style(border)
        .title(Line::styled(format!(" {label} "), title));
    let inner = block.inner(area);
    let shown = tail(text, usize::from(inner.width.saturating_sub(1)));
    let width = u16::try_from(shown.chars().count()).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(shown).block(block), area);
    Position::new(inner.x.saturating_add(width), inner.y)
}

/// The end of `text` that fits in `width` columns (the part being typed stays visible).
fn tail(text: &str, width: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(width)).collect()
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn long_text_shows_its_end() {
        assert_eq!(tail("abcdef", 4), "cdef");
        assert_eq!(tail("ab", 4), "ab");
        assert_eq!(tail("ab", 0), "");
    }
}
