//! The selected order's detail: where it stands, the money, where it goes, the return,
//! the keys of the steps its status allows, then its lines.

use api_types::orders::{Fulfilment, OrderLine, SellerOrder};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::desk::fit;
use super::orders::{item_count, return_span, status_span};
use super::{accent, error};
use crate::console::action::Action;
use crate::console::keymap::{Context, Keymap};
use crate::console::screens::money::euros;
use crate::console::screens::orders::verbs;

/// The width of the labels column.
const LABEL: usize = 12;

/// Draws `order`'s detail into `area`.
pub fn render(frame: &mut Frame, area: Rect, order: &SellerOrder, keymap: &Keymap) {
    let block = Block::bordered()
        .title(Line::from(format!(" {} ", order.order_number)).style(accent()))
        .padding(Padding::horizontal(1));
    let width = usize::from(block.inner(area).width);
    let items = match item_count(order) {
        1 => "1 item".to_owned(),
        n => format!("{n} items"),
    };
    let mut lines = vec![
        Line::from(vec![
            status_span(&order.status),
            Span::raw(format!(" · {} · {items}", order.fulfilment.method)),
        ]),
        field("Placed", vec![Span::raw(when(&order.created_at))]),
        field("Total", money(order)),
        field("Commission", vec![Span::raw(euros(order.commission_cents))]),
        destination(&order.fulfilment),
    ];
    if let Some(tracking) = tracking(&order.fulfilment) {
        lines.push(field("Tracking", vec![Span::raw(tracking)]));
    }
    if order.return_status != "none" {
        let mut spans = vec![return_span(&order.return_status)];
        if let Some(reason) = &order.return_reason {
            spans.push(Span::raw(format!(": “{reason}”")));
        }
        lines.push(field("Return", spans));
    }
    lines.push(field("Keys", keys(order, keymap)));
    lines.push(Line::raw(""));
    lines.extend(order.lines.iter().map(|line| line_row(line, width)));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn field(label: &str, value: Vec<Span<'static>>) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("{label:<LABEL$}"),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    spans.extend(value);
    Line::from(spans)
}

/// "224,60 € · refunded 0,00 €", the refund in red once there is one.
fn money(order: &SellerOrder) -> Vec<Span<'static>> {
    let refunded_style = if order.refunded_cents > 0 {
        error()
    } else {
        Style::new().add_modifier(Modifier::DIM)
    };
    vec![
        Span::raw(euros(order.total_cents)),
        Span::styled(
            format!(" · refunded {}", euros(order.refunded_cents)),
            refunded_style,
        ),
    ]
}

/// The delivery address, or the store for a pickup.
fn destination(fulfilment: &Fulfilment) -> Line<'static> {
    if fulfilment.method == "pickup" {
        let store = fulfilment
            .store_name
            .clone()
            .or_else(|| fulfilment.store_id.clone())
            .unwrap_or_else(|| "not given".to_owned());
        return field("Store", vec![Span::raw(store)]);
    }
    let address = fulfilment.address.as_ref().map_or_else(
        || "not given".to_owned(),
        |a| {
            let parts = [
                &a.name,
                &a.line1,
                &a.line2,
                &format!("{} {}", a.postcode, a.city),
            ];
            let kept: Vec<&str> = parts
                .iter()
                .map(|part| part.trim())
                .filter(|part| !part.is_empty())
                .collect();
            kept.join(", ")
        },
    );
    field("Deliver to", vec![Span::raw(address)])
}

/// "Colissimo 6A1234…", when the order was shipped.
fn tracking(fulfilment: &Fulfilment) -> Option<String> {
    match (&fulfilment.carrier, &fulfilment.tracking) {
        (None, None) => None,
        (carrier, tracking) => Some(
            [carrier.as_deref(), tracking.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

/// "a accept · x cancel": the steps the status allows, with their keys.
fn keys(order: &SellerOrder, keymap: &Keymap) -> Vec<Span<'static>> {
    let allowed = verbs(order);
    if allowed.is_empty() {
        return vec![Span::styled(
            "nothing left to do",
            Style::new().add_modifier(Modifier::DIM),
        )];
    }
    let mut spans = Vec::new();
    for verb in allowed {
        let Some(key) = keymap.key_for(Context::Orders, &Action::Order(verb)) else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(key.to_string(), accent()));
        spans.push(Span::raw(format!(" {}", verb.label())));
    }
    spans
}

/// "2 × Perceuse à percussion …      209,80 €", cut to `width`.
fn line_row(line: &OrderLine, width: usize) -> Line<'static> {
    let price = euros(line.line_cents);
    let room = width.saturating_sub(price.chars().count() + 1);
    let what = fit(&format!("{} × {}", line.quantity, line.title), room);
    let gap = width.saturating_sub(what.chars().count() + price.chars().count());
    Line::raw(format!("{what}{}{price}", " ".repeat(gap.max(1))))
}

/// "2026-11-22 14:05 UTC" from an RFC 3339 UTC timestamp (as is when it is not one).
pub(super) fn when(timestamp: &str) -> String {
    match (timestamp.get(..10), timestamp.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => timestamp.to_owned(),
    }
}
