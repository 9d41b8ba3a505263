//! The operator's cashback campaigns: a table (name, what it covers, extra rate, from →
//! to, status) with the selected campaign's detail under it.

use api_types::operating::Campaign;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::accent;
use super::desk::{marker, placeholder, reloading, render_placeholder, screen_block};
use super::ops::{detail, selected_style, split};
use crate::console::screens::dates::short_utc;
use crate::console::screens::ops::Ops;
use crate::console::screens::ops::campaigns::covers;
use crate::console::screens::percent::extra_percent;

/// From this width on, the table shows times as well as dates.
const WIDE: u16 = 110;

/// A campaign status in its colour: running green, upcoming yellow, ended dim.
pub fn status_span(status: &str) -> Span<'static> {
    let style = match status {
        "running" => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        "upcoming" => Style::new().fg(Color::Yellow),
        "ended" => Style::new().add_modifier(Modifier::DIM),
        _ => Style::new(),
    };
    Span::styled(status.to_owned(), style)
}

/// "2026-12-24" or, when `wide`, "2026-12-24 18:00".
fn when(rfc3339: &str, wide: bool) -> String {
    let short = short_utc(rfc3339);
    if wide {
        short
    } else {
        short.get(..10).map_or(short.clone(), str::to_owned)
    }
}

/// Draws the campaigns screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, ops: &Ops) {
    let items = ops.campaign_items();
    let running = items.iter().filter(|c| c.status == "running").count();
    let title = format!(
        "Campaigns · {} · {running} running{}",
        items.len(),
        reloading(ops.campaigns.pending.is_some())
    );
    let block = screen_block(title);
    if let Some(text) = placeholder(
        &ops.campaigns.load,
        ops.campaigns.data.is_some(),
        items.is_empty(),
        "No campaign yet — press n to add cashback on a shop or a category for a while.",
    ) {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, below] = split(inner);
    let wide = area.width >= WIDE;
    let date_width = if wide { 16 } else { 10 };
    let rows = items.iter().enumerate().map(|(i, campaign)| {
        let selected = i == ops.campaign_selected;
        Row::new(vec![
            Cell::from(marker(selected)),
            Cell::from(campaign.name.clone()),
            Cell::from(covers(campaign)),
            Cell::from(extra_percent(i64::from(campaign.rate_bps))),
            Cell::from(when(&campaign.starts_at, wide)),
            Cell::from(when(&campaign.ends_at, wide)),
            Cell::from(status_span(&campaign.status)),
        ])
        .style(selected_style(selected))
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(8),
            Constraint::Length(date_width),
            Constraint::Length(date_width),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["", "Campaign", "Covers", "Extra", "From", "To", "Status"]).style(accent()));
    frame.render_widget(table, list);
    if let Some(campaign) = ops.selected_campaign() {
        detail(frame, below, detail_lines(campaign));
    }
}

fn detail_lines(campaign: &Campaign) -> Vec<Line<'static>> {
    let slug = match (&campaign.shop_id, &campaign.category) {
        (Some(id), _) => format!(" (id {id})"),
        (None, Some(slug)) => format!(" ({slug})"),
        (None, None) => String::new(),
    };
    let keys = match campaign.status.as_str() {
        "running" => "e end now · n new campaign",
        "upcoming" => "e withdraw · n new campaign",
        _ => "n new campaign",
    };
    vec![
        Line::from(vec![
            Span::styled(campaign.name.clone(), accent()),
            Span::raw("  "),
            status_span(&campaign.status),
        ]),
        Line::raw(format!(
            "Shoppers earn {} cashback on top of the base rate, on {}{slug}.",
            extra_percent(i64::from(campaign.rate_bps)),
            covers(campaign)
        )),
        Line::raw(format!(
            "From {} to {} UTC. The platform funds it.",
            short_utc(&campaign.starts_at),
            short_utc(&campaign.ends_at)
        )),
        Line::styled(keys, accent()),
    ]
}
