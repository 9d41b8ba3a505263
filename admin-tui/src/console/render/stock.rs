//! The stock grid: offers down, locations across, the quantity in each cell (reserved
//! units dim beside it), the cell being typed into highlighted, rows running low marked.
//! While a cell's movements are open, they take the grid's place (`stock_history`).

use api_types::selling::{Location, SellerOffer};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::desk::{fit, marker, placeholder, reloading, render_placeholder, screen_block};
use super::{accent, error, low, stock_history};
use crate::console::screens::Desk;
use crate::console::screens::stock::{Stock, cell};
use crate::console::state::Loading;

/// The width of a location column (on narrow terminals, and from 100 columns on).
const COLUMN: u16 = 12;
const WIDE_COLUMN: u16 = 18;

/// Draws the stock grid into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    if let Some(history) = &desk.stock.history {
        stock_history::render(frame, area, desk, history);
        return;
    }
    let offers = desk.offers.visible();
    let locations = desk.locations.items();
    let mut block = screen_block("Stock".to_owned());
    // The first failure, else "loading" while either list is missing, else what is empty.
    let load = match (&desk.offers.list.load, &desk.locations.list.load) {
        (failed @ Loading::Error { .. }, _) | (_, failed @ Loading::Error { .. }) => failed,
        (Loading::Loaded, other) | (other, _) => other,
    };
    let has_data = desk.offers.list.data.is_some() && desk.locations.list.data.is_some();
    let empty = if locations.is_empty() {
        "No locations yet — press 4, then n to add a warehouse or store."
    } else {
        "No offers here — press 2, then n to list a product."
    };
    let nothing = placeholder(
        load,
        has_data,
        offers.is_empty() || locations.is_empty(),
        empty,
    );
    if let Some(line) = nothing {
        render_placeholder(frame, area, block, line);
        return;
    }
    let inner = block.clone().inner(area);
    let wide = inner.width >= 100;
    let (title_width, column) = if wide {
        (36, WIDE_COLUMN)
    } else {
        (24, COLUMN)
    };
    let fits = usize::from((inner.width.saturating_sub(title_width)) / (column + 1)).max(1);
    let stock = &desk.stock;
    let first_col = stock.col.saturating_sub(fits - 1);
    let shown: Vec<&Location> = locations.iter().skip(first_col).take(fits).collect();
    let last = first_col + shown.len();
    let page = desk.offers.page.max(1);
    let pending = desk.offers.list.pending.is_some()
        || desk.locations.list.pending.is_some()
        || desk.stock.low.pending.is_some();
    // Column headers are cut to fit, and a shop's stores often share the start of their
    // names: the title names the selected column in full.
    let selected = locations
        .get(stock.col)
        .map_or(String::new(), |location| format!(" · {}", location.name));
    block = screen_block(format!(
        "Stock · page {page}/{} · locations {}–{last} of {}{selected}{}",
        desk.offers.pages(),
        first_col + 1,
        locations.len(),
        reloading(pending)
    ));
    frame.render_widget(block, area);
    let [grid, legend] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    let rows_room = usize::from(grid.height.saturating_sub(1)).max(1);
    let first_row = stock.row.saturating_sub(rows_room - 1);
    let header =
        Row::new(
            std::iter::once(Cell::from(" Offer")).chain(shown.iter().map(|l| {
                Cell::from(Line::from(fit(&l.name, usize::from(column))).right_aligned())
            })),
        )
        .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let rows = offers
        .iter()
        .enumerate()
        .skip(first_row)
        .take(rows_room)
        .map(|(index, offer)| {
            grid_row(
                offer,
                index,
                first_col,
                &shown,
                stock,
                usize::from(title_width),
            )
        });
    let widths = std::iter::once(Constraint::Length(title_width))
        .chain(shown.iter().map(|_| Constraint::Length(column)));
    frame.render_widget(Table::new(rows, widths).header(header), grid);
    frame.render_widget(Paragraph::new(legend_line(&desk.stock)), legend);
}

/// What the marks mean; says so when the low rows could not be read.
fn legend_line(stock: &Stock) -> Line<'static> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let low_part = match &stock.low.load {
        Loading::Error { .. } => Span::styled("low stock unknown (r retries)", error()),
        _ => Span::styled("▾ low: free units at or below the threshold", low()),
    };
    Line::from(vec![
        Span::styled("(n) reserved · – never stocked · ", dim),
        low_part,
    ])
}

fn grid_row(
    offer: &SellerOffer,
    index: usize,
    first_col: usize,
    shown: &[&Location],
    stock: &Stock,
    title_width: usize,
) -> Row<'static> {
    let selected_row = index == stock.row;
    let title_style = if selected_row {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let title = format!("{}{}", marker(selected_row), offer.title);
    let mut cells = vec![Cell::from(Span::styled(
        fit(&title, title_width),
        title_style,
    ))];
    for (offset, location) in shown.iter().enumerate() {
        let selected = selected_row && first_col + offset == stock.col;
        let is_low = stock.is_low(&offer.id, &location.id);
        cells.push(Cell::from(cell_line(
            offer, location, selected, is_low, stock,
        )));
    }
    Row::new(cells)
}

fn cell_line(
    offer: &SellerOffer,
    location: &Location,
    selected: bool,
    is_low: bool,
    stock: &Stock,
) -> Line<'static> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let (mark, style) = if is_low {
        ("▾", low())
    } else {
        ("", Style::new())
    };
    let line = match (&stock.editing, selected) {
        (Some(typed), true) => {
            let end = if stock.pending.is_some() {
                "…"
            } else {
                "▏"
            };
            Line::styled(format!("[{typed}{end}]"), accent())
        }
        _ => match cell(offer, &location.id) {
            Some(line) if line.reserved > 0 => Line::from(vec![
                Span::styled(format!("{mark}{}", line.quantity), style),
                Span::styled(format!(" ({})", line.reserved), dim),
            ]),
            Some(line) => Line::styled(format!("{mark}{}", line.quantity), style),
            None if is_low => Line::styled(format!("{mark}–"), style),
            None => Line::styled("–", dim),
        },
    };
    let line = line.right_aligned();
    if selected && stock.editing.is_none() {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        line
    }
}
