//! The help overlay: every key of the keymap, by context, over whatever is on screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::accent;
use crate::console::keymap::{Context, Keymap};

/// The widest the overlay gets.
const WIDTH: u16 = 64;
/// The width of the keys column.
const KEYS_WIDTH: usize = 16;

/// Draws the overlay centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap) {
    // Blank lines between the groups when the terminal is tall enough for them.
    let spaced = lines(keymap, true);
    let lines = if spaced.len() + 4 <= usize::from(area.height) {
        spaced
    } else {
        lines(keymap, false)
    };
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = area.centered(Constraint::Max(WIDTH), Constraint::Max(height));
    let block = Block::bordered()
        .title(Line::from(" Keys ").style(accent()))
        .title_bottom(Line::from(" ? or Esc closes ").right_aligned())
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// One heading per context, then one row per action: keys, description.
fn lines(keymap: &Keymap, spaced: bool) -> Vec<Line<'static>> {
    let keys_style = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    for context in Context::ALL {
        if spaced && !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(context.title(), accent()));
        for (keys, description) in keymap.help_rows(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<KEYS_WIDTH$}"), keys_style),
                Span::raw(description),
            ]));
        }
        if context == Context::Login {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<KEYS_WIDTH$}", "other keys"), keys_style),
                Span::raw("type into the focused field"),
            ]));
        }
    }
    lines
}
