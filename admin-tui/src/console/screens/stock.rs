//! The stock grid: offers (rows) × locations (columns), one quantity per cell, edited
//! in place, then saved with its reason.
//!
//! - `change`: the reason and note asked after a quantity is typed, and the save.
//! - `transfer`: moving free units from the selected cell to another location.
//! - `history`: the selected cell's stock movements, a page at a time.
//! - `low`: the rows at or below their offer's threshold, and setting the threshold.

pub mod change;
#[cfg(test)]
mod change_tests;
pub mod history;
#[cfg(test)]
mod history_tests;
pub mod low;
#[cfg(test)]
mod low_tests;
#[cfg(test)]
mod tests;
pub mod transfer;
#[cfg(test)]
mod transfer_tests;

use std::collections::BTreeMap;

use api_types::selling::{LowStockLine, SellerOffer, StockLine};

pub use history::History;
pub use transfer::TransferConfirm;

use super::{Desk, Out, Overlay, Remote, offers};
use crate::console::action::{Action, Effect};

/// What a stock key does to the selected cell, besides typing a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockVerb {
    /// Move free units to another location (asks where, how many, then you).
    Transfer,
    /// Open (or close) the cell's stock movements.
    History,
    /// Set the offer's low-stock threshold.
    Threshold,
}

/// The stock grid's cursor and cell editor.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stock {
    /// The selected offer, among the offers screen's visible rows.
    pub row: usize,
    /// The selected location.
    pub col: usize,
    /// The quantity being typed into the selected cell, when editing.
    pub editing: Option<String>,
    /// The change (a level or a transfer) awaiting an answer.
    pub pending: Option<u64>,
    /// Whether the editor still shows the old quantity: the first digit replaces it.
    pub fresh: bool,
    /// `GET /seller/stock/low`: the rows at or below their offer's threshold.
    pub low: Remote<Vec<LowStockLine>>,
    /// Thresholds saved from this console, by offer id (the offers list does not carry them).
    pub thresholds: BTreeMap<String, i64>,
    /// The movements pane, when open.
    pub history: Option<History>,
}

impl Stock {
    /// Keeps the cursor inside a grid of `rows` × `cols`.
    pub fn clamp(&mut self, rows: usize, cols: usize) {
        self.row = self.row.min(rows.saturating_sub(1));
        self.col = self.col.min(cols.saturating_sub(1));
    }

    /// Whether the row of `offer_id` at `location_id` is at or below its threshold.
    pub fn is_low(&self, offer_id: &str, location_id: &str) -> bool {
        self.low.data.as_deref().is_some_and(|lines| {
            lines
                .iter()
                .any(|line| line.offer_id == offer_id && line.location_id == location_id)
        })
    }
}

/// The units of `offer` at the location `location_id` (none when it has no line).
pub fn cell<'a>(offer: &'a SellerOffer, location_id: &str) -> Option<&'a StockLine> {
    offer
        .stock
        .iter()
        .find(|line| line.location_id == location_id)
}

/// The units of a line that checkouts have not reserved (what can move or sell).
pub fn free(line: Option<&StockLine>) -> u32 {
    line.map_or(0, |line| line.quantity.saturating_sub(line.reserved))
}

/// A key on the stock grid.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    if desk.stock.history.is_some() {
        return history::key(desk, action, out);
    }
    if desk.stock.editing.is_some() {
        return edit_key(desk, action, out);
    }
    let rows = desk.offers.visible().len();
    let cols = desk.locations.count();
    let stock = &mut desk.stock;
    match action {
        Action::Down => stock.row += 1,
        Action::Up => stock.row = stock.row.saturating_sub(1),
        Action::Right => stock.col += 1,
        Action::Left => stock.col = stock.col.saturating_sub(1),
        Action::PageDown | Action::PageUp => {
            return offers::turn_page(desk, action == Action::PageDown, out);
        }
        Action::Edit => {
            let offer = desk.offers.visible().get(stock.row).copied()?;
            let location = desk.locations.items().get(stock.col)?;
            let quantity = cell(offer, &location.id).map_or(0, |line| line.quantity);
            stock.editing = Some(quantity.to_string());
            stock.fresh = true;
        }
        Action::Stock(StockVerb::Transfer) => return transfer::open(desk, out),
        Action::Stock(StockVerb::History) => return history::open(desk, out),
        Action::Stock(StockVerb::Threshold) => {
            low::open(desk);
            return None;
        }
        _ => return None,
    }
    stock.clamp(rows, cols);
    None
}

fn edit_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let stock = &mut desk.stock;
    if action == Action::Cancel {
        stock.editing = None;
        stock.pending = None;
        return None;
    }
    if stock.pending.is_some() {
        return None;
    }
    let fresh = std::mem::take(&mut stock.fresh);
    let text = stock.editing.as_mut()?;
    let replaces = match &action {
        Action::Input(c) => c.is_ascii_digit(),
        Action::Paste(_) | Action::Backspace => true,
        _ => false,
    };
    if fresh && replaces {
        text.clear();
    }
    match action {
        Action::Input(c) if c.is_ascii_digit() => text.push(c),
        Action::Paste(pasted) => text.extend(pasted.chars().filter(char::is_ascii_digit)),
        Action::Backspace => {
            text.pop();
        }
        Action::ClearField => text.clear(),
        Action::Submit => {
            let Ok(quantity) = text.parse::<i64>() else {
                out.error("Type a quantity: 0 to 1,000,000.");
                return None;
            };
            let offer = desk.offers.visible().get(stock.row).copied()?;
            let location = desk.locations.items().get(stock.col)?;
            let form = change::form(offer, location, quantity);
            desk.overlay = Some(Overlay::Form(form));
        }
        _ => {}
    }
    None
}

/// Puts `line` in place of `offer_id`'s line at its location (adding it when the cell was
/// never stocked); answers the offer's title, when the offer is on the page.
fn put_line(desk: &mut Desk, offer_id: &str, line: StockLine) -> Option<String> {
    let offer = desk
        .offers
        .list
        .data
        .as_mut()
        .and_then(|page| page.items.iter_mut().find(|o| o.id == offer_id))?;
    match offer
        .stock
        .iter_mut()
        .find(|l| l.location_id == line.location_id)
    {
        Some(old) => *old = line,
        None => offer.stock.push(line),
    }
    Some(offer.title.clone())
}

/// The name of the location `id` ("" when it is not loaded).
fn location_name(desk: &Desk, id: &str) -> String {
    desk.locations
        .items()
        .iter()
        .find(|l| l.id == id)
        .map_or_else(String::new, |l| l.name.clone())
}
