//! The signed-in console: a header naming who is signed in, then the seller screens, the
//! "open a shop" form, or (for operators, and while `/me` is awaited) a welcome panel.

use api_types::{Role, ShopStatus, ShopSummary, User};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::shop::status_span;
use super::{ACCENT, accent, desk, error, ops, shop};
use crate::console::keymap::Keymap;
use crate::console::state::{Session, State, View};

/// Draws the header and the body of the signed-in console (`keymap` names keys on screen).
pub fn render(frame: &mut Frame, area: Rect, state: &State, session: &Session, keymap: &Keymap) {
    let [header, body] = area.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(0),
    ]));
    let block = Block::bordered()
        .title(Line::from(" Halles console ").style(accent()))
        .title_top(Line::from(format!(" {} ", state.server)).right_aligned())
        .padding(Padding::horizontal(1));
    let lines = match &session.user {
        Some(user) => vec![user_line(user), shop_line(user, session.shop.as_ref())],
        None => vec![Line::raw("Checking your saved session…"), Line::raw("")],
    };
    frame.render_widget(Paragraph::new(lines).block(block), header);

    let show_cursor = !state.help_visible;
    match session.view() {
        View::Desk => return desk::render(frame, body, session, keymap, show_cursor),
        View::Operator => return ops::render(frame, body, &session.ops, keymap),
        View::OpenShop => return shop::render_open_shop(frame, body, &session.desk, show_cursor),
        View::Checking | View::Welcome => {}
    }
    let welcome = Block::bordered()
        .title(Line::from(" Welcome "))
        .padding(Padding::new(2, 2, 1, 0));
    let text = match &session.user {
        Some(user) => welcome_text(user, session.shop.as_ref(), &state.server),
        None => Text::from("Your saved session is being checked with the server."),
    };
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(welcome),
        body,
    );
}

/// The user's roles, most powerful first, e.g. "Operator" or "Seller · Shopper".
pub fn roles(user: &User) -> String {
    let names: Vec<&str> = [
        (Role::Operator, "Operator"),
        (Role::Seller, "Seller"),
        (Role::Shopper, "Shopper"),
    ]
    .into_iter()
    .filter(|(role, _)| user.has_role(*role))
    .map(|(_, name)| name)
    .collect();
    names.join(" · ")
}

fn user_line(user: &User) -> Line<'_> {
    Line::from(vec![
        Span::styled(
            user.name.as_str(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(" <{}>", user.email)),
        Span::raw("  "),
        Span::styled(roles(user), Style::new().fg(ACCENT)),
    ])
}

fn shop_line<'a>(user: &User, shop: Option<&'a ShopSummary>) -> Line<'a> {
    match shop {
        Some(shop) => Line::from(vec![
            Span::raw("Shop: "),
            Span::styled(
                shop.name.as_str(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" ({}) — ", shop.slug)),
            status_span(shop.status),
        ]),
        None if user.has_role(Role::Operator) => Line::raw("Platform staff"),
        None if user.has_role(Role::Seller) => Line::raw("No shop yet"),
        None => Line::raw("Shopper account"),
    }
}

/// What each role will do here. The screens are not built yet, and the panel says so.
fn welcome_text(user: &User, shop: Option<&ShopSummary>, server: &str) -> Text<'static> {
    let first_name = user
        .name
        .split_whitespace()
        .next()
        .unwrap_or(user.name.as_str());
    let mut lines = vec![
        Line::styled(
            format!("Welcome, {first_name}."),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        Line::raw(
            "This console signs you in and shows your account. The screens for your work are on their way:",
        ),
    ];
    let mut section = |title: &str, items: &[&str]| {
        lines.push(Line::raw(""));
        lines.push(Line::styled(title.to_owned(), accent()));
        lines.extend(items.iter().map(|item| Line::raw(format!("  • {item}"))));
    };
    if user.has_role(Role::Operator) {
        section(
            "As an operator",
            &[
                "Shops — approve, reject, suspend, reinstate",
                "Reports — review reported offers, take listings down",
                "Settings — commission, cashback, return window, pickup hold",
                "Audit — read the audit log",
            ],
        );
    }
    if user.has_role(Role::Seller) {
        section(
            "As a seller",
            &[
                "Offers — list products, set prices and conditions",
                "Stock — quantities per warehouse and store",
                "Orders — accept, ship, hand over click & collect pickups",
                "Locations — your warehouses and stores",
            ],
        );
    }
    match shop.map(|shop| shop.status) {
        Some(ShopStatus::Pending) => lines.extend([
            Line::raw(""),
            Line::raw("Your shop is waiting for an operator's approval; it is not public yet."),
        ]),
        Some(ShopStatus::Rejected | ShopStatus::Suspended) => lines.extend([
            Line::raw(""),
            Line::styled(
                "Your shop is not public. Contact the Halles operators.",
                error(),
            ),
        ]),
        Some(ShopStatus::Approved) | None => {}
    }
    if !user.has_role(Role::Operator) && !user.has_role(Role::Seller) {
        lines.extend([
            Line::raw(""),
            Line::raw("This console is for sellers and operators. To shop, use the storefront:"),
            Line::styled(format!("  {server}"), accent()),
        ]);
    }
    Text::from(lines)
}
