//! The operator screens: a tab bar, then the shop queue, the moderation queue, the
//! settings, the audit log, the campaigns, the disputes or the KPIs (the last three in
//! `campaigns`, `disputes` and `kpis`); each list with the selected row's detail under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Padding, Paragraph, Row, Table, Wrap};

use super::desk::{fit, marker, placeholder, reloading, render_placeholder, screen_block, tab_bar};
use super::{accent, campaigns, disputes, kpis};
use crate::console::keymap::Keymap;
use crate::console::screens::money::euros;
use crate::console::screens::ops::settings_fields;
use crate::console::screens::ops::{Decision, Ops, OpsTab};

/// Draws the tab bar and the operator screen on show into `area` (`keymap` names the keys
/// of a dispute's decisions).
pub fn render(frame: &mut Frame, area: Rect, ops: &Ops, keymap: &Keymap) {
    let [tabs, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let titles = OpsTab::ALL.map(OpsTab::title);
    let here = OpsTab::ALL
        .iter()
        .position(|tab| *tab == ops.tab)
        .unwrap_or(0);
    let bar = tab_bar(&titles, here, &[], tabs.width);
    frame.render_widget(Paragraph::new(bar), tabs);
    match ops.tab {
        OpsTab::Shops => shops(frame, body, ops),
        OpsTab::Reports => reports(frame, body, ops),
        OpsTab::Settings => settings(frame, body, ops),
        OpsTab::Audit => audit(frame, body, ops),
        OpsTab::Campaigns => campaigns::render(frame, body, ops),
        OpsTab::Disputes => disputes::render_ops(frame, body, ops, keymap),
        OpsTab::Kpis => kpis::render(frame, body, &ops.kpis),
    }
}

/// Splits a screen's inside into the list and the detail under it.
pub(super) fn split(area: Rect) -> [Rect; 2] {
    area.layout(&Layout::vertical([
        Constraint::Percentage(55),
        Constraint::Min(0),
    ]))
}

pub(super) fn selected_style(selected: bool) -> Style {
    if selected {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    }
}

pub(super) fn detail(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let block = ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::TOP)
        .padding(Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

fn keys_line(keys: &[(&str, Decision)], status: &str) -> Line<'static> {
    let offered: Vec<String> = keys
        .iter()
        .filter(|(_, decision)| decision.applies_to(status))
        .map(|(key, decision)| format!("{key} {}", decision.label()))
        .collect();
    if offered.is_empty() {
        Line::raw("Nothing to decide here.")
    } else {
        Line::styled(offered.join(" · "), accent())
    }
}

fn shops(frame: &mut Frame, area: Rect, ops: &Ops) {
    let filter = ops.shop_status_filter().unwrap_or("all");
    let total = ops.shops.data.as_ref().map_or(0, |page| page.total);
    let title = format!(
        "Shops · {filter} · {total} · page {}/{}{}",
        ops.shop_page.max(1),
        ops.shop_pages(),
        reloading(ops.shops.pending.is_some())
    );
    let block = screen_block(title);
    let empty = format!("No {filter} shops — press f to show another status.");
    if let Some(text) = placeholder(
        &ops.shops.load,
        ops.shops.data.is_some(),
        ops.shop_items().is_empty(),
        &empty,
    ) {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, below] = split(inner);
    let rows = ops.shop_items().iter().enumerate().map(|(i, shop)| {
        let selected = i == ops.shop_selected;
        Row::new(vec![
            Cell::from(marker(selected)),
            Cell::from(shop.name.clone()),
            Cell::from(shop.owner_email.clone()),
            Cell::from(shop.offer_count.to_string()),
            Cell::from(format!("{:?}", shop.status).to_lowercase()),
            Cell::from(shop.created_at.get(..10).unwrap_or_default().to_owned()),
        ])
        .style(selected_style(selected))
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(6),
            Constraint::Length(9),
            Constraint::Length(10),
        ],
    )
    .header(Row::new(["", "Shop", "Applicant", "Offers", "Status", "Applied"]).style(accent()));
    frame.render_widget(table, list);
    if let Some(shop) = ops.selected_shop() {
        let status = format!("{:?}", shop.status).to_lowercase();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(shop.name.clone(), accent()),
                Span::raw(format!("  /shops/{} · {}", shop.slug, shop.owner_name)),
            ]),
            Line::raw(fit(&shop.description, 400)),
        ];
        if let Some(reason) = &shop.status_reason {
            lines.push(Line::raw(format!("Last reason: {reason}")));
        }
        let mut keys = keys_line(
            &[
                ("a", Decision::Approve),
                ("x", Decision::Reject),
                ("s", Decision::Suspend),
                ("i", Decision::Reinstate),
            ],
            &status,
        );
        // Only a shop that traded can be owed anything; the server has the last word.
        if matches!(status.as_str(), "approved" | "suspended") {
            keys.spans.push(Span::styled(" · p pay out", accent()));
        }
        lines.push(keys);
        detail(frame, below, lines);
    }
}

fn reports(frame: &mut Frame, area: Rect, ops: &Ops) {
    let total = ops.reports.data.as_ref().map_or(0, |page| page.total);
    let title = format!(
        "Reports · {total} to decide{}",
        reloading(ops.reports.pending.is_some())
    );
    let block = screen_block(title);
    if let Some(text) = placeholder(
        &ops.reports.load,
        ops.reports.data.is_some(),
        ops.report_items().is_empty(),
        "Nothing to moderate: no open report, no offer held for review.",
    ) {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, below] = split(inner);
    let rows = ops.report_items().iter().enumerate().map(|(i, case)| {
        let selected = i == ops.report_selected;
        Row::new(vec![
            Cell::from(marker(selected)),
            Cell::from(case.title.clone()),
            Cell::from(case.shop_name.clone()),
            Cell::from(euros(case.price_cents)),
            Cell::from(case.status.replace('_', " ")),
            Cell::from(case.open_reports.to_string()),
        ])
        .style(selected_style(selected))
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Length(7),
        ],
    )
    .header(Row::new(["", "Offer", "Shop", "Price", "Status", "Reports"]).style(accent()));
    frame.render_widget(table, list);
    if let Some(case) = ops.selected_report() {
        let mut lines = vec![Line::styled(case.title.clone(), accent())];
        if let Some(note) = &case.moderation_note {
            lines.push(Line::raw(format!("Checks: {note}")));
        }
        for reason in &case.reasons {
            lines.push(Line::raw(format!("• “{reason}”")));
        }
        lines.push(keys_line(
            &[("t", Decision::Takedown), ("c", Decision::Clear)],
            &case.status,
        ));
        detail(frame, below, lines);
    }
}

fn settings(frame: &mut Frame, area: Rect, ops: &Ops) {
    let block = screen_block(format!(
        "Settings{}",
        reloading(ops.settings.pending.is_some())
    ));
    let Some(current) = ops.settings.data.as_ref() else {
        let text = placeholder(&ops.settings.load, false, false, "")
            .unwrap_or_else(|| Text::raw("Loading…"));
        render_placeholder(frame, area, block, text);
        return;
    };
    let mut lines = vec![Line::raw("")];
    for ((_, label, hint), value) in settings_fields(&current.settings) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{label:<22}"),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!("{value:>6}   ")),
            Span::styled(hint, Style::new().add_modifier(Modifier::DIM)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "Last changed {}. A change applies to orders placed afterwards.",
        current.updated_at
    )));
    lines.push(Line::styled("e edit", accent()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block.padding(Padding::horizontal(1))),
        area,
    );
}

fn audit(frame: &mut Frame, area: Rect, ops: &Ops) {
    let filter = ops.audit_action_filter().unwrap_or("every action");
    let total = ops.audit.data.as_ref().map_or(0, |page| page.total);
    let title = format!(
        "Audit log · {filter} · {total} · page {}/{}{}",
        ops.audit_page.max(1),
        ops.audit_pages(),
        reloading(ops.audit.pending.is_some())
    );
    let block = screen_block(title);
    if let Some(text) = placeholder(
        &ops.audit.load,
        ops.audit.data.is_some(),
        ops.audit_items().is_empty(),
        "Nothing recorded yet — every operator action shows here.",
    ) {
        render_placeholder(frame, area, block, text);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, below] = split(inner);
    let rows = ops.audit_items().iter().enumerate().map(|(i, entry)| {
        let selected = i == ops.audit_selected;
        Row::new(vec![
            Cell::from(marker(selected)),
            Cell::from(
                entry
                    .created_at
                    .replace('T', " ")
                    .get(..16)
                    .unwrap_or_default()
                    .to_owned(),
            ),
            Cell::from(entry.operator_name.clone()),
            Cell::from(entry.action.clone()),
            Cell::from(entry.reason.clone()),
        ])
        .style(selected_style(selected))
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(16),
            Constraint::Fill(1),
            Constraint::Length(15),
            Constraint::Fill(2),
        ],
    )
    .header(Row::new(["", "When (UTC)", "Operator", "Action", "Reason"]).style(accent()));
    frame.render_widget(table, list);
    if let Some(entry) = ops.selected_audit() {
        let mut lines = vec![Line::from(vec![
            Span::styled(entry.action.clone(), accent()),
            Span::raw(format!(
                " on {} {} by {} <{}>",
                entry.target_type, entry.target_id, entry.operator_name, entry.operator_email
            )),
        ])];
        if !entry.reason.is_empty() {
            lines.push(Line::raw(format!("Why: {}", entry.reason)));
        }
        for change in &entry.changes {
            lines.push(Line::raw(format!(
                "{}: {} → {}",
                change.field, change.old, change.new
            )));
        }
        detail(frame, below, lines);
    }
}
