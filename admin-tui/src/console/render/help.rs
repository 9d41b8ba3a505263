//! The help overlay: the keys of the screen underneath, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::accent;
use crate::console::keymap::{Context, Keymap};

/// The widest the overlay gets.
const WIDTH: u16 = 70;
/// The width of the keys column.
const KEYS_WIDTH: usize = 20;

/// Draws the overlay for the screen in `context`, centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, context: Context) {
    // Blank lines between the groups when the terminal is tall enough for them.
    let spaced = lines(keymap, context, true);
    let lines = if spaced.len() + 4 <= usize::from(area.height) {
        spaced
    } else {
        lines(keymap, context, false)
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

/// One heading per section, then one row per action: keys, description.
fn lines(keymap: &Keymap, context: Context, spaced: bool) -> Vec<Line<'static>> {
    let keys_style = Style::new().add_modifier(Modifier::BOLD);
    let row = |keys: &str, description: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {keys:<KEYS_WIDTH$}"), keys_style),
            Span::raw(description),
        ])
    };
    let mut lines = Vec::new();
    for (section, rows) in keymap.help_sections(context) {
        if spaced && !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title(), accent()));
        for help in rows {
            lines.push(row(&help.keys, help.description));
        }
        if section == context && context.types_text() {
            lines.push(row("other keys", "type into the focused field"));
        }
    }
    lines
}
