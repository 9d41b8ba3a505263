//! Drawing: [`render`] reads the [`State`] and draws it; it changes nothing.
//!
//! - `login`: the sign-in form.
//! - `frame`: the signed-in console (header, then the view for who is signed in).
//! - `desk`: the seller screens' tab bar, placeholders and overlays; `dashboard`,
//!   `offers`, `stock` (with `stock_history`), `locations`, `shop`, `orders` (with
//!   `order_detail`), `cashback`, `payouts`, `till`: one module per screen.
//! - `ops`: the operator screens (shop queue, reports, settings, audit log, campaigns,
//!   disputes, KPIs; the last three in `campaigns`, `disputes` (with `dispute_detail`),
//!   which draws the seller's disputes screen too, and `kpis`).
//! - `charts`: what the dashboard and the KPIs draw alike (bars per day, the funnel).
//! - `form`: edit forms (the confirmation dialog is in `desk`); `csv_report`: the report
//!   window of a CSV import.
//! - `wrap`: text wrapped between words to fit a width.
//! - `status_bar`: the two bottom rows (messages and key hints).
//! - `help`: the `?` overlay, generated from the keymap.
//!
//! The palette is modest so it reads on dark and light terminals: bold, one accent colour
//! ([`ACCENT`]), red for errors, magenta for stock running low ([`LOW`]), and the
//! terminal's own foreground for everything else.

mod campaigns;
mod cashback;
#[cfg(test)]
mod cashback_tests;
mod charts;
mod csv_report;
#[cfg(test)]
mod csv_tests;
mod dashboard;
mod desk;
mod dispute_detail;
#[cfg(test)]
mod dispute_tests;
mod disputes;
mod form;
mod frame;
mod help;
mod kpis;
mod locations;
mod login;
mod offers;
mod ops;
#[cfg(test)]
mod ops_tests;
mod order_detail;
#[cfg(test)]
mod order_tests;
mod orders;
#[cfg(test)]
mod payout_tests;
mod payouts;
#[cfg(test)]
mod screen_tests;
mod shop;
mod status_bar;
mod stock;
mod stock_history;
#[cfg(test)]
mod stock_tests;
#[cfg(test)]
mod tests;
mod till;
#[cfg(test)]
mod till_tests;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};

use super::keymap::{Context, Keymap};
use super::state::{Screen, State, View};

/// The one accent colour: titles, focus, progress.
pub const ACCENT: Color = Color::Cyan;
/// The colour of errors.
pub const ERROR: Color = Color::Red;
/// The colour of stock at or below its low-stock threshold: apart from errors and the
/// accent, and readable on dark and light backgrounds alike.
pub const LOW: Color = Color::Magenta;

/// The width of an order number as the server makes it: `H-` and 8 letters or digits.
/// Every table with an order column gives it at least this much, so that the number a
/// seller reads out is never cut short.
pub const ORDER_NUMBER_WIDTH: u16 = 10;

/// Headings and focused things.
fn accent() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// Stock running low.
fn low() -> Style {
    Style::new().fg(LOW).add_modifier(Modifier::BOLD)
}

/// Error text.
fn error() -> Style {
    Style::new().fg(ERROR).add_modifier(Modifier::BOLD)
}

/// Draws the whole console for `state`.
pub fn render(frame: &mut Frame, state: &State, keymap: &Keymap) {
    let [body, status] = frame.area().layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(2),
    ]));
    match &state.screen {
        Screen::Login(form) => login::render(frame, body, state, form),
        Screen::Console(session) => frame::render(frame, body, state, session, keymap),
    }
    status_bar::render(frame, status, state, keymap);
    if let Screen::Console(session) = &state.screen {
        match session.view() {
            View::Desk => desk::render_overlay(frame, body, &session.desk, !state.help_visible),
            View::Operator => desk::render_overlay_of(
                frame,
                body,
                session.ops.overlay.as_ref(),
                session.ops.category_list(),
                !state.help_visible,
            ),
            View::Checking | View::Welcome | View::OpenShop => {}
        }
    }
    if state.help_visible {
        help::render(frame, frame.area(), keymap, Context::beneath(state));
    }
}
