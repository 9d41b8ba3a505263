//! What sits over a seller screen: an edit form or a confirmation dialog, and how keys
//! work there.

use super::form::{Edit, Form, FormKind};
use super::offers::spreadsheet::{self, ReportView};
use super::ops::{DecisionConfirm, DisputeConfirm};
use super::orders::{self, OrderConfirm};
use super::stock::{self, TransferConfirm};
use super::till::{self, TillConfirm};
use super::{Desk, Out, cashback, disputes, location_form, offer_form};
use crate::console::action::{Action, ApiCall, Effect};

/// A modal window over the seller screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// An edit form.
    Form(Form),
    /// A yes/no question before something that cannot be undone.
    Confirm(Confirm),
    /// What a CSV import did, line by line.
    Report(Box<ReportView>),
}

/// A confirmation dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// The dialog's title.
    pub title: &'static str,
    /// The question.
    pub message: String,
    /// What "yes" does.
    pub then: Confirmed,
}

/// What a confirmation dialog's "yes" does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// Withdraw an offer for good.
    DeleteOffer {
        /// The offer.
        id: String,
        /// Its title, for the notice.
        title: String,
    },
    /// A step on a seller order (cancel, refund, a return).
    Order(OrderConfirm),
    /// Move free units of an offer between two locations.
    Transfer(TransferConfirm),
    /// An operator's decision on a shop or offer.
    Decision(DecisionConfirm),
    /// An operator ending (or withdrawing) a cashback campaign.
    EndCampaign(DecisionConfirm),
    /// A seller's answer to a dispute (final once sent).
    AnswerDispute(DecisionConfirm),
    /// An operator's refund or rejection of a dispute.
    DecideDispute(DisputeConfirm),
    /// An operator paying a shop its payable balance.
    Payout(DecisionConfirm),
    /// A sale at the till (now, or ordered for the shopper).
    Till(Box<TillConfirm>),
}

/// The edit a form key makes, if it is one.
pub fn form_edit(action: &Action) -> Option<Edit> {
    match action {
        Action::Input(c) => Some(Edit::Char(*c)),
        Action::Paste(text) => Some(Edit::Paste(text.clone())),
        Action::Backspace => Some(Edit::Backspace),
        Action::ClearField => Some(Edit::Clear),
        Action::Left => Some(Edit::Left),
        Action::Right => Some(Edit::Right),
        _ => None,
    }
}

pub fn form_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let Desk {
        overlay: Some(Overlay::Form(form)),
        categories,
        ..
    } = desk
    else {
        return None;
    };
    if action == Action::Cancel {
        desk.overlay = None;
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
                FormKind::NewOffer | FormKind::EditOffer { .. } => offer_form::submit(form, out),
                FormKind::NewLocation | FormKind::EditLocation { .. } => {
                    location_form::submit(form, out)
                }
                FormKind::Order { .. } => orders::submit(desk, out),
                FormKind::ShopBoost | FormKind::OfferBoost { .. } => cashback::submit(desk, out),
                FormKind::StockLevel { .. } => stock::change::submit(desk, out),
                FormKind::StockTransfer { .. } => stock::transfer::submit(desk),
                FormKind::LowStockThreshold { .. } => stock::low::submit(desk, out),
                FormKind::DisputeAnswer { .. } => disputes::submit(desk),
                FormKind::ImportCsv | FormKind::ExportCsv => spreadsheet::submit(desk, out),
                FormKind::TillAisle { .. } => till::aisle::submit(desk, out),
                FormKind::OpenShop
                | FormKind::Decision { .. }
                | FormKind::Settings
                | FormKind::NewCampaign
                | FormKind::EndCampaign { .. }
                | FormKind::DisputeDecision { .. }
                | FormKind::Payout { .. } => None,
            };
        }
        action => {
            if let Some(edit) = form_edit(&action) {
                let list = categories.data.as_deref().unwrap_or_default();
                form.edit(edit, list);
                till::aisle::reshape(form);
            }
        }
    }
    None
}

pub fn confirm_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let yes = match action {
        Action::Confirm(yes) => yes,
        Action::Cancel => false,
        _ => return None,
    };
    let Some(Overlay::Confirm(confirm)) = desk.overlay.take() else {
        return None;
    };
    match confirm.then {
        Confirmed::DeleteOffer { id, title } if yes => {
            out.info(format!("Deleting “{title}”…"));
            Some(out.call(ApiCall::DeleteOffer { id }).1)
        }
        Confirmed::DeleteOffer { .. } => None,
        Confirmed::Order(step) => orders::confirmed(desk, step, yes, out),
        Confirmed::Transfer(transfer) => stock::transfer::confirmed(desk, transfer, yes, out),
        Confirmed::AnswerDispute(answer) => disputes::confirmed(desk, answer, yes, out),
        Confirmed::Till(sale) => till::confirmed(desk, *sale, yes, out),
        Confirmed::Decision(_)
        | Confirmed::EndCampaign(_)
        | Confirmed::DecideDispute(_)
        | Confirmed::Payout(_) => None,
    }
}
