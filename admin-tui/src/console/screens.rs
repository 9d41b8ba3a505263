//! The seller's screens: their state ([`Desk`]) and how keys and answers change it.
//!
//! - `dashboard`, `offers`, `stock`, `locations`, `shop`, `orders`, `cashback`, `disputes`,
//!   `payouts`, `till`: one module per screen (state and update; `disputes` also holds what the operator's screen shares).
//! - `offer_form`, `location_form`: building forms and turning them into requests.
//! - `offer_csv`: offers and stock as a spreadsheet file (read, written, diffed).
//! - `form`, `field`: the generic edit form and its fields; `money`: euros ↔ cents;
//!   `percent`: percent ↔ basis points; `dates`: typed dates → RFC 3339 UTC.
//! - `overlay`: the form or confirmation dialog over a screen, and its keys.
//! - `ops`: the operator screens (shop queue, reports, settings, audit log, campaigns,
//!   disputes).
//! - `remote`: data fetched from the server, the requests' bookkeeping ([`Out`]) and
//!   applying the answers.
//!
//! Everything here is pure: IO leaves as [`Effect`]s built through [`Out`].

pub mod cashback;
pub mod dashboard;
pub mod dates;
pub mod disputes;
pub mod field;
pub mod form;
pub mod location_form;
pub mod locations;
pub mod money;
pub mod offer_csv;
pub mod offer_form;
pub mod offers;
pub mod ops;
pub mod orders;
mod overlay;
pub mod payouts;
pub mod percent;
mod remote;
pub mod shop;
pub mod stock;
#[cfg(test)]
mod tests;
pub mod till;

use api_types::analytics::SellerDashboard;
use api_types::catalog::Category;
use api_types::selling::{SellerCashback, SellerPayouts, SellerShop};

pub use overlay::{Confirm, Confirmed, Overlay, form_edit};
pub use remote::{Out, Remote, apply as apply_answer};

use self::disputes::{DisputeFilter, Disputes};
use self::form::Form;
use self::locations::Locations;
use self::offers::Offers;
use self::orders::Orders;
use self::stock::Stock;
use self::till::Till;
use super::action::{Action, ApiCall, Effect};
use super::state::{Session, View};

/// The seller screens, in tab order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    /// The shop's figures: today's sales, open orders, pickups, stock, 30 days of revenue.
    #[default]
    Dashboard,
    /// The shop's offers.
    Offers,
    /// Quantities per offer and location.
    Stock,
    /// Warehouses and stores.
    Locations,
    /// The shop's profile.
    Shop,
    /// The shop's part of shoppers' orders: accept, ship, hand over, refund.
    Orders,
    /// The cashback boosts the shop funds, and the platform's campaigns on it.
    Cashback,
    /// Shoppers' disputes on the shop's orders: read them, answer the open ones.
    Disputes,
    /// What the shop earned: pending, payable and paid, from the ledger.
    Payouts,
    /// The till in a store: a shopper's handed-off cart, sold over the counter or
    /// ordered for them (the endless aisle).
    Till,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Self; 10] = [
        Self::Dashboard,
        Self::Offers,
        Self::Stock,
        Self::Locations,
        Self::Shop,
        Self::Orders,
        Self::Cashback,
        Self::Disputes,
        Self::Payouts,
        Self::Till,
    ];

    /// The tab's name.
    pub fn title(self) -> &'static str {
        match self {
            Self::Dashboard => "Dashboard",
            Self::Offers => "Offers",
            Self::Stock => "Stock",
            Self::Locations => "Locations",
            Self::Shop => "Shop",
            Self::Orders => "Orders",
            Self::Cashback => "Cashback",
            Self::Disputes => "Disputes",
            Self::Payouts => "Payouts",
            Self::Till => "Till",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }

    /// The tab after this one (wrapping).
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    /// The tab before this one (wrapping).
    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The state of the seller screens (and of the shop application form).
#[derive(Debug, Clone, PartialEq)]
pub struct Desk {
    /// The screen on show.
    pub tab: Tab,
    /// `GET /seller/shop`.
    pub shop: Remote<SellerShop>,
    /// `GET /seller/dashboard`.
    pub dashboard: Remote<SellerDashboard>,
    /// The offers screen.
    pub offers: Offers,
    /// The stock grid.
    pub stock: Stock,
    /// The locations screen.
    pub locations: Locations,
    /// The orders screen.
    pub orders: Orders,
    /// `GET /seller/cashback`.
    pub cashback: Remote<SellerCashback>,
    /// `GET /seller/disputes`: every dispute at first, the decided ones say how it ended.
    pub disputes: Disputes,
    /// `GET /seller/payouts`.
    pub payouts: Remote<SellerPayouts>,
    /// The till.
    pub till: Till,
    /// `GET /categories`, for the category picker.
    pub categories: Remote<Vec<Category>>,
    /// A form or dialog over the screen.
    pub overlay: Option<Overlay>,
    /// The "open a shop" form, for a shopper without a shop.
    pub open_shop: Form,
}

impl Default for Desk {
    fn default() -> Self {
        Self {
            tab: Tab::Dashboard,
            shop: Remote::default(),
            dashboard: Remote::default(),
            offers: Offers::default(),
            stock: Stock::default(),
            locations: Locations::default(),
            orders: Orders::default(),
            cashback: Remote::default(),
            disputes: Disputes::with_filter(DisputeFilter::All),
            payouts: Remote::default(),
            till: Till::default(),
            categories: Remote::default(),
            overlay: None,
            open_shop: shop::open_shop_form(),
        }
    }
}

impl Desk {
    /// The categories loaded so far (none before `GET /categories` answered).
    pub fn category_list(&self) -> &[Category] {
        self.categories.data.as_deref().unwrap_or_default()
    }
}

/// Loads everything the seller screens show: shop, dashboard, offers, locations,
/// categories, orders, the count of orders to handle, the cashback boosts, the disputes and
/// the payouts.
pub fn load_all(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, shop) = out.call(ApiCall::GetShop);
    desk.shop.start(request);
    let (request, categories) = out.call(ApiCall::ListCategories);
    desk.categories.start(request);
    Effect::Batch(vec![
        shop,
        dashboard::load(desk, out),
        offers::load(desk, out),
        locations::load(desk, out),
        categories,
        orders::load(desk, out),
        orders::count(desk, out),
        cashback::load(desk, out),
        stock::low::load(desk, out),
        disputes::load(desk, out),
        payouts::load(desk, out),
    ])
}

/// Reloads what the current seller screen shows (`r`).
pub fn reload(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    match desk.tab {
        Tab::Dashboard => Some(load_all(desk, out)),
        Tab::Offers => Some(offers::load(desk, out)),
        Tab::Stock => Some(Effect::Batch(vec![
            offers::load(desk, out),
            locations::load(desk, out),
            stock::low::load(desk, out),
        ])),
        Tab::Locations => Some(locations::load(desk, out)),
        Tab::Shop => {
            let (request, effect) = out.call(ApiCall::GetShop);
            desk.shop.start(request);
            Some(effect)
        }
        Tab::Orders => Some(Effect::Batch(vec![
            orders::load(desk, out),
            orders::count(desk, out),
        ])),
        Tab::Cashback => Some(cashback::load(desk, out)),
        Tab::Disputes => Some(disputes::load(desk, out)),
        Tab::Payouts => Some(payouts::load(desk, out)),
        Tab::Till => Some(till::reload(desk, out)),
    }
}

/// The poll timer fired: the seller screens ask for the orders again in the background
/// (nothing else polls), whatever screen, form or dialog is open.
pub fn poll(session: &mut Session, out: &mut Out) -> Option<Effect> {
    match session.view() {
        View::Desk => orders::poll(&mut session.desk, out),
        View::Operator | View::OpenShop | View::Checking | View::Welcome => None,
    }
}

/// Applies a key's `action` to the signed-in `session` (answers go to [`apply_answer`]).
pub fn update(session: &mut Session, action: Action, out: &mut Out) -> Option<Effect> {
    match session.view() {
        View::OpenShop => shop::open_shop_key(&mut session.desk, action, out),
        View::Desk => desk_key(&mut session.desk, action, out),
        View::Operator => ops::key(&mut session.ops, action, out),
        View::Checking | View::Welcome => None,
    }
}

fn desk_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let effect = desk_key_beneath(desk, action, out);
    // An import's report waits for the form or dialog over the screen to close.
    offers::spreadsheet::show_unread(desk);
    effect
}

fn desk_key_beneath(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    match desk.overlay {
        Some(Overlay::Form(_)) => return overlay::form_key(desk, action, out),
        Some(Overlay::Confirm(_)) => return overlay::confirm_key(desk, action, out),
        Some(Overlay::Report(_)) => return offers::spreadsheet::report_key(desk, action, out),
        None => {}
    }
    if desk.tab == Tab::Stock && desk.stock.history.is_some() {
        // The movements pane takes every key until it is closed.
        return stock::key(desk, action, out);
    }
    let tab = match action {
        Action::SwitchTab(tab) => tab,
        Action::NextTab => desk.tab.next(),
        Action::PrevTab => desk.tab.prev(),
        Action::Refresh => {
            out.clear_notice();
            return reload(desk, out);
        }
        action => {
            return match desk.tab {
                Tab::Offers => offers::key(desk, action, out),
                Tab::Stock => stock::key(desk, action, out),
                Tab::Locations => locations::key(desk, action, out),
                Tab::Orders => orders::key(desk, action, out),
                Tab::Cashback => cashback::key(desk, action, out),
                Tab::Disputes => disputes::key(desk, action, out),
                Tab::Till => till::key(desk, action, out),
                Tab::Dashboard | Tab::Shop | Tab::Payouts => None,
            };
        }
    };
    if desk.tab == Tab::Orders && tab != Tab::Orders {
        // The new rows were on show: they are seen.
        desk.orders.fresh.clear();
    }
    if tab == Tab::Orders {
        desk.orders.badge = 0;
    }
    let entered = desk.tab != tab;
    desk.tab = tab;
    out.clear_notice();
    desk.offers.searching = false;
    desk.stock.editing = None;
    if !entered {
        return None;
    }
    // Screens whose figures change by other people's hands (shoppers open disputes,
    // operators pay out) ask again when entered; orders have their poll instead.
    match tab {
        Tab::Dashboard => Some(dashboard::load(desk, out)),
        Tab::Disputes => Some(disputes::load(desk, out)),
        Tab::Payouts => Some(payouts::load(desk, out)),
        _ => None,
    }
}
