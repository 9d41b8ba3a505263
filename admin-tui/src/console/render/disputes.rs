//! Disputes, as the operator and as the shop see them: a table of the list (the filter in
//! the title) and, under it, the selected dispute (drawn by `dispute_detail`).

use api_types::operating::Dispute;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Padding, Paragraph, Row, Table};

use super::desk::{marker, placeholder, reloading, render_placeholder, screen_block};
use super::{ORDER_NUMBER_WIDTH, accent, dispute_detail};
use crate::console::keymap::Keymap;
use crate::console::screens::Desk;
use crate::console::screens::disputes::{
    DisputeFilter, Disputes, awaits_answer, kind_label, refundable,
};
use crate::console::screens::money::euros;
use crate::console::screens::ops::Ops;

/// From this width on, the table adds the date opened and the money.
const WIDE: u16 = 110;

/// Whose screen it is: the columns, the keys and the words differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Every shop's disputes; refund or reject.
    Operator,
    /// The shop's own; answer.
    Seller,
}

/// Draws the operator's disputes screen into `area`.
pub fn render_ops(frame: &mut Frame, area: Rect, ops: &Ops, keymap: &Keymap) {
    render(frame, area, &ops.disputes, Side::Operator, keymap);
}

/// Draws the shop's disputes screen into `area`.
pub fn render_desk(frame: &mut Frame, area: Rect, desk: &Desk, keymap: &Keymap) {
    render(frame, area, &desk.disputes, Side::Seller, keymap);
}

fn render(frame: &mut Frame, area: Rect, disputes: &Disputes, side: Side, keymap: &Keymap) {
    let mut title = format!("Disputes · {}", disputes.filter.label());
    if let Some(page) = &disputes.list.data {
        title.push_str(&format!(" · {}", page.total));
    }
    if let (Side::Seller, Some(count @ 1..)) = (side, disputes.to_answer) {
        title.push_str(&format!(" · {count} to answer"));
    }
    title.push_str(reloading(disputes.list.pending.is_some()));
    let block = screen_block(title);
    if let Some(text) = placeholder(
        &disputes.list.load,
        disputes.list.data.is_some(),
        disputes.items().is_empty(),
        empty(disputes.filter, side),
    ) {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, below] = inner.layout(&Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Min(0),
    ]));
    table(frame, list, disputes, side, area.width >= WIDE);
    if let Some(dispute) = disputes.selected_dispute() {
        let block = Block::new()
            .borders(Borders::TOP)
            .padding(Padding::horizontal(1));
        let inside = block.inner(below);
        let lines = dispute_detail::lines(
            dispute,
            side,
            keymap,
            usize::from(inside.width),
            usize::from(inside.height),
        );
        frame.render_widget(Paragraph::new(lines).block(block), below);
    }
}

fn empty(filter: DisputeFilter, side: Side) -> &'static str {
    match (filter, side) {
        (DisputeFilter::Open, _) => "No open dispute — press f to see the decided ones.",
        (DisputeFilter::Decided, _) => "No dispute decided yet — press f to see every one.",
        (DisputeFilter::All, Side::Operator) => {
            "No dispute yet: shoppers open one when a part of an order goes wrong."
        }
        (DisputeFilter::All, Side::Seller) => {
            "No dispute on your orders — shoppers open one when a part goes wrong."
        }
    }
}

fn table(frame: &mut Frame, area: Rect, disputes: &Disputes, side: Side, wide: bool) {
    let rows_room = usize::from(area.height.saturating_sub(1)).max(1);
    let first = disputes.selected.saturating_sub(rows_room - 1);
    let rows = disputes
        .items()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_room)
        .map(|(index, dispute)| row(dispute, index == disputes.selected, side, wide));
    let mut header = vec!["", "Order"];
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(ORDER_NUMBER_WIDTH),
    ];
    if wide {
        header.push("Opened");
        widths.push(Constraint::Length(10));
    }
    match side {
        Side::Operator => {
            header.extend(["Shop", "Shopper"]);
            widths.extend([Constraint::Fill(1), Constraint::Fill(1)]);
        }
        Side::Seller => {
            header.push("Shopper");
            widths.push(Constraint::Fill(1));
        }
    }
    header.extend(["Claim", "Status"]);
    widths.extend([Constraint::Length(16), Constraint::Length(8)]);
    if side == Side::Seller {
        header.push("Answer");
        widths.push(Constraint::Length(9));
    }
    if wide {
        header.push(match side {
            Side::Operator => "Left",
            Side::Seller => "Part",
        });
        widths.push(Constraint::Length(11));
    }
    let header = Row::new(header).style(accent());
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

fn row(dispute: &Dispute, selected: bool, side: Side, wide: bool) -> Row<'static> {
    let mut cells = vec![
        Cell::from(marker(selected)),
        Cell::from(dispute.order_number.clone()),
    ];
    if wide {
        cells.push(Cell::from(
            dispute.created_at.get(..10).unwrap_or_default().to_owned(),
        ));
    }
    if side == Side::Operator {
        cells.push(Cell::from(dispute.shop_name.clone()));
    }
    cells.extend([
        Cell::from(dispute.shopper_name.clone()),
        Cell::from(kind_label(&dispute.kind).to_owned()),
        Cell::from(status_span(&dispute.status)),
    ]);
    if side == Side::Seller {
        cells.push(Cell::from(answer_span(dispute)));
    }
    if wide {
        let money = match side {
            Side::Operator => refundable(dispute),
            Side::Seller => dispute.part_total_cents,
        };
        cells.push(Cell::from(Line::from(euros(money)).right_aligned()));
    }
    let style = if selected {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    Row::new(cells).style(style)
}

/// A dispute status: yellow while someone has to act, red once refunded, dim rejected.
pub(super) fn status_span(status: &str) -> Span<'static> {
    let style = match status {
        "open" => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        "refunded" => Style::new().fg(Color::Red),
        "rejected" => Style::new().add_modifier(Modifier::DIM),
        _ => Style::new(),
    };
    Span::styled(status.to_owned(), style)
}

/// The shop's side of the row: loud while the shop has to answer.
fn answer_span(dispute: &Dispute) -> Span<'static> {
    match (&dispute.seller_answer, awaits_answer(dispute)) {
        (_, true) => Span::styled(
            "to answer",
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
        (Some(_), false) => Span::raw("answered"),
        (None, false) => Span::styled("none", Style::new().add_modifier(Modifier::DIM)),
    }
}
