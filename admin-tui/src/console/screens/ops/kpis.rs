//! The platform's figures (`GET /operator/kpis?days=`): GMV, orders, shops, the funnel,
//! GMV per day and every trading shop's quality, over 7, 30 or 90 days. The shops table
//! is sorted here (the server sends it worst first) and scrolled with the selection.

use api_types::analytics::{PlatformKpis, ShopQuality};

use super::{Ops, step};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::screens::Out;
use crate::console::screens::Remote;

/// The periods `p` cycles through, in days.
pub const PERIODS: [u32; 3] = [7, 30, 90];

/// Rows PgUp and PgDn move the selection by.
const PAGE: usize = 10;

/// How the shops table is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShopSort {
    /// As the server ranks them: most late and slow first, then most orders.
    #[default]
    Worst,
    /// Most orders first.
    Orders,
    /// Highest GMV first.
    Gmv,
    /// Highest share of late shipments first.
    Late,
    /// Highest share of slow pickups first.
    Slow,
    /// Most disputes first.
    Disputes,
    /// By name, A to Z.
    Name,
}

impl ShopSort {
    /// The order `s` switches to.
    pub fn next(self) -> Self {
        match self {
            Self::Worst => Self::Orders,
            Self::Orders => Self::Gmv,
            Self::Gmv => Self::Late,
            Self::Late => Self::Slow,
            Self::Slow => Self::Disputes,
            Self::Disputes => Self::Name,
            Self::Name => Self::Worst,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Worst => "worst first",
            Self::Orders => "most orders",
            Self::Gmv => "highest GMV",
            Self::Late => "most late shipments",
            Self::Slow => "most slow pickups",
            Self::Disputes => "most disputes",
            Self::Name => "name",
        }
    }
}

/// The KPIs screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpis {
    /// `GET /operator/kpis?days=`.
    pub report: Remote<PlatformKpis>,
    /// The index of the period in [`PERIODS`].
    pub period: usize,
    /// The selected row of the shops table, as sorted.
    pub selected: usize,
    /// The order of the shops table.
    pub sort: ShopSort,
}

impl Default for Kpis {
    fn default() -> Self {
        Self {
            report: Remote::default(),
            // A month: long enough to mean something, short enough to move.
            period: 1,
            selected: 0,
            sort: ShopSort::default(),
        }
    }
}

impl Kpis {
    /// The period asked for, in days.
    pub fn days(&self) -> u32 {
        PERIODS.get(self.period).copied().unwrap_or(30)
    }

    /// The shops of the report, in the chosen order.
    pub fn shops(&self) -> Vec<&ShopQuality> {
        let mut shops: Vec<&ShopQuality> = self
            .report
            .data
            .iter()
            .flat_map(|report| report.shops.iter())
            .collect();
        // Rates without a figure (nothing to divide by) sort after every real one.
        let rate = |bps: Option<u32>| std::cmp::Reverse(bps.map_or(-1, i64::from));
        match self.sort {
            ShopSort::Worst => {}
            ShopSort::Orders => shops.sort_by_key(|shop| std::cmp::Reverse(shop.orders)),
            ShopSort::Gmv => shops.sort_by_key(|shop| std::cmp::Reverse(shop.gmv_cents)),
            ShopSort::Late => shops.sort_by_key(|shop| rate(shop.late_shipment_rate_bps)),
            ShopSort::Slow => shops.sort_by_key(|shop| rate(shop.slow_pickup_rate_bps)),
            ShopSort::Disputes => shops.sort_by_key(|shop| std::cmp::Reverse(shop.disputes)),
            ShopSort::Name => shops.sort_by_cached_key(|shop| shop.shop_name.to_lowercase()),
        }
        shops
    }

    /// The selected shop, if the report has any.
    pub fn selected_shop(&self) -> Option<&ShopQuality> {
        self.shops().get(self.selected).copied()
    }
}

/// Asks for the figures of the period chosen.
pub fn load(ops: &mut Ops, out: &mut Out) -> Effect {
    let days = ops.kpis.days();
    let (request, effect) = out.call(ApiCall::PlatformKpis { days });
    ops.kpis.report.start(request);
    effect
}

/// The answer to [`load`] (an answer to an older request, or another period, is dropped).
pub fn loaded(ops: &mut Ops, request: u64, result: Result<PlatformKpis, ApiError>) {
    let kpis = &mut ops.kpis;
    if kpis.report.accept(request, result) {
        kpis.selected = kpis.selected.min(kpis.shops().len().saturating_sub(1));
    }
}

/// A key on the KPIs screen: move in the shops table, sort it, change the period.
pub fn key(ops: &mut Ops, action: Action, out: &mut Out) -> Option<Effect> {
    let kpis = &mut ops.kpis;
    let len = kpis.shops().len();
    match action {
        Action::Down | Action::Up => step(&mut kpis.selected, len, action == Action::Down),
        Action::PageDown => kpis.selected = (kpis.selected + PAGE).min(len.saturating_sub(1)),
        Action::PageUp => kpis.selected = kpis.selected.saturating_sub(PAGE),
        Action::CycleSort => {
            kpis.sort = kpis.sort.next();
            kpis.selected = 0;
        }
        Action::NextFilter | Action::PrevFilter => {
            let count = PERIODS.len();
            let forward = action == Action::NextFilter;
            kpis.period = (kpis.period + if forward { 1 } else { count - 1 }) % count;
            kpis.selected = 0;
            return Some(load(ops, out));
        }
        _ => {}
    }
    None
}
