//! The orders screen: a table of the loaded page (filter and paging in the title), and the
//! selected order's detail beside it, or under it on a narrow terminal.

use api_types::orders::SellerOrder;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::desk::{marker, placeholder_retrying_with, reloading, render_placeholder, screen_block};
use super::{ACCENT, ORDER_NUMBER_WIDTH, order_detail};
use crate::console::action::Action;
use crate::console::keymap::{Context, Keymap};
use crate::console::screens::Desk;
use crate::console::screens::money::euros;
use crate::console::screens::orders::{Orders, status_label};

/// The first column: the selection or "new" mark, then the whole order number.
const ORDER_COLUMN: u16 = 1 + ORDER_NUMBER_WIDTH;
/// The widths of the columns: order, date, status, via, items, total, return.
const COLUMNS: [u16; 7] = [ORDER_COLUMN, 10, 16, 8, 5, 11, 9];
/// The width the table needs: its columns and a space between each. The detail goes
/// beside it when there is room for both.
const LIST_WIDTH: u16 = {
    let mut width = COLUMNS.len() as u16 - 1;
    let mut column = 0;
    while column < COLUMNS.len() {
        width += COLUMNS[column];
        column += 1;
    }
    width
};
// The smallest terminal supported is 80 columns: the table must fit inside the screen's
// box there, or its last column would be cut.
const _: () = assert!(
    LIST_WIDTH <= 80 - 2,
    "the orders table is wider than 80 columns"
);
/// The mark before a new order's row.
const NEW_MARK: &str = "●";
/// The narrowest detail worth putting beside the table (an address fits on one row);
/// narrower terminals put the detail under the table.
const DETAIL_WIDTH: u16 = 50;

/// Draws the orders screen into `area`; `keymap` names the keys of the allowed steps.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk, keymap: &Keymap) {
    let orders = &desk.orders;
    let block = screen_block(title(orders));
    let empty = match orders.status_filter() {
        None => "No orders yet — they appear here as soon as a shopper pays.".to_owned(),
        Some(status) => format!(
            "No {} orders — press f to show another status.",
            status_label(status)
        ),
    };
    let reload = keymap
        .key_for(Context::Orders, &Action::Refresh)
        .map_or_else(|| "r".to_owned(), |key| key.to_string());
    let nothing = placeholder_retrying_with(
        &orders.list.load,
        orders.list.data.is_some(),
        orders.items().is_empty(),
        &empty,
        &reload,
    );
    if let Some(text) = nothing {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, detail] = if inner.width >= LIST_WIDTH + DETAIL_WIDTH {
        inner.layout(&Layout::horizontal([
            Constraint::Length(LIST_WIDTH),
            Constraint::Min(0),
        ]))
    } else {
        inner.layout(&Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Min(0),
        ]))
    };
    render_table(frame, list, orders);
    if let Some(order) = orders.selected_order() {
        order_detail::render(frame, detail, order, keymap);
    }
}

fn title(orders: &Orders) -> String {
    let filter = orders
        .status_filter()
        .map_or("all", |status| status_label(status));
    let mut title = format!("Orders · {filter}");
    if let Some(total) = orders.total() {
        title.push_str(&format!(
            " · {total} · page {}/{}",
            orders.page.max(1),
            orders.pages()
        ));
    }
    title.push_str(reloading(orders.list.pending.is_some()));
    title
}

fn render_table(frame: &mut Frame, area: Rect, orders: &Orders) {
    let rows_room = usize::from(area.height.saturating_sub(1)).max(1);
    let first = orders.selected.saturating_sub(rows_room - 1);
    let rows = orders
        .items()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_room)
        .map(|(index, order)| row(order, index == orders.selected, orders.is_fresh(&order.id)));
    let header = Row::new([
        " Order", "Date", "Status", "Via", "Items", "Total", "Return",
    ])
    .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let widths = COLUMNS.map(Constraint::Length);
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

/// A row of the table: "›" marks the selected order, "●" and bold a new one (found by a
/// poll, not seen yet).
fn row(order: &SellerOrder, selected: bool, fresh: bool) -> Row<'static> {
    let date = order.created_at.get(..10).unwrap_or(&order.created_at);
    let mark = if fresh && !selected {
        NEW_MARK
    } else {
        marker(selected)
    };
    let row = Row::new([
        Cell::from(format!("{mark}{}", order.order_number)),
        Cell::from(date.to_owned()),
        Cell::from(status_span(&order.status)),
        Cell::from(order.fulfilment.method.clone()),
        Cell::from(Line::from(item_count(order).to_string()).right_aligned()),
        Cell::from(Line::from(euros(order.total_cents)).right_aligned()),
        Cell::from(return_span(&order.return_status)),
    ]);
    let style = if fresh {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    if selected {
        row.style(style.add_modifier(Modifier::REVERSED))
    } else {
        row.style(style)
    }
}

/// Every unit bought in `order`.
pub fn item_count(order: &SellerOrder) -> u64 {
    order
        .lines
        .iter()
        .map(|line| u64::from(line.quantity))
        .sum()
}

/// A seller order status, coloured by who has to act: yellow when the seller must, the
/// accent while it moves, green once done, dim when over.
pub fn status_span(status: &str) -> Span<'static> {
    let style = match status {
        "paid" => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        "accepted" | "ready_for_pickup" | "shipped" => Style::new().fg(ACCENT),
        "delivered" | "collected" => Style::new().fg(Color::Green),
        "refunded" => Style::new().fg(Color::Red),
        "cancelled" | "pending_payment" => Style::new().add_modifier(Modifier::DIM),
        _ => Style::new(),
    };
    Span::styled(status_label(status).to_owned(), style)
}

/// The return flag: loud while the shopper waits for an answer.
pub fn return_span(return_status: &str) -> Span<'static> {
    match return_status {
        "none" | "" => Span::raw(""),
        "requested" => Span::styled(
            "requested",
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
        "refused" => Span::styled("refused", Style::new().add_modifier(Modifier::DIM)),
        other => Span::raw(other.to_owned()),
    }
}
