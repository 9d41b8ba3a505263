//! The report of a CSV import, over the offers screen: the summary, the columns ignored,
//! one line per error in file order, scrolled a line or a page at a time; where it was
//! saved, or how to save it, at the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::desk::fit;
use super::{ACCENT, ERROR, accent, error};
use crate::console::screens::offers::spreadsheet::ReportView;

/// The widest the window gets.
const WIDTH: u16 = 96;

/// Draws the report window centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, view: &ReportView) {
    let lines = view.report.lines();
    let wanted = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let popup = area.centered(Constraint::Max(WIDTH), Constraint::Max(wanted));
    let errors = !view.report.errors.is_empty();
    let colour = if errors { ERROR } else { ACCENT };
    let room = usize::from(popup.height.saturating_sub(4)).max(1);
    let first = view.scroll.min(lines.len().saturating_sub(room));
    let shown = format!(
        " lines {}–{} of {} ",
        first + 1,
        (first + room).min(lines.len()),
        lines.len()
    );
    let footer = match (&view.saved, view.saving) {
        (_, Some(_)) => " Saving… ".to_owned(),
        (Some(path), None) => format!(" Saved to {path} · Esc closes "),
        (None, None) => " ↑↓ PgUp PgDn scroll · s saves · Esc closes ".to_owned(),
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(colour))
        .title(
            Line::from(" Import report ")
                .style(Style::new().fg(colour).add_modifier(Modifier::BOLD)),
        )
        .title_top(Line::from(shown).right_aligned())
        .title_bottom(Line::from(footer).right_aligned())
        .padding(Padding::new(1, 1, 1, 0));
    let width = usize::from(popup.width.saturating_sub(4));
    let text: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(index, line)| {
            let text = fit(line, width);
            match index {
                0 | 1 => Line::styled(text, accent()),
                _ if line.starts_with("line ") => Line::styled(text, error()),
                _ => Line::styled(text, Style::new().add_modifier(Modifier::DIM)),
            }
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(text).block(block), popup);
}
