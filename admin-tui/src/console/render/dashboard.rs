//! The dashboard: today's sales, the pickups waiting, stock running low and the rates
//! beside the open orders; the funnel per channel when the screen is tall enough; then 30
//! days of revenue as bars. Where to act is named on the lines themselves ("3 Stock").

use api_types::analytics::SellerDashboard;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph};

use super::charts::{around_funnel, figure, plural, revenue_chart};
use super::desk::{placeholder, reloading, render_placeholder, screen_block};
use super::{accent, low};
use crate::console::screens::Desk;
use crate::console::screens::dashboard::{OpenOrders, open_orders};
use crate::console::screens::dates::duration;
use crate::console::screens::money::euros;
use crate::console::screens::orders::status_label;
use crate::console::screens::percent::rate;

/// The width of the labels column.
const LABEL: usize = 12;
/// The width of the open orders, at the top right.
const ORDERS_WIDTH: u16 = 34;
/// The rows of the figures at the top.
const FIGURES: u16 = 6;
/// The rows the chart keeps (heading, bars, dates) before the funnel may take room.
const CHART_MIN: u16 = 8;

/// Draws the dashboard into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let remote = &desk.dashboard;
    let title = format!("Dashboard{}", reloading(remote.pending.is_some()));
    let block = screen_block(title).padding(Padding::horizontal(1));
    let nothing = placeholder(&remote.load, remote.data.is_some(), false, "");
    let (Some(dashboard), None) = (&remote.data, &nothing) else {
        if let Some(text) = nothing {
            render_placeholder(frame, area, block, text);
        }
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [figures, chart] = around_funnel(
        frame,
        inner,
        FIGURES,
        CHART_MIN,
        "Funnel, 30 days",
        &dashboard.funnel,
        &dashboard.by_channel,
    );
    let [left, right] = figures.layout(
        &Layout::horizontal([Constraint::Min(0), Constraint::Length(ORDERS_WIDTH)]).spacing(2),
    );
    let lines = figure_lines(dashboard, usize::from(left.width));
    frame.render_widget(Paragraph::new(lines), left);
    let orders = open_orders_lines(&open_orders(&dashboard.open_orders));
    frame.render_widget(Paragraph::new(orders), right);
    revenue_chart(
        frame,
        chart,
        "Revenue, last 30 days",
        &dashboard.revenue_30d,
    );
}

/// Today, the pickups (two lines), the time to get one ready, stock running low, the rates.
fn figure_lines(dashboard: &SellerDashboard, width: usize) -> Vec<Line<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let line = |label: &str, value: Vec<Span<'static>>| figure(label, LABEL, value, width);
    let today = match dashboard.today.orders {
        0 => vec![Span::styled("no order yet", dim)],
        count => vec![
            Span::raw(plural(count, "order", "orders")),
            Span::raw(" · "),
            Span::styled(euros(dashboard.today.revenue_cents), accent()),
        ],
    };
    let waiting = &dashboard.pickups_waiting;
    let (pickups, waits) = match waiting.count {
        0 => (vec![Span::styled("none waiting", dim)], Vec::new()),
        count => (
            vec![
                Span::styled(format!("{count} waiting"), accent()),
                Span::raw(format!(
                    " · oldest {}",
                    duration(waiting.oldest_wait_minutes)
                )),
            ],
            vec![Span::raw(format!(
                "average wait {}",
                duration(waiting.average_wait_minutes)
            ))],
        ),
    };
    let ready = match dashboard.average_minutes_to_ready {
        Some(minutes) => vec![Span::raw(format!("{} on average", duration(Some(minutes))))],
        None => vec![Span::styled("no pickup made ready yet", dim)],
    };
    let stock = match dashboard.low_stock {
        0 => vec![Span::raw("none")],
        count => vec![
            Span::styled(plural(count, "row", "rows"), low()),
            Span::styled(" · 3 Stock", dim),
        ],
    };
    let rates = vec![
        Span::raw(rate(dashboard.funnel.conversion_rate_bps)),
        Span::styled(" · abandonment ", dim),
        Span::raw(rate(dashboard.funnel.cart_abandonment_rate_bps)),
    ];
    vec![
        line("Today", today),
        line("Pickups", pickups),
        line("", waits),
        line("Ready in", ready),
        line("Low stock", stock),
        line("Conversion", rates),
    ]
}

/// The open orders by status, delivery and pickup apart; "6 Orders" under them when a row
/// is left.
fn open_orders_lines(rows: &[OpenOrders]) -> Vec<Line<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let total: u64 = rows.iter().map(|row| row.delivery + row.pickup).sum();
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{:<18}", format!("Open orders ({total})")),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("{:>8}{:>8}", "delivery", "pickup"), dim),
    ])];
    if rows.is_empty() {
        lines.push(Line::styled("  nothing to handle", dim));
        return lines;
    }
    let room = usize::from(FIGURES) - 1;
    let shown = if rows.len() > room {
        room - 1
    } else {
        rows.len()
    };
    let count = |value: u64| match value {
        0 => "·".to_owned(),
        value => value.to_string(),
    };
    for row in rows.iter().take(shown) {
        lines.push(Line::raw(format!(
            "  {:<16}{:>8}{:>8}",
            status_label(&row.status),
            count(row.delivery),
            count(row.pickup)
        )));
    }
    if shown < rows.len() {
        lines.push(Line::styled(
            format!("  and {} more statuses", rows.len() - shown),
            dim,
        ));
    } else if shown < room {
        lines.push(Line::styled("  6 Orders to handle them", dim));
    }
    lines
}
