//! The shop's cashback: the boost on the whole shop, the offers boosted on their own,
//! what boosts have cost so far, and the platform's campaigns on the shop.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};

use super::accent;
use super::campaigns::status_span;
use super::desk::{fit, placeholder, reloading, render_placeholder, screen_block};
use crate::console::screens::Desk;
use crate::console::screens::dates::short_utc;
use crate::console::screens::money::euros;
use crate::console::screens::ops::campaigns::covers;
use crate::console::screens::percent::extra_percent;

/// The width of the labels column.
const LABEL: usize = 16;
/// The most rows listed per section; the rest are counted.
const MOST: usize = 4;

/// Draws the cashback screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let title = format!("Cashback{}", reloading(desk.cashback.pending.is_some()));
    let block = screen_block(title).padding(Padding::new(2, 2, 1, 0));
    let nothing = placeholder(&desk.cashback.load, desk.cashback.data.is_some(), false, "");
    let (Some(cashback), None) = (&desk.cashback.data, &nothing) else {
        if let Some(text) = nothing {
            render_placeholder(frame, area, block, text);
        }
        return;
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = Style::new().add_modifier(Modifier::DIM);
    let field = |label: &str, value: Vec<Span<'static>>| {
        let mut spans = vec![Span::styled(format!("{label:<LABEL$}"), bold)];
        spans.extend(value);
        Line::from(spans)
    };
    let width = usize::from(area.width.saturating_sub(6));
    let boost = match cashback.shop_boost_bps {
        Some(bps) => vec![
            Span::styled(extra_percent(i64::from(bps)), accent()),
            Span::raw(" on every item, funded by you"),
        ],
        None => vec![Span::styled(
            "none — shoppers earn the platform's rate",
            dim,
        )],
    };
    let mut lines = vec![
        field("Shop boost", boost),
        field(
            "Boosts cost",
            vec![Span::raw(format!(
                "{} so far, net of refunds",
                euros(cashback.boost_funded_cents)
            ))],
        ),
        field(
            "Boosted orders",
            vec![Span::raw(cashback.boosted_orders.to_string())],
        ),
        Line::raw(""),
        Line::styled(
            format!(
                "Offers with a boost of their own ({})",
                cashback.boosted_offers.len()
            ),
            accent(),
        ),
    ];
    if cashback.boosted_offers.is_empty() {
        lines.push(Line::styled("  none — b on 2 Offers boosts one", dim));
    }
    for offer in cashback.boosted_offers.iter().take(MOST) {
        let title = fit(&offer.title, width.saturating_sub(12).max(10));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  {title:<w$}",
                w = width.saturating_sub(12).max(10)
            )),
            Span::raw(format!(" {:>8}", extra_percent(i64::from(offer.boost_bps)))),
        ]));
    }
    more(&mut lines, cashback.boosted_offers.len());
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Platform campaigns on your shop ({}, times in UTC)",
            cashback.campaigns.len()
        ),
        accent(),
    ));
    if cashback.campaigns.is_empty() {
        lines.push(Line::styled("  none at the moment", dim));
    }
    for campaign in cashback.campaigns.iter().take(MOST) {
        let when = match campaign.status.as_str() {
            "upcoming" => format!("from {}", short_utc(&campaign.starts_at)),
            _ => format!("to {}", short_utc(&campaign.ends_at)),
        };
        // Campaigns listed here cover this shop, or a category it sells in.
        let target = match campaign.shop_id {
            Some(_) => "the whole shop".to_owned(),
            None => covers(campaign),
        };
        let text = format!(
            "  {} {} on {target}, {when}",
            campaign.name,
            extra_percent(i64::from(campaign.rate_bps)),
        );
        let room = width.saturating_sub(campaign.status.chars().count() + 1);
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", fit(&text, room))),
            status_span(&campaign.status),
        ]));
    }
    more(&mut lines, cashback.campaigns.len());
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "b set the shop boost · boosts apply to orders paid from then on",
        accent(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// "  … and 3 more" when a section lists fewer than its `count` rows.
fn more(lines: &mut Vec<Line<'static>>, count: usize) {
    if count > MOST {
        lines.push(Line::styled(
            format!("  … and {} more", count - MOST),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }
}
