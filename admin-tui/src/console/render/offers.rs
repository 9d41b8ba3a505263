//! The offers screen: a table of the loaded page, the search line, and the paging line.

use api_types::selling::SellerOffer;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::desk::{marker, placeholder, reloading, render_placeholder, screen_block};
use super::{ACCENT, accent, error};
use crate::console::screens::Desk;
use crate::console::screens::money::{euros, plain_euros};
use crate::console::screens::offer_form::condition_label;
use crate::console::screens::offers::{Offers, total_stock};

/// Draws the offers screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let offers = &desk.offers;
    let block = screen_block(title(offers));
    let visible = offers.visible();
    let has_data = offers.list.data.is_some();
    let empty = offers.total() == Some(0);
    let nothing = placeholder(
        &offers.list.load,
        has_data,
        empty,
        "No offers yet — press n to list your first product.",
    );
    if let Some(line) = nothing {
        render_placeholder(frame, area, block, line);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, search] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    frame.render_widget(Paragraph::new(search_line(offers, visible.len())), search);
    if visible.is_empty() {
        let line = Line::raw(format!(
            "No offer on this page matches “{}”.",
            offers.filter
        ));
        frame.render_widget(Paragraph::new(line), table_area);
        return;
    }
    let wide = table_area.width >= 100;
    let rows_room = usize::from(table_area.height.saturating_sub(1)).max(1);
    let first = offers.selected.saturating_sub(rows_room - 1);
    let rows = visible
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_room)
        .map(|(index, offer)| row(offer, index == offers.selected, wide));
    let header = Row::new([
        " Title",
        "GTIN",
        "Condition",
        "Price",
        "Delivery",
        "Status",
        "Stock",
    ])
    .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(14),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(if wide { 12 } else { 9 }),
        Constraint::Length(8),
        Constraint::Length(5),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), table_area);
}

fn title(offers: &Offers) -> String {
    let mut title = "Offers".to_owned();
    if let Some(total) = offers.total() {
        title.push_str(&format!(
            " · {total} · page {}/{}",
            offers.page.max(1),
            offers.pages()
        ));
    }
    title.push_str(reloading(offers.list.pending.is_some()));
    title
}

fn search_line(offers: &Offers, shown: usize) -> Line<'static> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let sort = Span::styled(format!("sorted {}", offers.sort.label()), dim);
    if offers.searching || !offers.filter.is_empty() {
        let cursor = if offers.searching { "▏" } else { "" };
        Line::from(vec![
            Span::styled("/ ", accent()),
            Span::raw(format!("{}{cursor}", offers.filter)),
            Span::styled(format!("  {shown} shown · "), dim),
            sort,
        ])
    } else {
        Line::from(vec![
            Span::styled(
                "/ search · s sort · PgUp/PgDn pages · i import · w export · ",
                dim,
            ),
            sort,
        ])
    }
}

fn row(offer: &SellerOffer, selected: bool, wide: bool) -> Row<'static> {
    let stock = total_stock(offer);
    let stock_style = if stock == 0 { error() } else { Style::new() };
    let days = offer.delivery_days;
    let delivery = match (offer.delivery_price_cents, wide) {
        (0, true) => format!("free · {days} d"),
        (0, false) => format!("{days}d free"),
        (cents, true) => format!("{} · {days} d", euros(cents)),
        (cents, false) => format!("{days}d {}", plain_euros(cents)),
    };
    let row = Row::new([
        Cell::from(format!("{}{}", marker(selected), offer.title)),
        Cell::from(offer.gtin.clone()),
        Cell::from(condition_label(&offer.condition).to_owned()),
        Cell::from(Line::from(euros(offer.price_cents)).right_aligned()),
        Cell::from(delivery),
        Cell::from(status(&offer.status)),
        Cell::from(Line::styled(stock.to_string(), stock_style).right_aligned()),
    ]);
    if selected {
        row.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        row
    }
}

/// An offer's status, coloured: active in the accent colour, taken down ("blocked") in red.
fn status(status: &str) -> Span<'static> {
    match status {
        "active" => Span::styled("active", Style::new().fg(ACCENT)),
        "inactive" => Span::styled("inactive", Style::new().add_modifier(Modifier::DIM)),
        "review" => Span::styled("review", Style::new().fg(Color::Yellow)),
        "taken_down" => Span::styled("blocked", error()),
        other => Span::raw(other.to_owned()),
    }
}
