//! Disputes on seller orders (issue 8): the shopper complains about their part of an
//! order, the shop answers once, an operator decides — a refund clawed back from the
//! shop's payable, or a rejection — and both sides read the outcome.
//!
//! Here is what both sides share ([`Disputes`]: the list, its filter and selection;
//! [`DisputeFilter`]; [`DisputeVerb`]) and the seller's screen: the shop's disputes, and
//! answering an open one. The operator's screen is `ops::disputes`.
//!
//! - `answer`: the seller's answer: a form, a confirmation (an answer is final), the
//!   request and its answer.

mod answer;
#[cfg(test)]
mod tests;

use api_types::ListResponse;
use api_types::operating::Dispute;

pub use answer::{answered, confirmed, submit};

use super::{Desk, Out, Remote};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};

/// The longest answer the server takes, in characters.
pub const ANSWER_MAX: usize = 2000;

/// What a dispute key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeVerb {
    /// The seller answers the shopper's claim (once, while open).
    Answer,
    /// The operator refunds the shopper (an amount, a reason), clawed back from the shop.
    Refund,
    /// The operator turns the claim down (a reason).
    Reject,
}

impl DisputeVerb {
    /// What the step is called on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Answer => "answer",
            Self::Refund => "refund",
            Self::Reject => "reject",
        }
    }
}

/// Which disputes a list shows; `f` cycles through them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DisputeFilter {
    /// Waiting for a decision (the operator's queue).
    #[default]
    Open,
    /// Refunded or rejected.
    Decided,
    /// Every dispute.
    All,
}

impl DisputeFilter {
    /// Every filter, in the order `f` goes through them.
    pub const ALL: [Self; 3] = [Self::Open, Self::Decided, Self::All];

    /// How the filter reads in a title.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Decided => "decided",
            Self::All => "all",
        }
    }

    /// The `status` asked of the server. The API filters on one status at a time, so
    /// "decided" asks for every dispute and [`keeps`](Self::keeps) leaves the open ones out.
    pub fn status(self) -> Option<&'static str> {
        match self {
            Self::Open => Some("open"),
            Self::Decided | Self::All => None,
        }
    }

    /// Whether the list shows `dispute`.
    pub fn keeps(self, dispute: &Dispute) -> bool {
        match self {
            Self::Open => dispute.status == "open",
            Self::Decided => dispute.status != "open",
            Self::All => true,
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The filter after (or, with `forward` false, before) this one, wrapping.
    pub fn cycle(self, forward: bool) -> Self {
        let count = Self::ALL.len();
        let step = if forward { 1 } else { count - 1 };
        Self::ALL[(self.index() + step) % count]
    }
}

/// A list of disputes, as either side sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Disputes {
    /// What the server sent, without what the filter leaves out.
    pub list: Remote<ListResponse<Dispute>>,
    /// Which disputes are shown.
    pub filter: DisputeFilter,
    /// The index of the selected row.
    pub selected: usize,
    /// How many open disputes wait for the shop's answer, from the last list holding every
    /// open one (the seller's tab shows it).
    pub to_answer: Option<usize>,
}

impl Disputes {
    /// An empty list showing `filter`.
    pub fn with_filter(filter: DisputeFilter) -> Self {
        Self {
            filter,
            ..Self::default()
        }
    }

    /// The disputes shown (none before the first answer).
    pub fn items(&self) -> &[Dispute] {
        self.list
            .data
            .as_ref()
            .map_or(&[], |page| page.items.as_slice())
    }

    /// The selected dispute, if any.
    pub fn selected_dispute(&self) -> Option<&Dispute> {
        self.items().get(self.selected)
    }

    /// Moves the selection one row down (or up), staying on the list.
    pub fn step(&mut self, down: bool) {
        self.selected = if down {
            self.selected + 1
        } else {
            self.selected.saturating_sub(1)
        };
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.items().len().saturating_sub(1));
    }

    /// Takes the answer to `request`, keeping what the filter shows; `false` when it
    /// answers an older request.
    pub fn accept(
        &mut self,
        request: u64,
        result: Result<ListResponse<Dispute>, ApiError>,
    ) -> bool {
        let filter = self.filter;
        let result = result.map(|mut page| {
            page.items.retain(|dispute| filter.keeps(dispute));
            page.total = page.items.len() as u64;
            page
        });
        if !self.list.accept(request, result) {
            return false;
        }
        if filter != DisputeFilter::Decided && self.list.data.is_some() {
            self.to_answer = Some(self.items().iter().filter(|d| awaits_answer(d)).count());
        }
        self.clamp();
        true
    }

    /// Puts `dispute` in place of its row, after an answer or a decision.
    pub fn replace(&mut self, dispute: Dispute) {
        let was_waiting = self
            .items()
            .iter()
            .any(|row| row.id == dispute.id && awaits_answer(row));
        if was_waiting
            && !awaits_answer(&dispute)
            && let Some(count) = self.to_answer.as_mut()
        {
            *count = count.saturating_sub(1);
        }
        if let Some(row) = self
            .list
            .data
            .as_mut()
            .and_then(|page| page.items.iter_mut().find(|row| row.id == dispute.id))
        {
            *row = dispute;
        }
    }
}

/// Whether `dispute` waits for the shop's answer.
pub fn awaits_answer(dispute: &Dispute) -> bool {
    dispute.status == "open" && dispute.seller_answer.is_none()
}

/// What can still be refunded on the disputed part of the order.
pub fn refundable(dispute: &Dispute) -> i64 {
    dispute
        .part_total_cents
        .saturating_sub(dispute.part_refunded_cents)
        .max(0)
}

/// How the shopper's claim reads on screen.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "not_received" => "not received",
        "not_as_described" => "not as described",
        other => other,
    }
}

/// Asks for the shop's disputes with the current filter.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let disputes = &mut desk.disputes;
    let (request, effect) = out.call(ApiCall::SellerDisputes {
        status: disputes.filter.status().map(str::to_owned),
    });
    disputes.list.start(request);
    effect
}

/// The answer to the shop's disputes.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<ListResponse<Dispute>, ApiError>) {
    desk.disputes.accept(request, result);
}

/// A key on the seller's disputes screen.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    match action {
        Action::Down | Action::Up => desk.disputes.step(action == Action::Down),
        Action::NextFilter | Action::PrevFilter => {
            let disputes = &mut desk.disputes;
            disputes.filter = disputes.filter.cycle(action == Action::NextFilter);
            disputes.selected = 0;
            out.clear_notice();
            return Some(load(desk, out));
        }
        Action::Dispute(DisputeVerb::Answer) => answer::start(desk, out),
        _ => {}
    }
    None
}
