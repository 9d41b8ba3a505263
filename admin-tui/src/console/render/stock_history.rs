//! A stock cell's movements, in the grid's place: one row per movement (when, why, ±units,
//! ±reserved, the order, the note), and the selected one's order and note in full below.

use api_types::selling::StockMovement;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::ORDER_NUMBER_WIDTH;
use super::desk::{fit, marker, placeholder, reloading, render_placeholder, screen_block};
use crate::console::screens::Desk;
use crate::console::screens::dates::short_utc;
use crate::console::screens::stock::History;

/// The width of the order column: a whole order number (an order not on the loaded page
/// shows its id, cut to fit).
const ORDER: u16 = ORDER_NUMBER_WIDTH;

/// Draws `history` into `area` (the stock screen's).
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk, history: &History) {
    let has_data = history.list.data.is_some();
    let block = screen_block(format!(
        "Movements · {} · {} · page {}/{}{}",
        fit(&history.title, 30),
        fit(&history.location_name, 18),
        history.page,
        history.pages(),
        reloading(history.list.pending.is_some() && has_data)
    ));
    let nothing = placeholder(
        &history.list.load,
        has_data,
        history.items().is_empty(),
        "No movements yet: nothing has changed this cell's stock. Esc goes back.",
    );
    if let Some(text) = nothing {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, detail] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(2),
    ]));
    let rows_room = usize::from(table_area.height.saturating_sub(1)).max(1);
    let first = history.selected.saturating_sub(rows_room - 1);
    let rows = history
        .items()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_room)
        .map(|(index, movement)| row(desk, movement, index == history.selected));
    let header = Row::new([" When", "Reason", "Units", "Reserved", "Order", "Note"])
        .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let widths = [
        Constraint::Length(17),
        Constraint::Length(12),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(ORDER),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), table_area);
    if let Some(movement) = history.selected_movement() {
        frame.render_widget(
            Paragraph::new(detail_line(desk, movement)).wrap(Wrap { trim: true }),
            detail,
        );
    }
}

fn row(desk: &Desk, movement: &StockMovement, selected: bool) -> Row<'static> {
    let style = if selected {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let order = movement
        .order_id
        .as_deref()
        .map_or_else(String::new, |id| order_label(desk, id));
    Row::new([
        Cell::from(format!(
            "{}{}",
            marker(selected),
            short_utc(&movement.created_at)
        )),
        Cell::from(movement.reason.clone()),
        Cell::from(Line::from(change(movement.quantity_change)).right_aligned()),
        Cell::from(Line::from(change(movement.reserved_change)).right_aligned()),
        Cell::from(fit(&order, usize::from(ORDER))),
        Cell::from(movement.note.clone()),
    ])
    .style(style)
}

/// "+3", "-2", or a dim "·" for no change.
fn change(by: i64) -> Span<'static> {
    if by == 0 {
        Span::styled("·", Style::new().add_modifier(Modifier::DIM))
    } else {
        Span::raw(format!("{by:+}"))
    }
}

/// The order's number when it is among the loaded orders, else its id.
fn order_label(desk: &Desk, id: &str) -> String {
    desk.orders
        .items()
        .iter()
        .find(|order| order.order_id == id || order.id == id)
        .map_or_else(|| id.to_owned(), |order| order.order_number.clone())
}

/// The selected movement in full: its order and its note.
fn detail_line(desk: &Desk, movement: &StockMovement) -> Line<'static> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let mut spans = vec![Span::styled(format!("{}: ", movement.reason), dim)];
    if let Some(id) = &movement.order_id {
        spans.push(Span::raw(format!("order {}", order_label(desk, id))));
        if !movement.note.is_empty() {
            spans.push(Span::raw(" · "));
        }
    }
    match (movement.note.is_empty(), movement.order_id.is_some()) {
        (false, _) => spans.push(Span::raw(movement.note.clone())),
        (true, false) => spans.push(Span::styled("no note", dim)),
        (true, true) => {}
    }
    Line::from(spans)
}
