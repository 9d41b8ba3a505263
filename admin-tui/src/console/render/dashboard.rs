//! The dashboard: who you are, the counts that matter, and the way to the screens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};

use super::desk::screen_block;
use super::shop::status_span;
use super::{accent, error};
use crate::console::screens::Remote;
use crate::console::state::{Loading, Session};

/// The width of the labels column.
const LABEL: usize = 12;

/// Draws the dashboard into `area`.
pub fn render(frame: &mut Frame, area: Rect, session: &Session) {
    let desk = &session.desk;
    let first_name = session
        .user
        .as_ref()
        .and_then(|user| user.name.split_whitespace().next())
        .unwrap_or("there");
    let offers = desk.offers.total().map(|total| match total {
        1 => "1 offer".to_owned(),
        n => format!("{n} offers"),
    });
    let locations = desk.locations.list.data.as_ref().map(|items| {
        let pickup = items.iter().filter(|l| l.pickup).count();
        let noun = if items.len() == 1 {
            "location"
        } else {
            "locations"
        };
        format!("{} {noun} ({pickup} for click & collect)", items.len())
    });
    let to_handle = desk.orders.to_handle.data.map(|count| match count {
        0 => "nothing to handle".to_owned(),
        n => format!("{n} paid, waiting for you — press 6"),
    });
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::styled(format!("Welcome, {first_name}."), bold),
        Line::raw(""),
        count_line("Offers", offers, &desk.offers.list),
        count_line("Locations", locations, &desk.locations.list),
        count_line("Orders", to_handle, &desk.orders.to_handle),
    ];
    let shop = match (&desk.shop.data, &session.shop) {
        (Some(shop), _) => Some((shop.name.clone(), shop.status)),
        (None, Some(summary)) => Some((summary.name.clone(), summary.status)),
        (None, None) => None,
    };
    if let Some((name, status)) = shop {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL$}", "Shop"), bold),
            Span::raw(format!("{name} — ")),
            status_span(status),
        ]));
    }
    lines.extend([
        Line::raw(""),
        Line::styled("Where to go", accent()),
        Line::raw("  2 Offers     list products, set prices, publish or unpublish"),
        Line::raw("  3 Stock      quantities per warehouse and store"),
        Line::raw("  4 Locations  your warehouses and stores"),
        Line::raw("  5 Shop       your shop's profile"),
        Line::raw("  6 Orders     accept, ship, hand over pickups, refund"),
        Line::raw("  7 Cashback   boosts you fund, campaigns on your shop"),
        Line::raw(""),
        Line::styled(
            "Payouts and charts arrive with later versions.",
            Style::new().add_modifier(Modifier::DIM),
        ),
    ]);
    let block = screen_block("Dashboard".to_owned()).padding(Padding::new(2, 2, 1, 0));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// "Offers      12 offers", or where the count stands while it is not known.
fn count_line<T>(label: &str, value: Option<String>, remote: &Remote<T>) -> Line<'static> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let value = match (&remote.load, value) {
        (Loading::Error { message, .. }, _) => Span::styled(format!("unknown: {message}"), error()),
        (_, Some(value)) => Span::raw(value),
        (_, None) => Span::styled("loading…", Style::new().add_modifier(Modifier::DIM)),
    };
    Line::from(vec![Span::styled(format!("{label:<LABEL$}"), bold), value])
}
