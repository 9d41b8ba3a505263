//! The till: the till's store and the code field, then the shopper's cart — each line
//! with its quantity, unit price, line total and the stock here and elsewhere, the lines
//! the store cannot hand over marked — and what can be done with them.

use api_types::omnichannel::{TillCart, TillLine};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph};

use super::desk::screen_block;
use super::wrap::wrap;
use super::{ACCENT, accent, error, low};
use crate::console::action::Action;
use crate::console::keymap::{Context, Keymap};
use crate::console::screens::Desk;
use crate::console::screens::money::euros;
use crate::console::screens::till::lines::{
    Serve, elsewhere, here, items, serve, serving, units_and_cents,
};
use crate::console::screens::till::{CODE_LENGTH, Till};

/// The width of the labels column.
const LABEL: usize = 9;
/// The widths of the columns after the item: unit price, line total, stock.
const MONEY: usize = 10;
const STOCK: usize = 21;
/// Mark, quantity and the gaps between the columns.
const FIXED: usize = 1 + 1 + 3 + 1 + 1 + MONEY + 1 + MONEY + 2 + STOCK;
/// The most rows an item's title gets before it is cut (at a word, with "…").
const TITLE_ROWS: usize = 2;
/// The widest the item column gets: on a wide terminal the figures stay near the titles.
const ITEM_MAX: usize = 48;

/// Draws the till into `area`; places the cursor in the code field when `show_cursor`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk, keymap: &Keymap, show_cursor: bool) {
    let till = &desk.till;
    let store = till.store(desk.locations.items());
    let title = match store {
        Some(store) => format!("Till · {}", store.name),
        None => "Till".to_owned(),
    };
    let block = screen_block(title).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let store_id = store.map(|store| store.id.as_str());
    let lines = match till.shown() {
        Some(cart) => cart_lines(
            till,
            cart,
            store_id,
            width,
            usize::from(inner.height),
            keymap,
        ),
        None => code_lines(desk, width),
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if show_cursor && till.shown().is_none() && desk.overlay.is_none() {
        let column = LABEL + till.code.chars().count();
        let cursor = Position::new(
            inner
                .x
                .saturating_add(u16::try_from(column).unwrap_or(u16::MAX)),
            inner.y.saturating_add(1),
        );
        if inner.contains(cursor) {
            frame.set_cursor_position(cursor);
        }
    }
}

fn label(text: &str) -> Span<'static> {
    Span::styled(
        format!("{text:<LABEL$}"),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// No cart yet: the store, the code field and what to do.
fn code_lines(desk: &Desk, width: usize) -> Vec<Line<'static>> {
    let till = &desk.till;
    let store = match till.store(desk.locations.items()) {
        Some(store) => Line::from(vec![
            label("Store"),
            Span::styled(format!("◀ {} ({}) ▶", store.name, store.city), accent()),
            Span::styled("  ←/→ change the till's store", dim()),
        ]),
        None if desk.locations.list.data.is_none() => Line::from(vec![
            label("Store"),
            Span::styled("loading the shop's stores…", Style::new().fg(ACCENT)),
        ]),
        None => Line::from(vec![
            label("Store"),
            Span::styled("none — add a store on 4 Locations (kind store)", error()),
        ]),
    };
    let code = if till.code.is_empty() {
        Span::styled("type or scan the shopper's code", dim())
    } else {
        Span::raw(till.code.clone())
    };
    let mut lines = vec![
        store,
        Line::from(vec![
            Span::styled(format!("{:<LABEL$}", "Code"), accent()),
            code,
        ]),
    ];
    if let Some(message) = &till.code_error {
        let room = width.saturating_sub(LABEL + 2);
        for (index, part) in wrap(message, room, 3).into_iter().enumerate() {
            let arrow = if index == 0 { "↳ " } else { "  " };
            lines.push(Line::styled(
                format!("{}{arrow}{part}", " ".repeat(LABEL)),
                error(),
            ));
        }
    }
    lines.push(Line::raw(""));
    if till.cart.pending.is_some() {
        lines.push(Line::styled(
            "Looking up the cart…",
            Style::new().fg(ACCENT),
        ));
    } else {
        for text in wrap(
            &format!(
                "The shopper shows a code of {CODE_LENGTH} letters and digits on the cart page \
                 or in the app; it lasts 15 minutes. A scanner types it and presses Enter."
            ),
            width,
            3,
        ) {
            lines.push(Line::styled(text, dim()));
        }
    }
    if let Some(done) = &till.done {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            label("Sold"),
            Span::styled(
                done.clone(),
                Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            ),
        ]));
    }
    lines
}

/// A cart on show: who, the lines, what the store can do with them.
fn cart_lines(
    till: &Till,
    cart: &TillCart,
    store: Option<&str>,
    width: usize,
    height: usize,
    keymap: &Keymap,
) -> Vec<Line<'static>> {
    let until = cart.expires_at.get(11..16).unwrap_or(&cart.expires_at);
    let reloading = if till.cart.pending.is_some() {
        " · loading…"
    } else {
        ""
    };
    let mut lines = vec![Line::from(vec![
        label("Shopper"),
        Span::styled(
            cart.shopper_name.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            " · code {} · valid until {until} UTC{reloading}",
            cart.code
        )),
    ])];
    if cart.sold_order_id.is_some() {
        lines.push(Line::styled(
            "Already sold at this shop with this code: Esc for the next shopper.",
            error(),
        ));
    }
    if cart.lines.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "Nothing from this shop in {}'s cart.",
            cart.shopper_name
        )));
        return lines;
    }
    let item_width = width.saturating_sub(FIXED).clamp(8, ITEM_MAX);
    lines.push(Line::styled(
        format!(
            "  Qty {:<item_width$} {:>MONEY$} {:>MONEY$}  {:<STOCK$}",
            "Item", "Unit", "Line", "Stock"
        ),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    ));
    let footer = footer(till, cart, store, width, keymap);
    let room = height.saturating_sub(lines.len() + footer.len());
    let mut rows: Vec<Line<'static>> = Vec::new();
    for (index, line) in cart.lines.iter().enumerate() {
        let next = line_rows(line, store, item_width);
        // Room for this line and, after it, a note of those left out.
        let left = cart.lines.len() - index - 1;
        if rows.len() + next.len() + usize::from(left > 0) > room {
            rows.push(Line::styled(
                format!(
                    "… {} more not shown: a taller terminal shows them",
                    cart.lines.len() - index
                ),
                dim(),
            ));
            break;
        }
        rows.extend(next);
    }
    lines.extend(rows);
    lines.extend(footer);
    lines
}

/// One line of the cart: its rows (the title wraps at words).
fn line_rows(line: &TillLine, store: Option<&str>, item_width: usize) -> Vec<Line<'static>> {
    let item = &line.item;
    let served = serve(line, store);
    let (mark, stock, stock_style) = match &served {
        Serve::Here => (
            Span::styled("✓", Style::new().fg(Color::Green)),
            format!(
                "{} here · {} elsewhere",
                here(line, store),
                elsewhere(line, store)
            ),
            Style::new(),
        ),
        Serve::Elsewhere => (
            Span::styled("✗", low()),
            format!(
                "{} here · {} elsewhere",
                here(line, store),
                elsewhere(line, store)
            ),
            low(),
        ),
        Serve::No(reason) => (Span::styled("✗", error()), reason.clone(), error()),
    };
    let title = wrap(&item.title, item_width, TITLE_ROWS);
    let text_style = if matches!(served, Serve::No(_)) {
        dim()
    } else {
        Style::new()
    };
    let mut rows = Vec::with_capacity(title.len());
    for (index, part) in title.iter().enumerate() {
        if index == 0 {
            rows.push(Line::from(vec![
                mark.clone(),
                Span::styled(
                    format!(
                        " {:>3} {part:<item_width$} {:>MONEY$} {:>MONEY$}  ",
                        item.quantity,
                        euros(item.price_cents),
                        euros(item.line_cents)
                    ),
                    text_style,
                ),
                Span::styled(stock.clone(), stock_style),
            ]));
        } else {
            rows.push(Line::styled(format!("      {part}"), text_style));
        }
    }
    rows
}

/// The total, then what the till can do with the lines (with the keys), and why the last
/// sale failed.
fn footer(
    till: &Till,
    cart: &TillCart,
    store: Option<&str>,
    width: usize,
    keymap: &Keymap,
) -> Vec<Line<'static>> {
    let key = |action: Action| {
        keymap
            .key_for(Context::Till, &action)
            .map_or_else(String::new, |key| key.to_string())
    };
    use crate::console::screens::till::TillVerb::{Aisle, Card, Cash};
    let item_width = width.saturating_sub(FIXED).clamp(8, ITEM_MAX);
    let total_at = 1 + 1 + 3 + 1 + item_width + 1 + MONEY + 1;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{:<total_at$}", "  Total"),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("{:>MONEY$}", euros(cart.total_cents)),
            Style::new().add_modifier(Modifier::BOLD),
        ),
    ])];
    let row = |what: String, lines_of: &[&TillLine], then: String, style: Style| {
        let (units, cents) = units_and_cents(lines_of);
        let what_width = total_at.saturating_sub(12);
        Line::from(vec![
            Span::styled(format!("  {what:<what_width$}"), style),
            Span::raw(format!("{:>9} {:>MONEY$}  ", items(units), euros(cents))),
            Span::styled(then, dim()),
        ])
    };
    let sold = cart.sold_order_id.is_some();
    let here_lines = serving(&cart.lines, store, &Serve::Here);
    if !here_lines.is_empty() {
        let keys = format!(
            "{} cash · {} card",
            key(Action::Till(Cash)),
            key(Action::Till(Card))
        );
        lines.push(row(
            "✓ Hand over now".into(),
            &here_lines,
            keys,
            Style::new().fg(Color::Green),
        ));
    }
    let elsewhere_lines = serving(&cart.lines, store, &Serve::Elsewhere);
    if !elsewhere_lines.is_empty() {
        let them = if elsewhere_lines.len() == 1 {
            "it"
        } else {
            "them"
        };
        let keys = format!("{} orders {them}", key(Action::Till(Aisle)));
        lines.push(row("✗ Not here".into(), &elsewhere_lines, keys, low()));
    }
    let unsold: Vec<&TillLine> = cart
        .lines
        .iter()
        .filter(|line| matches!(serve(line, store), Serve::No(_)))
        .collect();
    if !unsold.is_empty() {
        lines.push(row(
            "✗ Cannot be sold".into(),
            &unsold,
            "stays in the cart".into(),
            error(),
        ));
    }
    if sold {
        lines.truncate(1);
    }
    if let Some(message) = &till.sale_error {
        lines.push(Line::raw(""));
        for text in wrap(message, width, 3) {
            lines.push(Line::styled(text, error()));
        }
    } else if till.selling() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Recording the sale…", Style::new().fg(ACCENT)));
    }
    lines
}
