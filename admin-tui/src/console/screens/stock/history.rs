//! The movements pane: what changed the selected cell's stock (receipts, sales,
//! reservations, transfers…), newest first, a page at a time.

use api_types::ListResponse;
use api_types::selling::StockMovement;

use super::StockVerb;
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::screens::{Desk, Out, Remote};
use crate::console::state::Loading;

/// Movements asked per page.
pub const PER_PAGE: u64 = 20;

/// The movements of one offer at one location.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The offer.
    pub offer_id: String,
    /// Its title, shown.
    pub title: String,
    /// The location.
    pub location_id: String,
    /// Its name, shown.
    pub location_name: String,
    /// The page shown.
    pub list: Remote<ListResponse<StockMovement>>,
    /// The page shown or being loaded (from 1).
    pub page: u64,
    /// The index of the selected row (its note and order are shown in full).
    pub selected: usize,
}

impl History {
    /// The loaded movements (none before the first answer).
    pub fn items(&self) -> &[StockMovement] {
        self.list
            .data
            .as_ref()
            .map_or(&[], |page| page.items.as_slice())
    }

    /// The selected movement, if any.
    pub fn selected_movement(&self) -> Option<&StockMovement> {
        self.items().get(self.selected)
    }

    /// How many pages there are (at least 1).
    pub fn pages(&self) -> u64 {
        self.list
            .data
            .as_ref()
            .map_or(0, |page| page.total)
            .div_ceil(PER_PAGE)
            .max(1)
    }
}

/// `H` on a cell: opens its movements and asks for the first page.
pub fn open(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let offer = desk.offers.visible().get(desk.stock.row).copied()?;
    let location = desk.locations.items().get(desk.stock.col)?;
    let mut history = History {
        offer_id: offer.id.clone(),
        title: offer.title.clone(),
        location_id: location.id.clone(),
        location_name: location.name.clone(),
        list: Remote::default(),
        page: 1,
        selected: 0,
    };
    let effect = load(&mut history, out);
    desk.stock.history = Some(history);
    Some(effect)
}

fn load(history: &mut History, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::StockMovements {
        offer_id: history.offer_id.clone(),
        location_id: history.location_id.clone(),
        page: history.page,
        per_page: PER_PAGE,
    });
    history.list.start(request);
    effect
}

/// A key while the movements are open: move, turn pages, reload, close.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let history = desk.stock.history.as_mut()?;
    let last = history.items().len().saturating_sub(1);
    match action {
        Action::Cancel | Action::Stock(StockVerb::History) => desk.stock.history = None,
        Action::Down => history.selected = (history.selected + 1).min(last),
        Action::Up => history.selected = history.selected.saturating_sub(1),
        Action::PageDown | Action::PageUp => {
            let target = if action == Action::PageDown {
                history.page + 1
            } else {
                history.page.saturating_sub(1)
            };
            if target < 1 || target > history.pages() || history.list.load == Loading::Loading {
                return None;
            }
            history.page = target;
            history.selected = 0;
            return Some(load(history, out));
        }
        Action::Refresh => {
            out.clear_notice();
            return Some(load(history, out));
        }
        _ => {}
    }
    None
}

/// The answer to a page of movements (dropped when the pane was closed or moved on).
pub fn loaded(
    desk: &mut Desk,
    request: u64,
    result: Result<ListResponse<StockMovement>, ApiError>,
) {
    if let Some(history) = desk.stock.history.as_mut()
        && history.list.accept(request, result)
    {
        history.selected = history
            .selected
            .min(history.items().len().saturating_sub(1));
    }
}
