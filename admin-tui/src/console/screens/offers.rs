//! The offers screen: one page of the shop's offers, filtered and sorted here, with
//! keys to list, edit, publish, delete and boost their cashback, and to import or export
//! every offer and its stock as a CSV file (`spreadsheet`).

mod answers;
#[cfg(test)]
mod form_tests;
pub mod spreadsheet;
#[cfg(test)]
mod tests;

use api_types::ListResponse;
use api_types::selling::SellerOffer;

pub use answers::{deleted, loaded, saved};

use super::{Confirm, Confirmed, Desk, Out, Overlay, Remote, cashback, offer_form};
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::state::Loading;

/// Offers asked per page.
pub const PER_PAGE: u64 = 20;

/// How the loaded page is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// As the server listed them.
    #[default]
    Listed,
    /// By title, A to Z.
    Title,
    /// Cheapest first.
    Price,
    /// Fewest units first.
    Stock,
}

impl Sort {
    /// The next order `s` switches to.
    pub fn next(self) -> Self {
        match self {
            Self::Listed => Self::Title,
            Self::Title => Self::Price,
            Self::Price => Self::Stock,
            Self::Stock => Self::Listed,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Listed => "as listed",
            Self::Title => "title",
            Self::Price => "price",
            Self::Stock => "stock",
        }
    }
}

/// The offers screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Offers {
    /// The page shown.
    pub list: Remote<ListResponse<SellerOffer>>,
    /// The page shown or being loaded (from 1; 0 before the first load).
    pub page: u64,
    /// The index of the selected row among the visible ones.
    pub selected: usize,
    /// The search filter (title or GTIN).
    pub filter: String,
    /// Whether keys type into the filter.
    pub searching: bool,
    /// The order of the rows.
    pub sort: Sort,
    /// The CSV import or export under way, and the last file named.
    pub spreadsheet: spreadsheet::Spreadsheet,
}

/// Every unit of `offer`, across locations.
pub fn total_stock(offer: &SellerOffer) -> u64 {
    offer
        .stock
        .iter()
        .map(|line| u64::from(line.quantity))
        .sum()
}

impl Offers {
    /// The loaded offers matching the filter, in the chosen order.
    pub fn visible(&self) -> Vec<&SellerOffer> {
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<&SellerOffer> = self
            .list
            .data
            .iter()
            .flat_map(|page| page.items.iter())
            .filter(|offer| {
                needle.is_empty()
                    || offer.title.to_lowercase().contains(&needle)
                    || offer.gtin.contains(&needle)
            })
            .collect();
        match self.sort {
            Sort::Listed => {}
            Sort::Title => rows.sort_by_cached_key(|offer| offer.title.to_lowercase()),
            Sort::Price => rows.sort_by_key(|offer| offer.price_cents),
            Sort::Stock => rows.sort_by_key(|offer| total_stock(offer)),
        }
        rows
    }

    /// The selected offer, if any is visible.
    pub fn selected_offer(&self) -> Option<&SellerOffer> {
        self.visible().get(self.selected).copied()
    }

    /// How many offers the shop has (all pages).
    pub fn total(&self) -> Option<u64> {
        self.list.data.as_ref().map(|page| page.total)
    }

    /// How many pages there are (at least 1).
    pub fn pages(&self) -> u64 {
        self.total().unwrap_or(0).div_ceil(PER_PAGE).max(1)
    }

    /// Keeps the selection on a visible row.
    pub fn clamp(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    fn items_mut(&mut self) -> Option<&mut Vec<SellerOffer>> {
        self.list.data.as_mut().map(|page| &mut page.items)
    }
}

/// Loads the offers page the screen is on (page 1 at first).
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let offers = &mut desk.offers;
    offers.page = offers.page.max(1);
    let (request, effect) = out.call(ApiCall::ListOffers {
        page: offers.page,
        per_page: PER_PAGE,
    });
    offers.list.start(request);
    effect
}

/// A key on the offers screen.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    if desk.offers.searching {
        return search_key(&mut desk.offers, action);
    }
    let offers = &mut desk.offers;
    match action {
        Action::Down => {
            offers.selected = (offers.selected + 1).min(offers.visible().len().saturating_sub(1))
        }
        Action::Up => offers.selected = offers.selected.saturating_sub(1),
        Action::PageDown | Action::PageUp => {
            return turn_page(desk, action == Action::PageDown, out);
        }
        Action::Search => offers.searching = true,
        Action::CycleSort => {
            offers.sort = offers.sort.next();
            offers.selected = 0;
        }
        Action::New => desk.overlay = Some(Overlay::Form(offer_form::new_offer())),
        Action::Edit => {
            let form = offers.selected_offer().map(offer_form::edit_offer)?;
            desk.overlay = Some(Overlay::Form(form));
        }
        Action::TogglePublish => return toggle_publish(offers, out),
        Action::Boost => cashback::open_offer_boost(desk, out),
        Action::ImportCsv => spreadsheet::open(desk, spreadsheet::CsvKind::Import, out),
        Action::ExportCsv => spreadsheet::open(desk, spreadsheet::CsvKind::Export, out),
        Action::Delete => {
            let offer = offers.selected_offer()?;
            desk.overlay = Some(Overlay::Confirm(Confirm {
                title: "Delete offer",
                message: format!(
                    "Delete “{}”? It is withdrawn from sale for good.",
                    offer.title
                ),
                then: Confirmed::DeleteOffer {
                    id: offer.id.clone(),
                    title: offer.title.clone(),
                },
            }));
        }
        _ => {}
    }
    None
}

/// Moves to the next or previous page (PgDn/PgUp), also from the stock grid.
pub fn turn_page(desk: &mut Desk, forward: bool, out: &mut Out) -> Option<Effect> {
    let offers = &mut desk.offers;
    let page = offers.page.max(1);
    let target = if forward {
        page + 1
    } else {
        page.saturating_sub(1)
    };
    if target < 1 || target > offers.pages() || offers.list.load == Loading::Loading {
        return None;
    }
    offers.page = target;
    offers.selected = 0;
    desk.stock.row = 0;
    Some(load(desk, out))
}

fn search_key(offers: &mut Offers, action: Action) -> Option<Effect> {
    match action {
        Action::Input(c) if !c.is_control() => offers.filter.push(c),
        Action::Paste(text) => offers
            .filter
            .extend(text.chars().filter(|c| !c.is_control())),
        Action::Backspace => {
            offers.filter.pop();
        }
        Action::ClearField => offers.filter.clear(),
        Action::Submit => offers.searching = false,
        Action::Cancel => {
            offers.filter.clear();
            offers.searching = false;
        }
        _ => return None,
    }
    offers.selected = 0;
    None
}

fn toggle_publish(offers: &mut Offers, out: &mut Out) -> Option<Effect> {
    let offer = offers.selected_offer()?;
    let status = match offer.status.as_str() {
        "taken_down" => {
            out.error(format!(
                "An operator took “{}” down; it cannot be published.",
                offer.title
            ));
            return None;
        }
        "active" => "inactive",
        _ => "active",
    };
    let call = ApiCall::UpdateOffer {
        id: offer.id.clone(),
        body: offer_form::request_from(offer, Some(status.to_owned())),
    };
    let verb = if status == "active" {
        "Publishing"
    } else {
        "Unpublishing"
    };
    out.info(format!("{verb} “{}”…", offer.title));
    Some(out.call(call).1)
}
