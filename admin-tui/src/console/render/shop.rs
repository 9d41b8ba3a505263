//! The shop: its profile (read-only for now), and the "open a shop" form for a shopper
//! without one.

use api_types::ShopStatus;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::desk::{placeholder, reloading, render_placeholder, screen_block};
use super::{accent, form};
use crate::console::screens::Desk;
use crate::console::screens::money::euros;

/// The width of the labels column.
const LABEL: usize = 14;

/// A shop status in its colour: approved green, pending yellow, refused red.
pub fn status_span(status: ShopStatus) -> Span<'static> {
    let (text, color) = match status {
        ShopStatus::Approved => ("approved", Color::Green),
        ShopStatus::Pending => ("pending approval", Color::Yellow),
        ShopStatus::Rejected => ("rejected", Color::Red),
        ShopStatus::Suspended => ("suspended", Color::Red),
    };
    Span::styled(text, Style::new().fg(color).add_modifier(Modifier::BOLD))
}

/// Draws the shop's profile into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let title = format!("Shop{}", reloading(desk.shop.pending.is_some()));
    let block = screen_block(title).padding(Padding::new(2, 2, 1, 0));
    let nothing = placeholder(&desk.shop.load, desk.shop.data.is_some(), false, "");
    let (Some(shop), None) = (&desk.shop.data, &nothing) else {
        if let Some(line) = nothing {
            render_placeholder(frame, area, block, line);
        }
        return;
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let field = |label: &str, value: Span<'static>| {
        Line::from(vec![Span::styled(format!("{label:<LABEL$}"), bold), value])
    };
    let shipping = match shop.free_shipping_threshold_cents {
        Some(threshold) => format!(
            "{} per order, free from {}",
            euros(shop.shipping_flat_cents),
            euros(threshold)
        ),
        None => format!("{} per order", euros(shop.shipping_flat_cents)),
    };
    let or_none = |text: &str| {
        if text.trim().is_empty() {
            Span::styled("(none)", Style::new().add_modifier(Modifier::DIM))
        } else {
            Span::raw(text.to_owned())
        }
    };
    let lines = vec![
        field("Name", Span::raw(shop.name.clone())),
        field("Address", Span::raw(format!("/shops/{}", shop.slug))),
        field("Status", status_span(shop.status)),
        field("Shipping", Span::raw(shipping)),
        field("Currency", Span::raw(shop.currency.clone())),
        field("Banner", Span::raw(shop.banner_color.clone())),
        Line::raw(""),
        Line::styled("Description", accent()),
        Line::from(or_none(&shop.description)),
        Line::raw(""),
        Line::styled("Returns", accent()),
        Line::from(or_none(&shop.return_policy)),
        Line::raw(""),
        Line::styled(
            "Editing the profile comes with a later version.",
            Style::new().add_modifier(Modifier::DIM),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// Draws the "open a shop" view: why, and the form.
pub fn render_open_shop(frame: &mut Frame, area: Rect, desk: &Desk, show_cursor: bool) {
    let open = &desk.open_shop;
    let form_height = u16::try_from(form::line_count(open))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let [intro, form_area, _] = area.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(form_height),
        Constraint::Min(0),
    ]));
    let text = vec![
        Line::styled(
            "You have no shop yet.",
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(
            "To sell on Halles, apply for one: give it a name and an address (slug). \
             You can list offers at once; the shop is public once an operator approves it.",
        ),
    ];
    let intro_block = Block::new().padding(Padding::new(2, 2, 1, 0));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(intro_block),
        intro,
    );
    let block = Block::bordered()
        .title(Line::from(" Open a shop ").style(accent()))
        .padding(Padding::horizontal(1));
    form::render_in(frame, form_area, block, open, &[], show_cursor);
}
