//! Talking to the server: [`Remote`] data and where its request stands, [`Out`] for the
//! requests and notices an update makes, and [`apply`] for the answers.

use super::{
    cashback, dashboard, disputes, locations, offers, ops, orders, payouts, shop, stock, till,
};
use crate::client::ApiError;
use crate::console::action::{Answer, ApiCall, Effect};
use crate::console::state::{Loading, Notice, Session};

/// Something fetched from the server: the last data, and where the last request stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote<T> {
    /// The last data received (kept while reloading or after a failed reload).
    pub data: Option<T>,
    /// Where the last request stands.
    pub load: Loading,
    /// The request whose answer is awaited.
    pub pending: Option<u64>,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Self {
            data: None,
            load: Loading::Idle,
            pending: None,
        }
    }
}

impl<T> Remote<T> {
    /// Marks request `request` as asked.
    pub fn start(&mut self, request: u64) {
        self.pending = Some(request);
        self.load = Loading::Loading;
    }

    /// Takes the answer to `request`; an answer to an older request is ignored (`false`).
    pub fn accept(&mut self, request: u64, result: Result<T, ApiError>) -> bool {
        if self.pending != Some(request) {
            return false;
        }
        self.pending = None;
        match result {
            Ok(data) => {
                self.data = Some(data);
                self.load = Loading::Loaded;
            }
            Err(error) => {
                self.load = Loading::Error {
                    message: error.to_string(),
                    retry_in_secs: None,
                };
            }
        }
        true
    }
}

/// Where [`update`](super::update) puts what it wants done besides changing the desk: request ids,
/// effects, status-bar notices.
#[derive(Debug)]
pub struct Out<'a> {
    token: String,
    last_request: &'a mut u64,
    notice: &'a mut Option<Notice>,
}

impl<'a> Out<'a> {
    /// Requests carry `token`; ids continue from `last_request`; notices go to `notice`.
    pub fn new(token: String, last_request: &'a mut u64, notice: &'a mut Option<Notice>) -> Self {
        Self {
            token,
            last_request,
            notice,
        }
    }

    /// A new request id and the effect making `call` with it.
    pub fn call(&mut self, call: ApiCall) -> (u64, Effect) {
        *self.last_request += 1;
        let request = *self.last_request;
        let effect = Effect::Api {
            request,
            token: self.token.clone(),
            call: Box::new(call),
        };
        (request, effect)
    }

    /// The newest request id handed out so far. Ids only grow, so an answer to a request
    /// up to this one was asked before now, and may be older than what is changed now.
    pub fn issued(&self) -> u64 {
        *self.last_request
    }

    /// A new id and the session's token, for IO that is not one API call (a CSV job).
    pub fn job(&mut self) -> (u64, String) {
        *self.last_request += 1;
        (*self.last_request, self.token.clone())
    }

    /// Tells the user something went well.
    pub fn info(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::info(text));
    }

    /// Clears the status bar (the user moved on).
    pub fn clear_notice(&mut self) {
        *self.notice = None;
    }

    /// Tells the user something went wrong.
    pub fn error(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::error(text));
    }
}

/// Applies the answer to request `request`. Answers to requests no longer awaited (a
/// page left, a form closed) change what they can and are otherwise dropped.
pub fn apply(session: &mut Session, request: u64, answer: Answer, out: &mut Out) -> Option<Effect> {
    let desk = &mut session.desk;
    match answer {
        Answer::Shop(result) => {
            let fresh = result.as_ref().ok().map(shop::summary);
            if desk.shop.accept(request, result)
                && let Some(summary) = fresh
            {
                session.shop = Some(summary);
            }
        }
        Answer::ShopCreated(result) => shop::created(session, request, result, out),
        Answer::Offers(result) => offers::loaded(desk, request, result),
        Answer::OfferSaved(result) => offers::saved(desk, request, result, out),
        Answer::OfferDeleted { id, result } => offers::deleted(desk, &id, result, out),
        Answer::Stock { offer_id, result } => {
            return stock::change::saved(desk, request, &offer_id, result, out);
        }
        Answer::Transferred { offer_id, result } => {
            return stock::transfer::transferred(desk, request, &offer_id, result, out);
        }
        Answer::Movements(result) => stock::history::loaded(desk, request, result),
        Answer::LowStock(result) => stock::low::loaded(desk, request, result),
        Answer::ThresholdSaved { offer_id, result } => {
            return stock::low::saved(desk, request, &offer_id, result, out);
        }
        Answer::Locations(result) => locations::loaded(desk, request, result),
        Answer::LocationSaved(result) => locations::saved(desk, request, result, out),
        Answer::Categories(result) if desk.categories.pending == Some(request) => {
            desk.categories
                .accept(request, result.map(|page| page.items));
        }
        Answer::Orders(result) if orders::is_list_poll(desk, request) => {
            orders::polled(desk, result, out);
        }
        Answer::Orders(result) => orders::loaded(desk, request, result),
        Answer::OrderCount(result) if orders::is_count_poll(desk, request) => {
            let before = desk.orders.to_handle.data;
            orders::count_polled(desk, result);
            if desk.orders.to_handle.data != before {
                return dashboard::orders_moved(desk, out);
            }
        }
        Answer::OrderCount(result) => orders::counted(desk, request, result),
        Answer::Order(result) => orders::refreshed(desk, result, out),
        Answer::OrderChanged { id, result } => {
            return orders::changed(desk, request, &id, result, out);
        }
        Answer::Cashback(result) => cashback::loaded(desk, request, result),
        Answer::BoostSaved(result) => return cashback::saved(desk, request, result, out),
        Answer::SellerDisputes(result) => disputes::loaded(desk, request, result),
        Answer::DisputeAnswered(result) => return disputes::answered(desk, request, result, out),
        Answer::Payouts(result) => payouts::loaded(desk, request, result),
        Answer::Dashboard(result) => dashboard::loaded(desk, request, result),
        Answer::TillCart(result) => till::loaded(desk, request, result, out),
        Answer::TillSold(result) => return till::sold(desk, request, result, out),
        answer @ (Answer::ShopQueue(_)
        | Answer::Decided(_)
        | Answer::Reports(_)
        | Answer::Settings(_)
        | Answer::SettingsSaved(_)
        | Answer::Audit(_)
        | Answer::Categories(_)
        | Answer::Campaigns(_)
        | Answer::ApprovedShops(_)
        | Answer::CampaignCreated(_)
        | Answer::CampaignEnded(_)
        | Answer::Disputes(_)
        | Answer::DisputeDecided(_)
        | Answer::PaidOut(_)
        | Answer::Kpis(_)) => {
            return ops::answered(&mut session.ops, request, answer, out);
        }
    }
    None
}
