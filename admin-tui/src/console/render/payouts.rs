//! The payouts screen: the three balances and the payouts side by side at the top, the
//! latest lines on the earnings under them, negative amounts in the error colour.

use api_types::selling::{EarningEntry, SellerPayouts};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Padding, Paragraph, Row, Table};

use super::desk::{fit, placeholder, reloading, render_placeholder, screen_block};
use super::{ORDER_NUMBER_WIDTH, accent, error};
use crate::console::screens::Desk;
use crate::console::screens::money::euros;
use crate::console::screens::payouts::{is_empty, kind_label};

/// The width of the payouts column at the top right.
const PAYOUTS_WIDTH: u16 = 28;

/// Draws the payouts screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, desk: &Desk) {
    let remote = &desk.payouts;
    let block = screen_block(format!("Payouts{}", reloading(remote.pending.is_some())));
    let nothing = placeholder(
        &remote.load,
        remote.data.is_some(),
        remote.data.as_ref().is_some_and(is_empty),
        "No earnings yet: sales appear here once paid.",
    );
    let (Some(payouts), None) = (&remote.data, &nothing) else {
        if let Some(text) = nothing {
            render_placeholder(frame, area, block, text);
        }
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Room for more payouts when the screen is tall.
    let top_height = if inner.height >= 24 { 8 } else { 5 };
    let [top, lines] = inner.layout(&Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Min(0),
    ]));
    let [balances_area, payouts_area] = top.layout(&Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(PAYOUTS_WIDTH),
    ]));
    frame.render_widget(
        Paragraph::new(balances(payouts, balances_area.width.saturating_sub(2)))
            .block(Block::new().padding(Padding::new(1, 1, 0, 0))),
        balances_area,
    );
    render_payouts(frame, payouts_area, payouts);
    render_entries(frame, lines, &payouts.entries);
}

/// "Pending    129,56 €  inside the return window", and the payable and paid lines.
fn balances(payouts: &SellerPayouts, width: u16) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = Style::new().add_modifier(Modifier::DIM);
    let room = usize::from(width).saturating_sub(23);
    let line = |label: &str, cents: i64, note: &str, style: Style| {
        Line::from(vec![
            Span::styled(format!("{label:<8}"), bold),
            Span::styled(format!("{:>13}", euros(cents)), style),
            Span::styled(format!("  {}", fit(note, room)), dim),
        ])
    };
    let count = payouts.payouts.len();
    let paid_note = match count {
        0 => "nothing paid out yet".to_owned(),
        1 => "in 1 payout".to_owned(),
        n => format!("in {n} payouts"),
    };
    vec![
        line(
            "Pending",
            payouts.pending_cents,
            "inside the return window",
            Style::new(),
        ),
        line(
            "Payable",
            payouts.payable_cents,
            "waiting for a payout",
            accent(),
        ),
        line("Paid", payouts.paid_cents, &paid_note, Style::new()),
        Line::raw(""),
        Line::styled(
            format!("{:<8}Refunds after release come off payable.", ""),
            dim,
        ),
    ]
}

/// The payouts, newest first: date and amount.
fn render_payouts(frame: &mut Frame, area: Rect, payouts: &SellerPayouts) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1));
    let header = Row::new([
        Cell::from("Payout"),
        Cell::from(Line::from("Amount").right_aligned()),
    ])
    .style(header_style());
    let widths = [Constraint::Length(10), Constraint::Fill(1)];
    if payouts.payouts.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("Payouts", header_style()),
                Line::styled("none yet", Style::new().add_modifier(Modifier::DIM)),
            ]),
            inner,
        );
        return;
    }
    let rows = payouts.payouts.iter().map(|payout| {
        Row::new([
            Cell::from(day(&payout.created_at)),
            Cell::from(Line::from(euros(payout.amount_cents)).right_aligned()),
        ])
    });
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

/// The latest ledger lines: date, order, what, which balance, signed amount.
fn render_entries(frame: &mut Frame, area: Rect, entries: &[EarningEntry]) {
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::from(format!(" Latest earnings · {} lines ", entries.len())).style(accent()))
        .padding(Padding::horizontal(1));
    if entries.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No lines yet.",
                Style::new().add_modifier(Modifier::DIM),
            )),
            inner,
        );
        return;
    }
    let header = Row::new([
        Cell::from("Date"),
        Cell::from("Order"),
        Cell::from("What"),
        Cell::from("Balance"),
        Cell::from(Line::from("Amount").right_aligned()),
    ])
    .style(header_style());
    let rows = entries.iter().map(|entry| {
        let amount = if entry.amount_cents > 0 {
            format!("+{}", euros(entry.amount_cents))
        } else {
            euros(entry.amount_cents)
        };
        let amount_style = if entry.amount_cents < 0 {
            error()
        } else {
            Style::new()
        };
        Row::new([
            Cell::from(day(&entry.created_at)),
            Cell::from(entry.order_number.clone().unwrap_or_else(|| "—".to_owned())),
            Cell::from(kind_label(&entry.kind)),
            Cell::from(entry.balance.clone()),
            Cell::from(Line::styled(amount, amount_style).right_aligned()),
        ])
    });
    let widths = [
        Constraint::Length(10),
        Constraint::Length(ORDER_NUMBER_WIDTH),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(12),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

/// The header row of a table: bold and underlined.
pub(super) fn header_style() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// "2026-11-25" for an RFC 3339 time.
fn day(rfc3339: &str) -> String {
    rfc3339.get(..10).unwrap_or(rfc3339).to_owned()
}
