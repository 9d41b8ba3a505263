//! The stock grid: offers (rows) × locations (columns), one quantity per cell, edited
//! in place.

#[cfg(test)]
mod tests;

use api_types::selling::{SellerOffer, StockLine, StockRequest};

use super::{Desk, Out, offers};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};

/// The stock grid's cursor and cell editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stock {
    /// The selected offer, among the offers screen's visible rows.
    pub row: usize,
    /// The selected location.
    pub col: usize,
    /// The quantity being typed into the selected cell, when editing.
    pub editing: Option<String>,
    /// The save awaiting an answer.
    pub pending: Option<u64>,
    /// Whether the editor still shows the old quantity: the first digit replaces it.
    pub fresh: bool,
}

impl Stock {
    /// Keeps the cursor inside a grid of `rows` × `cols`.
    pub fn clamp(&mut self, rows: usize, cols: usize) {
        self.row = self.row.min(rows.saturating_sub(1));
        self.col = self.col.min(cols.saturating_sub(1));
    }
}

/// The units of `offer` at the location `location_id` (none when it has no line).
pub fn cell<'a>(offer: &'a SellerOffer, location_id: &str) -> Option<&'a StockLine> {
    offer
        .stock
        .iter()
        .find(|line| line.location_id == location_id)
}

/// A key on the stock grid.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
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
            let (request, effect) = out.call(ApiCall::SetStock {
                offer_id: offer.id.clone(),
                body: StockRequest::level(location.id.clone(), quantity),
            });
            stock.pending = Some(request);
            return Some(effect);
        }
        _ => {}
    }
    None
}

/// The answer to a stock change.
pub fn saved(
    desk: &mut Desk,
    request: u64,
    offer_id: &str,
    result: Result<StockLine, ApiError>,
    out: &mut Out,
) {
    if desk.stock.pending != Some(request) {
        return;
    }
    desk.stock.pending = None;
    match result {
        Ok(line) => {
            desk.stock.editing = None;
            let location = desk
                .locations
                .items()
                .iter()
                .find(|l| l.id == line.location_id)
                .map_or_else(String::new, |l| l.name.clone());
            let offer = desk
                .offers
                .list
                .data
                .as_mut()
                .and_then(|page| page.items.iter_mut().find(|o| o.id == offer_id));
            let Some(offer) = offer else {
                return;
            };
            out.info(format!(
                "{} at {location}: {} in stock.",
                offer.title, line.quantity
            ));
            match offer
                .stock
                .iter_mut()
                .find(|l| l.location_id == line.location_id)
            {
                Some(old) => *old = line,
                None => offer.stock.push(line),
            }
        }
        Err(error) => out.error(format!("Stock not changed: {error}")),
    }
}
