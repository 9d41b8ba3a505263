//! The seller screens: the tab bar, the screen of the selected tab, and the form or
//! confirmation dialog over it. Also the placeholder shown while a screen loads, is
//! empty or failed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

use super::{
    ACCENT, ERROR, accent, cashback, csv_report, dashboard, disputes, error, form, locations,
    offers, orders, payouts, shop, stock, till, wrap,
};
use crate::console::keymap::Keymap;
use crate::console::screens::{Confirm, Desk, Overlay, Tab};
use crate::console::state::{Loading, Session};

/// Draws the tab bar and the current screen into `area`; a screen with a text field puts
/// the cursor in it when `show_cursor`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    keymap: &Keymap,
    show_cursor: bool,
) {
    let desk = &session.desk;
    let [tabs, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let badges = Badges {
        new_orders: desk.orders.badge,
        to_answer: desk.disputes.to_answer.unwrap_or(0),
    };
    let bar = seller_tab_bar(desk.tab, badges, tabs.width);
    frame.render_widget(Paragraph::new(bar), tabs);
    match desk.tab {
        Tab::Dashboard => dashboard::render(frame, body, desk),
        Tab::Offers => offers::render(frame, body, desk),
        Tab::Stock => stock::render(frame, body, desk),
        Tab::Locations => locations::render(frame, body, desk),
        Tab::Shop => shop::render(frame, body, desk),
        Tab::Orders => orders::render(frame, body, desk, keymap),
        Tab::Cashback => cashback::render(frame, body, desk),
        Tab::Disputes => disputes::render_desk(frame, body, desk, keymap),
        Tab::Payouts => payouts::render(frame, body, desk),
        Tab::Till => till::render(frame, body, desk, keymap, show_cursor),
    }
}

/// Draws the form or dialog open over the seller screens, if any, centred in `area`.
pub fn render_overlay(frame: &mut Frame, area: Rect, desk: &Desk, show_cursor: bool) {
    render_overlay_of(
        frame,
        area,
        desk.overlay.as_ref(),
        desk.category_list(),
        show_cursor,
    );
}

/// Draws `overlay` (a form or dialog, the seller's or the operator's) centred in `area`.
pub fn render_overlay_of(
    frame: &mut Frame,
    area: Rect,
    overlay: Option<&Overlay>,
    categories: &[api_types::catalog::Category],
    show_cursor: bool,
) {
    match overlay {
        Some(Overlay::Form(open)) => {
            form::render_popup(frame, area, open, categories, show_cursor);
        }
        Some(Overlay::Confirm(confirm)) => render_confirm(frame, area, confirm),
        Some(Overlay::Report(view)) => csv_report::render(frame, area, view),
        None => {}
    }
}

/// The counts shown on the tabs.
#[derive(Debug, Clone, Copy)]
struct Badges {
    /// New orders not seen yet (on Orders).
    new_orders: usize,
    /// Open disputes waiting for the shop's answer (on Disputes).
    to_answer: usize,
}

impl Badges {
    fn of(self, tab: Tab) -> usize {
        match tab {
            Tab::Orders => self.new_orders,
            Tab::Disputes => self.to_answer,
            _ => 0,
        }
    }
}

/// The seller's tab bar: "6 Orders (2)" while new orders wait to be seen and
/// "8 Disputes (1)" while disputes wait for an answer.
fn seller_tab_bar(current: Tab, badges: Badges, width: u16) -> Line<'static> {
    let titles = Tab::ALL.map(Tab::title);
    let counts = Tab::ALL.map(|tab| badges.of(tab));
    let here = Tab::ALL.iter().position(|tab| *tab == current).unwrap_or(0);
    tab_bar(&titles, here, &counts, width)
}

/// " 1 Dashboard │ 2 Offers │ …", tab `current` highlighted, a tab's count after its
/// name when not zero. When that does not fit in `width`: tighter ("1 Dashboard│2
/// Offers│…"), then the tabs farthest from the current one lose their names ("1│2
/// Offers│…"); the current tab and the ones with a count keep theirs.
pub fn tab_bar(titles: &[&str], current: usize, counts: &[usize], width: u16) -> Line<'static> {
    let fits = |line: &Line| line.width() <= usize::from(width);
    let count = |index: usize| counts.get(index).copied().unwrap_or(0);
    let mut named = vec![true; titles.len()];
    let roomy = tab_bar_with(titles, current, counts, true, &named);
    if fits(&roomy) {
        return roomy;
    }
    loop {
        let tight = tab_bar_with(titles, current, counts, false, &named);
        let farthest = (0..titles.len())
            .filter(|index| named[*index] && *index != current && count(*index) == 0)
            .max_by_key(|index| index.abs_diff(current));
        match farthest {
            Some(index) if !fits(&tight) => named[index] = false,
            _ => return tight,
        }
    }
}

fn tab_bar_with(
    titles: &[&str],
    current: usize,
    counts: &[usize],
    roomy: bool,
    named: &[bool],
) -> Line<'static> {
    let (separator, pad) = if roomy { (" │ ", " ") } else { ("│", "") };
    let mut spans = vec![Span::raw(pad)];
    for (index, title) in titles.iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(
                separator,
                Style::new().add_modifier(Modifier::DIM),
            ));
        }
        let style = if index == current {
            Style::new()
                .fg(ACCENT)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new()
        };
        // The tenth tab's key is 0, as on a keyboard's number row.
        let key = (index + 1) % 10;
        let label = if named.get(index).copied().unwrap_or(true) {
            format!("{pad}{key} {title}")
        } else {
            format!("{pad}{key}")
        };
        spans.push(Span::styled(label, style));
        let count = counts.get(index).copied().unwrap_or(0);
        if count > 0 {
            spans.push(Span::styled(
                format!(" ({count})"),
                style.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ));
        }
        spans.push(Span::styled(pad, style));
    }
    Line::from(spans)
}

/// A bordered block titled `title`, as every seller screen uses (tables fill it edge to
/// edge; text screens add their own padding).
pub fn screen_block(title: String) -> Block<'static> {
    Block::bordered().title(Line::from(format!(" {title} ")).style(accent()))
}

/// What a screen shows instead of its data, if anything: "Loading…", the error with
/// how to retry, or `empty` when the data is there but holds nothing.
pub fn placeholder(
    load: &Loading,
    has_data: bool,
    is_empty: bool,
    empty: &str,
) -> Option<Text<'static>> {
    placeholder_retrying_with(load, has_data, is_empty, empty, "r")
}

/// [`placeholder`] on a screen where `retry` is the key that reloads.
pub fn placeholder_retrying_with(
    load: &Loading,
    has_data: bool,
    is_empty: bool,
    empty: &str,
    retry: &str,
) -> Option<Text<'static>> {
    match load {
        Loading::Error { message, .. } => Some(Text::from(vec![
            Line::styled(message.clone(), error()),
            Line::raw(""),
            Line::raw(format!("Press {retry} to try again.")),
        ])),
        Loading::Idle | Loading::Loading if !has_data => {
            Some(Text::styled("Loading…", Style::new().fg(ACCENT)))
        }
        _ if is_empty => Some(Text::raw(empty.to_owned())),
        _ => None,
    }
}

/// Draws `text` in the middle of `block`.
pub fn render_placeholder(frame: &mut Frame, area: Rect, block: Block<'_>, text: Text<'static>) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [_, middle] = inner.layout(&Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Min(0),
    ]));
    frame.render_widget(
        Paragraph::new(text.centered()).wrap(Wrap { trim: true }),
        middle,
    );
}

/// `text` cut to `width` columns, with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// " · loading…" after a screen's title while its data is being reloaded.
pub fn reloading(pending: bool) -> &'static str {
    if pending { " · loading…" } else { "" }
}

/// The mark before the selected row ("›") or the space before the others.
pub fn marker(selected: bool) -> &'static str {
    if selected { "›" } else { " " }
}

/// The widest the confirmation dialog gets.
const DIALOG_WIDTH: u16 = 56;

/// Draws the confirmation dialog centred in `area`: eight rows, more when the question
/// needs them.
fn render_confirm(frame: &mut Frame, area: Rect, confirm: &Confirm) {
    let text_width = usize::from(area.width.min(DIALOG_WIDTH).saturating_sub(4));
    let message_rows = wrap::wrap(&confirm.message, text_width, usize::MAX).len();
    let height = u16::try_from(message_rows + 5).unwrap_or(u16::MAX).max(8);
    let popup = area.centered(Constraint::Max(DIALOG_WIDTH), Constraint::Max(height));
    let block = Block::bordered()
        .border_style(Style::new().fg(ERROR))
        .title(Line::from(format!(" {} ", confirm.title)).style(error()))
        .padding(Padding::new(1, 1, 1, 0));
    let key = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let lines = vec![
        Line::raw(confirm.message.clone()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" y ", key),
            Span::raw(" yes    "),
            Span::styled(" n ", key),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}
