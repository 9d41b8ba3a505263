//! The operators' KPIs: the period's figures beside GMV per day, the funnel per channel
//! when the screen is tall enough, then every trading shop's quality as a table, the
//! selected shop spelled out under it.

use api_types::analytics::{PlatformKpis, ShopQuality};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Padding, Paragraph, Row, Table};

use super::accent;
use super::charts::{around_funnel, figure, plural, revenue_chart};
use super::desk::{fit, marker, placeholder, reloading, render_placeholder, screen_block};
use super::ops::selected_style;
use super::payouts::header_style;
use crate::console::screens::dates::duration;
use crate::console::screens::money::{euros, grouped};
use crate::console::screens::ops::Kpis;
use crate::console::screens::percent::rate;

/// The width of the labels column.
const LABEL: usize = 13;
/// The width of the figures, left of the chart.
const FIGURES_WIDTH: u16 = 36;
/// The fewest rows the shops table keeps (header, rows, the selected shop's line).
const TABLE_MIN: u16 = 8;
/// From this width the late and slow columns show counts beside the rates.
const WIDE: u16 = 100;

/// Draws the KPIs screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, kpis: &Kpis) {
    let remote = &kpis.report;
    let title = format!(
        "KPIs · last {} days · shops {}{}",
        kpis.days(),
        kpis.sort.label(),
        reloading(remote.pending.is_some())
    );
    let block = screen_block(title).padding(Padding::horizontal(1));
    let nothing = placeholder(&remote.load, remote.data.is_some(), false, "");
    let (Some(report), None) = (&remote.data, &nothing) else {
        if let Some(text) = nothing {
            render_placeholder(frame, area, block, text);
        }
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let top_rows = if inner.height >= 28 { 8 } else { 5 };
    let heading = format!("Funnel, {} days", report.period_days);
    let [top, table] = around_funnel(
        frame,
        inner,
        top_rows,
        TABLE_MIN,
        &heading,
        &report.funnel,
        &report.by_channel,
    );
    let [figures, chart] = top.layout(
        &Layout::horizontal([Constraint::Length(FIGURES_WIDTH), Constraint::Min(0)]).spacing(2),
    );
    let lines = figure_lines(report, usize::from(figures.width));
    frame.render_widget(Paragraph::new(lines), figures);
    revenue_chart(frame, chart, "GMV per day", &report.gmv_daily);
    render_shops(frame, table, kpis);
}

/// GMV, orders and the average basket, shops, conversion, abandonment.
fn figure_lines(report: &PlatformKpis, width: usize) -> Vec<Line<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let line = |label: &str, value: Vec<Span<'static>>| figure(label, LABEL, value, width);
    let mut orders = vec![Span::raw(grouped(report.orders))];
    let count = i64::try_from(report.orders).unwrap_or(i64::MAX);
    // No basket without an order: a division by zero gives none.
    if let Some(basket) = report.gmv_cents.checked_div(count) {
        orders.push(Span::styled(format!(" · basket {}", euros(basket)), dim));
    }
    vec![
        line("GMV", vec![Span::styled(euros(report.gmv_cents), accent())]),
        line("Orders", orders),
        line(
            "Shops",
            vec![
                Span::raw(format!("{} active", report.active_shops)),
                Span::styled(format!(" of {} approved", report.approved_shops), dim),
            ],
        ),
        line(
            "Conversion",
            vec![Span::raw(rate(report.funnel.conversion_rate_bps))],
        ),
        line(
            "Abandonment",
            vec![Span::raw(rate(report.funnel.cart_abandonment_rate_bps))],
        ),
    ]
}

/// The shops table, scrolled to keep the selection in view, and the selected shop's line.
fn render_shops(frame: &mut Frame, area: Rect, kpis: &Kpis) {
    let shops = kpis.shops();
    if shops.is_empty() {
        let text = format!(
            "No shop had an order in the last {} days — p shows another period.",
            kpis.days()
        );
        frame.render_widget(
            Paragraph::new(Line::styled(text, Style::new().add_modifier(Modifier::DIM))),
            area,
        );
        return;
    }
    // The selected shop's line sits right under the last row, not at the bottom.
    let wanted = u16::try_from(shops.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    let [list, detail, _] = area.layout(&Layout::vertical([
        Constraint::Max(wanted),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let wide = area.width >= WIDE;
    let room = usize::from(list.height.saturating_sub(1)).max(1);
    let first = kpis.selected.saturating_sub(room - 1);
    let right = |text: String| Cell::from(Line::from(text).right_aligned());
    let share = |count: u64, bps: Option<u32>| {
        if wide {
            right(format!("{count} · {}", rate(bps)))
        } else {
            right(rate(bps))
        }
    };
    let rows = shops
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(index, shop)| {
            let selected = index == kpis.selected;
            Row::new([
                Cell::from(format!("{}{}", marker(selected), shop.shop_name)),
                right(grouped(shop.orders)),
                right(euros(shop.gmv_cents)),
                share(shop.late_shipments, shop.late_shipment_rate_bps),
                share(shop.slow_pickups, shop.slow_pickup_rate_bps),
                right(duration(shop.average_minutes_to_ready)),
                right(shop.disputes.to_string()),
            ])
            .style(selected_style(selected))
        });
    let header = Row::new([
        Cell::from(" Shop"),
        right("Orders".to_owned()),
        right("GMV".to_owned()),
        right("Late".to_owned()),
        right("Slow".to_owned()),
        right("Ready in".to_owned()),
        right(if wide { "Disputes" } else { "Disp." }.to_owned()),
    ])
    .style(header_style());
    let share_width = if wide { 12 } else { 7 };
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(13),
        Constraint::Length(share_width),
        Constraint::Length(share_width),
        Constraint::Length(11),
        Constraint::Length(if wide { 8 } else { 5 }),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), list);
    if let Some(shop) = kpis.selected_shop() {
        let text = fit(&shop_line(shop), usize::from(detail.width));
        frame.render_widget(Paragraph::new(Line::styled(text, accent())), detail);
    }
}

/// "Bazar Sud: 6 late shipments (18,8 %), 2 slow pickups (22,2 %), ready in 3 h 25 min,
/// 3 disputes".
fn shop_line(shop: &ShopQuality) -> String {
    format!(
        "{}: {} ({}), {} ({}), ready in {}, {}",
        shop.shop_name,
        plural(shop.late_shipments, "late shipment", "late shipments"),
        rate(shop.late_shipment_rate_bps),
        plural(shop.slow_pickups, "slow pickup", "slow pickups"),
        rate(shop.slow_pickup_rate_bps),
        duration(shop.average_minutes_to_ready),
        plural(shop.disputes, "dispute", "disputes")
    )
}
