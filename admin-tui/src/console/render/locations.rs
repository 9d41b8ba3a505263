//! The locations screen: a table of the shop's warehouses and stores.

use api_types::selling::Location;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};

use super::ACCENT;
use super::desk::{marker, placeholder, reloading, render_placeholder, screen_block};
use crate::console::screens::Desk;

/// Draws the locations screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let locations = &desk.locations;
    let items = locations.items();
    let pending = locations.list.pending.is_some();
    let block = screen_block(format!("Locations · {}{}", items.len(), reloading(pending)));
    let nothing = placeholder(
        &locations.list.load,
        locations.list.data.is_some(),
        items.is_empty(),
        "No locations yet — press n to add a warehouse or a store.",
    );
    if let Some(line) = nothing {
        render_placeholder(frame, area, block, line);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let wide = inner.width >= 100;
    let rows_room = usize::from(inner.height.saturating_sub(1)).max(1);
    let first = locations.selected.saturating_sub(rows_room - 1);
    let rows = items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_room)
        .map(|(index, location)| row(location, index == locations.selected));
    let header = Row::new([
        " Name", "Kind", "City", "Postcode", "Pickup", "Prep.", "Hours",
    ])
    .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let widths = [
        Constraint::Fill(if wide { 2 } else { 3 }),
        Constraint::Length(9),
        Constraint::Length(if wide { 16 } else { 10 }),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Fill(2),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

fn row(location: &Location, selected: bool) -> Row<'static> {
    let kind = if location.kind == "store" {
        "store"
    } else {
        "warehouse"
    };
    let pickup = if location.pickup {
        Line::styled("yes", Style::new().fg(ACCENT))
    } else {
        Line::styled("no", Style::new().add_modifier(Modifier::DIM))
    };
    let row = Row::new([
        Cell::from(format!("{}{}", marker(selected), location.name)),
        Cell::from(kind),
        Cell::from(location.city.clone()),
        Cell::from(location.postcode.clone()),
        Cell::from(pickup),
        Cell::from(Line::from(minutes(location.preparation_minutes)).right_aligned()),
        Cell::from(location.opening_hours.clone()),
    ]);
    if selected {
        row.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        row
    }
}

/// "45 min", "2 h", "1 h 30".
pub fn minutes(total: u32) -> String {
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}
