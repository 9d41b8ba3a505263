//! An edit form: one row per field (label, value), the server's error beside the field it
//! names, and a status row (saving, or an error about no field).

use api_types::catalog::Category;
use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::desk::fit;
use super::{ACCENT, accent, error};
use crate::console::screens::disputes::ANSWER_MAX;
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::orders::Verb;

/// The widest a form popup gets.
const WIDTH: u16 = 78;
/// The width of the labels column.
const LABEL_WIDTH: u16 = 19;

/// Draws `form` in a popup centred in `area`.
pub fn render_popup(
    frame: &mut Frame,
    area: Rect,
    form: &Form,
    categories: &[Category],
    show_cursor: bool,
) {
    let height = u16::try_from(line_count(form))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = area.centered(Constraint::Max(WIDTH), Constraint::Max(height));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(Line::from(format!(" {} ", form.kind.title())).style(accent()))
        .border_style(Style::new().fg(ACCENT))
        .padding(Padding::horizontal(1));
    render_in(frame, popup, block, form, categories, show_cursor);
}

/// How many rows `form` needs inside its border.
pub fn line_count(form: &Form) -> usize {
    let errors = form.fields.iter().filter(|f| f.error.is_some()).count();
    form.fields.len() + errors + 2
}

/// Draws `form` inside `block` at `area`; places the cursor in the focused text field.
pub fn render_in(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    form: &Form,
    categories: &[Category],
    show_cursor: bool,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let value_width = usize::from(inner.width.saturating_sub(LABEL_WIDTH + 1));
    let mut lines = Vec::new();
    let mut cursor = None;
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus && form.pending.is_none();
        let (line, typed) = field_line(field, focused, value_width, categories);
        if focused && let Some(typed) = typed {
            let row = u16::try_from(lines.len()).unwrap_or(u16::MAX);
            let column = LABEL_WIDTH.saturating_add(u16::try_from(typed).unwrap_or(u16::MAX));
            cursor = Some(Position::new(
                inner.x.saturating_add(column),
                inner.y.saturating_add(row),
            ));
        }
        lines.push(line);
        if let Some(message) = &field.error {
            let indent = " ".repeat(usize::from(LABEL_WIDTH));
            lines.push(Line::styled(format!("{indent}↳ {message}"), error()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(status_line(form));
    frame.render_widget(Paragraph::new(lines), inner);
    if let (Some(cursor), true) = (cursor, show_cursor)
        && inner.contains(cursor)
    {
        frame.set_cursor_position(cursor);
    }
}

fn status_line(form: &Form) -> Line<'static> {
    if form.pending.is_some() {
        let doing = match form.kind {
            FormKind::Order { .. } | FormKind::DisputeAnswer { .. } => "Sending…",
            FormKind::TillAisle { .. } => "Recording the sale…",
            FormKind::DisputeDecision { .. } => "Deciding…",
            FormKind::Payout { .. } => "Paying out…",
            FormKind::StockTransfer { .. } => "Moving…",
            _ => "Saving…",
        };
        return Line::styled(doing, Style::new().fg(ACCENT));
    }
    if let Some(message) = &form.error {
        return Line::styled(message.clone(), error());
    }
    if let FormKind::DisputeAnswer { .. } = form.kind {
        let typed = form.text("message").chars().count();
        let count = format!("{typed}/{ANSWER_MAX} characters");
        let style = if typed > ANSWER_MAX {
            error()
        } else {
            Style::new().add_modifier(Modifier::DIM)
        };
        return Line::from(vec![
            Span::styled(count, style),
            Span::styled(
                " · Enter asks you to confirm · Esc goes back",
                Style::new().add_modifier(Modifier::DIM),
            ),
        ]);
    }
    let note = match form.kind {
        FormKind::EditOffer { .. } => {
            "GTIN, title, brand and category are the product's: they stay."
        }
        FormKind::OpenShop => "An operator reviews the shop before it is public.",
        FormKind::NewOffer | FormKind::NewLocation | FormKind::EditLocation { .. } => {
            "Enter saves · Esc cancels"
        }
        FormKind::Order {
            verb: Verb::Cancel | Verb::Refund | Verb::ReturnInStore,
            ..
        } => "Enter asks you to confirm · Esc goes back",
        // Worded as the other forms and the status bar's "Enter save" hint.
        FormKind::Order { .. } => "Enter saves · Esc goes back",
        FormKind::Decision { .. } => "Enter asks you to confirm · Esc goes back",
        FormKind::Settings => "Enter saves (new orders only) · Esc cancels",
        FormKind::NewCampaign => "A shop or a category · times in UTC · Enter saves",
        FormKind::EndCampaign { .. } | FormKind::DisputeAnswer { .. } => {
            "Enter asks you to confirm · Esc goes back"
        }
        FormKind::DisputeDecision { .. } => "Both sides are told · Enter asks you to confirm",
        FormKind::Payout { .. } => "The server pays what is payable · Enter asks you to confirm",
        FormKind::ImportCsv => "Matched by GTIN and condition · Enter imports · Esc cancels",
        FormKind::ExportCsv => "An existing file is replaced · Enter writes · Esc cancels",
        FormKind::ShopBoost | FormKind::OfferBoost { .. } => {
            "Empty removes the boost · new orders only · Enter saves"
        }
        FormKind::StockLevel { .. } => "←/→ or r/a: the reason · Enter saves · Esc goes back",
        FormKind::StockTransfer { .. } => "←/→ picks where · Enter asks you to confirm",
        FormKind::TillAisle { .. } => {
            "←/→ choose · paid at the till now · Enter asks you to confirm"
        }
        FormKind::LowStockThreshold { .. } => {
            "Cells at or below this many free units show as low · Enter saves"
        }
    };
    Line::styled(note, Style::new().add_modifier(Modifier::DIM))
}

/// One field's row, and where the cursor goes in its value (for text fields).
fn field_line(
    field: &FormField,
    focused: bool,
    width: usize,
    categories: &[Category],
) -> (Line<'static>, Option<usize>) {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let label_style = match (focused, field.locked) {
        (true, _) => accent(),
        (false, true) => dim,
        (false, false) => Style::new().add_modifier(Modifier::BOLD),
    };
    let marker = if focused { "›" } else { " " };
    let label = format!(
        "{marker}{:<w$}",
        field.label,
        w = usize::from(LABEL_WIDTH) - 1
    );
    let mut spans = vec![Span::styled(label, label_style)];
    let value_style = if field.locked { dim } else { Style::new() };
    let mut typed = None;
    match &field.value {
        Value::Text(text) | Value::Digits(text) | Value::Category(text) => {
            let extra = match &field.value {
                Value::Category(slug) => category_note(slug, categories, focused),
                _ => String::new(),
            };
            let room = width
                .saturating_sub(extra.chars().count())
                .saturating_sub(1);
            // A locked value is read, not typed: its start matters, not its end.
            let shown = if field.locked {
                fit(text, room)
            } else {
                tail(text, room)
            };
            typed = Some(shown.chars().count());
            if text.is_empty() {
                spans.push(Span::styled(field.placeholder.to_owned(), dim));
            } else {
                spans.push(Span::styled(shown, value_style));
            }
            if !extra.is_empty() {
                spans.push(Span::styled(format!("  {extra}"), dim));
            }
        }
        Value::Choice { .. } | Value::Pick { .. } => {
            let style = if focused { accent() } else { value_style };
            spans.push(Span::styled(format!("◀ {} ▶", field.shown()), style));
        }
        Value::Toggle(on) => {
            let text = if *on { "[x] yes" } else { "[ ] no" };
            let style = if focused { accent() } else { value_style };
            spans.push(Span::styled(text, style));
        }
    }
    (Line::from(spans), typed)
}

/// Beside the category: the name of the category typed, or how to pick one.
fn category_note(slug: &str, categories: &[Category], focused: bool) -> String {
    match categories.iter().position(|c| c.slug == slug.trim()) {
        Some(index) => categories.get(index).map_or_else(String::new, |c| {
            format!(
                "✓ {} / {} ({}/{})",
                c.name_fr,
                c.name_en,
                index + 1,
                categories.len()
            )
        }),
        None if categories.is_empty() && focused => "no categories loaded: type a slug".to_owned(),
        None if focused => format!("←/→ pick one of {}", categories.len()),
        None if slug.trim().is_empty() => String::new(),
        None => "unknown".to_owned(),
    }
}

/// The end of `text` that fits in `width` columns (the part being typed stays visible).
fn tail(text: &str, width: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(width)).collect()
}
