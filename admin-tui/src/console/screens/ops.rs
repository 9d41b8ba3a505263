//! The operator screens: the shop queue, the moderation queue (reports and offers held
//! for review), the platform settings, the audit log, the cashback campaigns, the
//! disputes and the KPIs. Their state ([`Ops`]) and how keys and answers change it; pure,
//! like the seller screens.
//!
//! - `decide`: a decision on a shop or offer ([`Decision`]): reason form, confirmation,
//!   request, answer.
//! - `settings`: the settings form, checked here, then by the server field by field.
//! - `campaigns`: the campaign form, and ending a campaign (reason, confirmation).
//! - `disputes`: shoppers' disputes, and refunding or rejecting one (amount, reason,
//!   confirmation).
//! - `payouts`: paying a shop its payable balance (optional reason, confirmation).
//! - `kpis`: the platform's figures and every trading shop's quality, over a period.

#[cfg(test)]
mod campaign_tests;
pub mod campaigns;
mod decide;
#[cfg(test)]
mod dispute_tests;
pub mod disputes;
#[cfg(test)]
mod kpi_tests;
pub mod kpis;
#[cfg(test)]
mod payout_tests;
mod payouts;
mod settings;
#[cfg(test)]
mod tests;

use api_types::ListResponse;
use api_types::catalog::{Category, ShopCard};
use api_types::operating::{
    AuditEntry, AuditQuery, Campaign, OperatorShop, ReportCase, SettingsResponse,
};

pub use decide::{Decision, DecisionConfirm, confirmed as decision_confirmed};
pub use disputes::DisputeConfirm;
pub use kpis::Kpis;

use super::disputes::Disputes;
use super::{Out, Overlay, Remote, form_edit};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::screens::form::FormKind;
use crate::console::state::Loading;

/// Rows asked per page.
pub const PER_PAGE: u64 = 20;

/// What `f` cycles through on the shop queue: applications first.
pub const SHOP_FILTERS: [Option<&str>; 5] = [
    Some("pending"),
    Some("approved"),
    Some("suspended"),
    Some("rejected"),
    None,
];

/// What `f` cycles through on the audit log.
pub const AUDIT_FILTERS: [Option<&str>; 11] = [
    None,
    Some("shop.approve"),
    Some("shop.reject"),
    Some("shop.suspend"),
    Some("shop.reinstate"),
    Some("offer.takedown"),
    Some("offer.clear"),
    Some("settings.update"),
    Some("campaign.create"),
    Some("campaign.end"),
    Some("campaign.withdraw"),
];

/// The operator screens, in tab order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OpsTab {
    /// Applications and every shop by status.
    #[default]
    Shops,
    /// Reported offers and offers held for review.
    Reports,
    /// Commission, cashback, return window, pickup hold.
    Settings,
    /// Every operator action.
    Audit,
    /// Cashback campaigns: extra cashback on a shop or a category for a while.
    Campaigns,
    /// Shoppers' disputes: refund or reject.
    Disputes,
    /// The platform's figures and each shop's quality.
    Kpis,
}

impl OpsTab {
    /// Every tab, in order.
    pub const ALL: [Self; 7] = [
        Self::Shops,
        Self::Reports,
        Self::Settings,
        Self::Audit,
        Self::Campaigns,
        Self::Disputes,
        Self::Kpis,
    ];

    /// The tab's name.
    pub fn title(self) -> &'static str {
        match self {
            Self::Shops => "Shops",
            Self::Reports => "Reports",
            Self::Settings => "Settings",
            Self::Audit => "Audit log",
            Self::Campaigns => "Campaigns",
            Self::Disputes => "Disputes",
            Self::Kpis => "KPIs",
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

/// The state of the operator screens.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ops {
    /// The screen on show.
    pub tab: OpsTab,
    /// `GET /operator/shops`.
    pub shops: Remote<ListResponse<OperatorShop>>,
    /// The index of the status filter in [`SHOP_FILTERS`].
    pub shop_filter: usize,
    /// The shop page (from 1).
    pub shop_page: u64,
    /// The selected shop row.
    pub shop_selected: usize,
    /// `GET /operator/reports`.
    pub reports: Remote<ListResponse<ReportCase>>,
    /// The selected report row.
    pub report_selected: usize,
    /// `GET /operator/settings`.
    pub settings: Remote<SettingsResponse>,
    /// `GET /operator/audit`.
    pub audit: Remote<ListResponse<AuditEntry>>,
    /// The index of the action filter in [`AUDIT_FILTERS`].
    pub audit_filter: usize,
    /// The audit page (from 1).
    pub audit_page: u64,
    /// The selected audit row.
    pub audit_selected: usize,
    /// `GET /operator/campaigns`.
    pub campaigns: Remote<ListResponse<Campaign>>,
    /// The selected campaign row.
    pub campaign_selected: usize,
    /// `GET /categories`, for the campaign form's category picker.
    pub categories: Remote<Vec<Category>>,
    /// `GET /shops`: the approved shops, so a campaign's shop can be named by its slug.
    pub approved: Remote<Vec<ShopCard>>,
    /// `GET /operator/disputes`, open ones first shown.
    pub disputes: Disputes,
    /// `GET /operator/kpis`.
    pub kpis: Kpis,
    /// A form or dialog over the screen.
    pub overlay: Option<Overlay>,
}

fn items<T>(remote: &Remote<ListResponse<T>>) -> &[T] {
    remote
        .data
        .as_ref()
        .map_or(&[], |page| page.items.as_slice())
}

fn pages<T>(remote: &Remote<ListResponse<T>>) -> u64 {
    remote
        .data
        .as_ref()
        .map_or(0, |page| page.total)
        .div_ceil(PER_PAGE)
        .max(1)
}

impl Ops {
    /// The loaded shops.
    pub fn shop_items(&self) -> &[OperatorShop] {
        items(&self.shops)
    }

    /// The selected shop.
    pub fn selected_shop(&self) -> Option<&OperatorShop> {
        self.shop_items().get(self.shop_selected)
    }

    /// The loaded moderation cases.
    pub fn report_items(&self) -> &[ReportCase] {
        items(&self.reports)
    }

    /// The selected case.
    pub fn selected_report(&self) -> Option<&ReportCase> {
        self.report_items().get(self.report_selected)
    }

    /// The loaded audit rows.
    pub fn audit_items(&self) -> &[AuditEntry] {
        items(&self.audit)
    }

    /// The selected audit row.
    pub fn selected_audit(&self) -> Option<&AuditEntry> {
        self.audit_items().get(self.audit_selected)
    }

    /// The loaded campaigns.
    pub fn campaign_items(&self) -> &[Campaign] {
        items(&self.campaigns)
    }

    /// The selected campaign.
    pub fn selected_campaign(&self) -> Option<&Campaign> {
        self.campaign_items().get(self.campaign_selected)
    }

    /// The categories loaded so far (none before `GET /categories` answered).
    pub fn category_list(&self) -> &[Category] {
        self.categories.data.as_deref().unwrap_or_default()
    }

    /// The shop status shown, or `None` for every shop.
    pub fn shop_status_filter(&self) -> Option<&'static str> {
        SHOP_FILTERS.get(self.shop_filter).copied().flatten()
    }

    /// The audit action shown, or `None` for every action.
    pub fn audit_action_filter(&self) -> Option<&'static str> {
        AUDIT_FILTERS.get(self.audit_filter).copied().flatten()
    }

    /// How many pages of shops there are.
    pub fn shop_pages(&self) -> u64 {
        pages(&self.shops)
    }

    /// How many pages of audit rows there are.
    pub fn audit_pages(&self) -> u64 {
        pages(&self.audit)
    }
}

/// Asks for the shop queue with the current filter and page.
pub fn load_shops(ops: &mut Ops, out: &mut Out) -> Effect {
    ops.shop_page = ops.shop_page.max(1);
    let (request, effect) = out.call(ApiCall::ShopQueue {
        status: ops.shop_status_filter().map(str::to_owned),
        page: ops.shop_page,
    });
    ops.shops.start(request);
    effect
}

/// Asks for the moderation queue.
pub fn load_reports(ops: &mut Ops, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::Reports { page: 1 });
    ops.reports.start(request);
    effect
}

/// Asks for the settings.
pub fn load_settings(ops: &mut Ops, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::GetSettings);
    ops.settings.start(request);
    effect
}

/// Asks for the audit log with the current filter and page.
pub fn load_audit(ops: &mut Ops, out: &mut Out) -> Effect {
    ops.audit_page = ops.audit_page.max(1);
    let (request, effect) = out.call(ApiCall::Audit(AuditQuery {
        action: ops.audit_action_filter().map(str::to_owned),
        page: Some(ops.audit_page.to_string()),
        per_page: Some(PER_PAGE.to_string()),
        ..AuditQuery::default()
    }));
    ops.audit.start(request);
    effect
}

/// Loads every operator screen (after sign-in).
pub fn load_all(ops: &mut Ops, out: &mut Out) -> Effect {
    Effect::Batch(vec![
        load_shops(ops, out),
        load_reports(ops, out),
        load_settings(ops, out),
        load_audit(ops, out),
        campaigns::load(ops, out),
        campaigns::load_choices(ops, out),
        disputes::load(ops, out),
        kpis::load(ops, out),
    ])
}

/// Reloads the screen on show (`r`).
pub fn reload(ops: &mut Ops, out: &mut Out) -> Effect {
    match ops.tab {
        OpsTab::Shops => load_shops(ops, out),
        OpsTab::Reports => load_reports(ops, out),
        OpsTab::Settings => load_settings(ops, out),
        OpsTab::Audit => load_audit(ops, out),
        OpsTab::Campaigns => Effect::Batch(vec![
            campaigns::load(ops, out),
            campaigns::load_choices(ops, out),
        ]),
        OpsTab::Disputes => disputes::load(ops, out),
        OpsTab::Kpis => kpis::load(ops, out),
    }
}

/// A key on the operator screens.
pub fn key(ops: &mut Ops, action: Action, out: &mut Out) -> Option<Effect> {
    let Ops {
        overlay,
        categories,
        ..
    } = ops;
    match overlay {
        Some(Overlay::Form(form)) => {
            if action == Action::Cancel {
                ops.overlay = None;
                return None;
            }
            if form.pending.is_some() {
                return None;
            }
            match action {
                Action::FocusNext | Action::Down => form.move_focus(false),
                Action::FocusPrev | Action::Up => form.move_focus(true),
                Action::Submit => {
                    return match form.kind {
                        FormKind::Settings => settings::submit(ops, out),
                        FormKind::NewCampaign => campaigns::submit(ops, out),
                        FormKind::EndCampaign { .. } => campaigns::submit_end(ops),
                        FormKind::DisputeDecision { .. } => disputes::submit(ops),
                        FormKind::Payout { .. } => payouts::submit(ops),
                        _ => decide::submit(ops),
                    };
                }
                action => {
                    if let Some(edit) = form_edit(&action) {
                        form.edit(edit, categories.data.as_deref().unwrap_or_default());
                    }
                }
            }
            return None;
        }
        Some(Overlay::Confirm(_)) => return decide::confirm_key(ops, action, out),
        // Only the seller's CSV import opens a report; Esc closes one all the same.
        Some(Overlay::Report(_)) => {
            if action == Action::Cancel {
                ops.overlay = None;
            }
            return None;
        }
        None => {}
    }
    let tab = match action {
        Action::OpsTab(tab) => tab,
        Action::NextTab => ops.tab.next(),
        Action::PrevTab => ops.tab.prev(),
        Action::Refresh => {
            out.clear_notice();
            return Some(reload(ops, out));
        }
        Action::Decide(decision) => return decide::start(ops, decision, out),
        Action::Dispute(verb) => return disputes::start(ops, verb, out),
        Action::PayOut if ops.tab == OpsTab::Shops => {
            payouts::start(ops);
            return None;
        }
        Action::Edit if ops.tab == OpsTab::Settings => {
            settings::open(ops, out);
            return None;
        }
        Action::New if ops.tab == OpsTab::Campaigns => {
            campaigns::open(ops);
            return None;
        }
        Action::Delete if ops.tab == OpsTab::Campaigns => {
            campaigns::start_end(ops, out);
            return None;
        }
        action if ops.tab == OpsTab::Disputes => return disputes::list_key(ops, action, out),
        action if ops.tab == OpsTab::Kpis => return kpis::key(ops, action, out),
        action => return list_key(ops, action, out),
    };
    ops.tab = tab;
    out.clear_notice();
    None
}

fn step(selected: &mut usize, len: usize, down: bool) {
    *selected = if down {
        (*selected + 1).min(len.saturating_sub(1))
    } else {
        selected.saturating_sub(1)
    };
}

fn list_key(ops: &mut Ops, action: Action, out: &mut Out) -> Option<Effect> {
    let down = matches!(action, Action::Down | Action::PageDown | Action::NextFilter);
    match (ops.tab, action) {
        (OpsTab::Shops, Action::Down | Action::Up) => {
            let len = ops.shop_items().len();
            step(&mut ops.shop_selected, len, down);
        }
        (OpsTab::Reports, Action::Down | Action::Up) => {
            let len = ops.report_items().len();
            step(&mut ops.report_selected, len, down);
        }
        (OpsTab::Audit, Action::Down | Action::Up) => {
            let len = ops.audit_items().len();
            step(&mut ops.audit_selected, len, down);
        }
        (OpsTab::Campaigns, Action::Down | Action::Up) => {
            let len = ops.campaign_items().len();
            step(&mut ops.campaign_selected, len, down);
        }
        (OpsTab::Shops, Action::NextFilter | Action::PrevFilter) => {
            let count = SHOP_FILTERS.len();
            ops.shop_filter = (ops.shop_filter + if down { 1 } else { count - 1 }) % count;
            ops.shop_page = 1;
            ops.shop_selected = 0;
            return Some(load_shops(ops, out));
        }
        (OpsTab::Audit, Action::NextFilter | Action::PrevFilter) => {
            let count = AUDIT_FILTERS.len();
            ops.audit_filter = (ops.audit_filter + if down { 1 } else { count - 1 }) % count;
            ops.audit_page = 1;
            ops.audit_selected = 0;
            return Some(load_audit(ops, out));
        }
        (OpsTab::Shops, Action::PageDown | Action::PageUp) => {
            let target = if down {
                ops.shop_page + 1
            } else {
                ops.shop_page.saturating_sub(1)
            };
            if target >= 1 && target <= ops.shop_pages() && ops.shops.load != Loading::Loading {
                ops.shop_page = target;
                ops.shop_selected = 0;
                return Some(load_shops(ops, out));
            }
        }
        (OpsTab::Audit, Action::PageDown | Action::PageUp) => {
            let target = if down {
                ops.audit_page + 1
            } else {
                ops.audit_page.saturating_sub(1)
            };
            if target >= 1 && target <= ops.audit_pages() && ops.audit.load != Loading::Loading {
                ops.audit_page = target;
                ops.audit_selected = 0;
                return Some(load_audit(ops, out));
            }
        }
        _ => {}
    }
    None
}

/// Applies an answer meant for the operator screens (any other answer is dropped).
pub fn answered(ops: &mut Ops, request: u64, answer: Answer, out: &mut Out) -> Option<Effect> {
    match answer {
        Answer::ShopQueue(result) => {
            ops.shops.accept(request, result);
            let len = ops.shop_items().len();
            ops.shop_selected = ops.shop_selected.min(len.saturating_sub(1));
        }
        Answer::Reports(result) => {
            ops.reports.accept(request, result);
            let len = ops.report_items().len();
            ops.report_selected = ops.report_selected.min(len.saturating_sub(1));
        }
        Answer::Audit(result) => {
            ops.audit.accept(request, result);
            let len = ops.audit_items().len();
            ops.audit_selected = ops.audit_selected.min(len.saturating_sub(1));
        }
        Answer::Settings(result) => {
            ops.settings.accept(request, result);
        }
        Answer::Campaigns(result) => {
            ops.campaigns.accept(request, result);
            let len = ops.campaign_items().len();
            ops.campaign_selected = ops.campaign_selected.min(len.saturating_sub(1));
        }
        Answer::Categories(result) => {
            ops.categories
                .accept(request, result.map(|page| page.items));
        }
        Answer::ApprovedShops(result) => {
            ops.approved.accept(request, result.map(|page| page.items));
        }
        Answer::CampaignCreated(result) => return campaigns::created(ops, request, result, out),
        Answer::CampaignEnded(result) => return campaigns::ended(ops, request, result, out),
        Answer::SettingsSaved(result) => return settings::saved(ops, request, result, out),
        Answer::Decided(result) => return decide::decided(ops, request, result, out),
        Answer::Disputes(result) => disputes::loaded(ops, request, result),
        Answer::DisputeDecided(result) => return disputes::decided(ops, request, result, out),
        Answer::PaidOut(result) => return payouts::paid_out(ops, request, result, out),
        Answer::Kpis(result) => kpis::loaded(ops, request, result),
        _ => {}
    }
    None
}

/// The settings as (field, label, hint) and value, in form order.
pub fn settings_fields(
    settings: &api_types::operating::PlatformSettings,
) -> Vec<((&'static str, &'static str, &'static str), i64)> {
    settings::FIELDS
        .iter()
        .copied()
        .zip([
            settings.commission_rate_bps,
            settings.cashback_rate_bps,
            settings.return_window_days,
            settings.pickup_hold_days,
        ])
        .collect()
}
