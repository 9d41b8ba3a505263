//! [`Context`]: where a key press lands, and which bindings apply there.

use crate::console::screens::ops::OpsTab;
use crate::console::screens::{Overlay, Tab};
use crate::console::state::{Screen, State, View};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// On every screen, unless the screen's own binding takes the key.
    Global,
    /// On the sign-in form. Other printable keys type into the focused field.
    Login,
    /// On the signed-in console.
    Console,
    /// On every seller screen (the dashboard and the shop profile have no keys of their own).
    Seller,
    /// On the offers table.
    Offers,
    /// On the stock grid.
    Stock,
    /// On the locations table.
    Locations,
    /// On the orders list.
    Orders,
    /// On the shop's cashback boosts.
    Cashback,
    /// On the shop's disputes.
    Disputes,
    /// On the shop's payouts.
    Payouts,
    /// At the till, a cart on show.
    Till,
    /// At the till, typing (or scanning) a code. Other printable keys type into it.
    TillCode,
    /// While typing the offers filter.
    Search,
    /// While typing a stock quantity.
    CellEdit,
    /// While a stock cell's movements are open.
    StockHistory,
    /// In an edit form.
    Form,
    /// On the "open a shop" form.
    OpenShop,
    /// In a confirmation dialog.
    Confirm,
    /// In the report of a CSV import.
    Report,
    /// While the help overlay is open.
    Help,
    /// On every operator screen.
    Operator,
    /// On the shop queue.
    OpsShops,
    /// On the moderation queue.
    OpsReports,
    /// On the settings screen.
    OpsSettings,
    /// On the audit log.
    OpsAudit,
    /// On the cashback campaigns.
    OpsCampaigns,
    /// On the operator's disputes.
    OpsDisputes,
    /// On the platform's KPIs.
    OpsKpis,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Self; 29] = [
        Self::Global,
        Self::Login,
        Self::Console,
        Self::Seller,
        Self::Offers,
        Self::Stock,
        Self::Locations,
        Self::Orders,
        Self::Cashback,
        Self::Disputes,
        Self::Payouts,
        Self::Till,
        Self::TillCode,
        Self::Search,
        Self::CellEdit,
        Self::StockHistory,
        Self::Form,
        Self::OpenShop,
        Self::Confirm,
        Self::Report,
        Self::Help,
        Self::Operator,
        Self::OpsShops,
        Self::OpsReports,
        Self::OpsSettings,
        Self::OpsAudit,
        Self::OpsCampaigns,
        Self::OpsDisputes,
        Self::OpsKpis,
    ];

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Login => "Sign-in form",
            Self::Console => "Console",
            Self::Seller => "Seller screens",
            Self::Offers => "Offers",
            Self::Stock => "Stock",
            Self::Locations => "Locations",
            Self::Orders => "Orders",
            Self::Cashback => "Cashback",
            Self::Disputes | Self::OpsDisputes => "Disputes",
            Self::Payouts => "Payouts",
            Self::Till => "Till",
            Self::TillCode => "Till: the shopper's code",
            Self::Search => "Searching offers",
            Self::CellEdit => "Typing a quantity",
            Self::StockHistory => "Stock movements",
            Self::Form => "Form",
            Self::OpenShop => "Open a shop",
            Self::Confirm => "Confirmation",
            Self::Report => "Import report",
            Self::Help => "This help",
            Self::Operator => "Operator screens",
            Self::OpsShops => "Shops",
            Self::OpsReports => "Reports",
            Self::OpsSettings => "Settings",
            Self::OpsAudit => "Audit log",
            Self::OpsCampaigns => "Campaigns",
            Self::OpsKpis => "KPIs",
        }
    }

    /// The contexts whose bindings also apply here, most specific first.
    pub fn fallbacks(self) -> &'static [Self] {
        match self {
            Self::Global => &[],
            Self::Seller | Self::Operator => &[Self::Console, Self::Global],
            Self::OpsShops
            | Self::OpsReports
            | Self::OpsSettings
            | Self::OpsAudit
            | Self::OpsCampaigns
            | Self::OpsDisputes
            | Self::OpsKpis => &[Self::Operator, Self::Console, Self::Global],
            Self::Offers
            | Self::Stock
            | Self::Locations
            | Self::Orders
            | Self::Cashback
            | Self::Disputes
            | Self::Payouts
            | Self::Till => &[Self::Seller, Self::Console, Self::Global],
            Self::Login
            | Self::Console
            | Self::Search
            | Self::CellEdit
            | Self::StockHistory
            | Self::Form
            | Self::OpenShop
            | Self::Confirm
            | Self::Report
            | Self::Help
            | Self::TillCode => &[Self::Global],
        }
    }

    /// This context, then its fallbacks.
    pub fn chain(self) -> impl Iterator<Item = Self> {
        std::iter::once(self).chain(self.fallbacks().iter().copied())
    }

    /// Whether printable keys with no binding type text here.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Self::Login
                | Self::Search
                | Self::CellEdit
                | Self::Form
                | Self::OpenShop
                | Self::TillCode
        )
    }

    /// The context the console is in.
    pub fn of(state: &State) -> Self {
        if state.help_visible {
            Self::Help
        } else {
            Self::beneath(state)
        }
    }

    /// The context of the screen, ignoring the help overlay (what the help describes).
    pub fn beneath(state: &State) -> Self {
        let session = match &state.screen {
            Screen::Login(_) => return Self::Login,
            Screen::Console(session) => session,
        };
        match session.view() {
            View::Checking | View::Welcome => return Self::Console,
            View::OpenShop => return Self::OpenShop,
            View::Operator => {
                let ops = &session.ops;
                return match (&ops.overlay, ops.tab) {
                    (Some(Overlay::Form(_)), _) => Self::Form,
                    (Some(Overlay::Confirm(_)), _) => Self::Confirm,
                    (Some(Overlay::Report(_)), _) => Self::Report,
                    (None, OpsTab::Shops) => Self::OpsShops,
                    (None, OpsTab::Reports) => Self::OpsReports,
                    (None, OpsTab::Settings) => Self::OpsSettings,
                    (None, OpsTab::Audit) => Self::OpsAudit,
                    (None, OpsTab::Campaigns) => Self::OpsCampaigns,
                    (None, OpsTab::Disputes) => Self::OpsDisputes,
                    (None, OpsTab::Kpis) => Self::OpsKpis,
                };
            }
            View::Desk => {}
        }
        let desk = &session.desk;
        match (&desk.overlay, desk.tab) {
            (Some(Overlay::Form(_)), _) => Self::Form,
            (Some(Overlay::Confirm(_)), _) => Self::Confirm,
            (Some(Overlay::Report(_)), _) => Self::Report,
            (None, Tab::Dashboard | Tab::Shop) => Self::Seller,
            (None, Tab::Offers) if desk.offers.searching => Self::Search,
            (None, Tab::Offers) => Self::Offers,
            (None, Tab::Stock) if desk.stock.history.is_some() => Self::StockHistory,
            (None, Tab::Stock) if desk.stock.editing.is_some() => Self::CellEdit,
            (None, Tab::Stock) => Self::Stock,
            (None, Tab::Locations) => Self::Locations,
            (None, Tab::Orders) => Self::Orders,
            (None, Tab::Cashback) => Self::Cashback,
            (None, Tab::Disputes) => Self::Disputes,
            (None, Tab::Payouts) => Self::Payouts,
            (None, Tab::Till) if desk.till.shown().is_none() => Self::TillCode,
            (None, Tab::Till) => Self::Till,
        }
    }
}
