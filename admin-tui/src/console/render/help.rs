//! The help overlay: the keys of the screen underneath, generated from the keymap.
//!
//! A run of number keys reads as a range ("1–8", "1–9, 0"). It must show every key even at 80×24: blank lines between the groups when there is
//! room, none when there is not, and when even that is too tall (the orders screen), the
//! shared groups (seller screens, console) fold into a few wrapped lines after the
//! screen's own keys, which keep one row each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::accent;
use crate::console::keymap::{Context, HelpRow, Keymap};

/// The widest the overlay gets.
const WIDTH: u16 = 70;
/// The width of the keys column.
const KEYS_WIDTH: usize = 20;

/// How roomy the help is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One row per action, a blank line between groups.
    Spaced,
    /// One row per action.
    Tight,
    /// The screen's own keys one row each, the shared groups folded.
    Folded,
}

/// Draws the overlay for the screen in `context`, centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, context: Context) {
    // Inside the border and the padding.
    let text_width = usize::from(area.width.min(WIDTH).saturating_sub(4));
    let height = usize::from(area.height);
    // Spaced only with a row to spare above and below; else as long as the border fits.
    let lines = [(Layout::Spaced, 4), (Layout::Tight, 2)]
        .into_iter()
        .map(|(layout, around)| (lines(keymap, context, layout, text_width), around))
        .find(|(lines, around)| lines.len() + around <= height)
        .map_or_else(
            || lines(keymap, context, Layout::Folded, text_width),
            |(lines, _)| lines,
        );
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

/// One heading per section, then one row per action: keys, description (folded into
/// wrapped lines of `width` for the shared sections in [`Layout::Folded`]).
fn lines(keymap: &Keymap, context: Context, layout: Layout, width: usize) -> Vec<Line<'static>> {
    let keys_style = Style::new().add_modifier(Modifier::BOLD);
    let row = |keys: &str, description: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {:<KEYS_WIDTH$}", shown(keys)), keys_style),
            Span::raw(description),
        ])
    };
    let mut lines = Vec::new();
    for (section, rows) in keymap.help_sections(context) {
        if section != context && layout == Layout::Folded {
            lines.extend(folded(section, &rows, width));
            continue;
        }
        if layout == Layout::Spaced && !lines.is_empty() {
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

/// "Console: ?, F1 show or hide this help · q quit", wrapped between items at `width`
/// (an item is never split).
fn folded(section: Context, rows: &[HelpRow], width: usize) -> Vec<Line<'static>> {
    let keys_style = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    let mut spans = vec![Span::styled(format!("{}: ", section.title()), accent())];
    let mut used = section.title().chars().count() + 2;
    for (index, help) in rows.iter().enumerate() {
        let separator = if index == 0 { "" } else { " · " };
        let keys = shown(&help.keys);
        let needed =
            separator.chars().count() + keys.chars().count() + 1 + help.description.chars().count();
        // A first item too long for the heading's line starts below it.
        if used + needed > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw("  "));
            used = 2;
        } else {
            spans.push(Span::raw(separator));
            used += separator.chars().count();
        }
        spans.push(Span::styled(keys, keys_style));
        spans.push(Span::raw(format!(" {}", help.description)));
        used += needed - separator.chars().count();
    }
    lines.push(Line::from(spans));
    lines
}

/// The keys as shown: a run of three or more digit keys in a row reads "1–8"; a 0 after
/// the 9 (the tenth screen, as on a keyboard's number row) reads "1–9, 0".
fn shown(keys: &str) -> String {
    let digits: Vec<u32> = keys
        .split(", ")
        .enumerate()
        .map_while(|(index, key)| {
            let mut chars = key.chars();
            match (chars.next().and_then(|c| c.to_digit(10)), chars.next()) {
                (Some(0), None) if index > 0 => Some(10),
                (Some(digit), None) => Some(digit),
                _ => None,
            }
        })
        .collect();
    let all = keys.split(", ").count();
    let consecutive = digits.windows(2).all(|pair| pair[1] == pair[0] + 1);
    match (digits.first(), digits.last()) {
        (Some(first), Some(10)) if digits.len() == all && all >= 4 && consecutive => {
            format!("{first}–9, 0")
        }
        (Some(first), Some(last)) if digits.len() == all && all >= 3 && consecutive => {
            format!("{first}–{last}")
        }
        _ => keys.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_run_of_number_keys_reads_as_a_range() {
        assert_eq!(shown("1, 2, 3, 4, 5, 6, 7, 8"), "1–8");
        assert_eq!(shown("1, 2"), "1, 2");
        assert_eq!(shown("1, 3, 4"), "1, 3, 4");
        assert_eq!(shown("1, 2, 3, 4, 5, 6, 7, 8, 9, 0"), "1–9, 0");
        assert_eq!(shown("0, 1, 2"), "0–2");
        assert_eq!(shown("Tab, ↓"), "Tab, ↓");
    }
}
